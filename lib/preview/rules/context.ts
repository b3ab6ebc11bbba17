import type { Address, Client } from 'viem';
import { erc20Abi } from '../../chain/abis';
import { formatAmount } from '../../format';
import type { KnownAddress, RiskFlag } from '../../risk';
import type { CallAnalysis } from '../decode';
import { knownToken, shortAddress } from '../labels';
import type { BatchReader } from '../reader';
import type { SimulateReturnType } from '../simulate';
import type { PreviewExposure, PreviewFacts, PreviewRegistry } from '../types';

export type RuleContext = {
  /** The user's RPC, for a rule that needs its own simulation (e.g. reads after the calls in one eth_simulateV1 block). */
  client: Client;
  from: Address;
  calls: readonly CallAnalysis[];
  reader: BatchReader;
  registry: PreviewRegistry;
  chainId: number;
  nowSeconds: bigint;
  /** Resolves once the simulation is back; rules that need minted amounts wait on it, others do not. */
  simulation: Promise<SimulateReturnType & { deltas?: Map<string, bigint> }>;
  /** The user's own accounts, address book and addresses sent to (Activity); undefined when not given (guard mode). */
  known?: readonly KnownAddress[];
  /** The sender's current restaking exposure (portfolio snapshot); undefined when not given (guard mode, no snapshot yet). */
  exposure?: PreviewExposure;
};

export type RuleOutput = { flags: RiskFlag[]; checked: string[]; notChecked: string[]; facts?: PreviewFacts };
export type Rule = (ctx: RuleContext) => Promise<RuleOutput>;

export const emptyOutput = (): RuleOutput => ({ flags: [], checked: [], notChecked: [] });

/** A warn flag that stands for "this could not be checked", so a failed read never reads as "no risk". */
export function couldNotCheck(id: string, what: string, why: string): RiskFlag {
  return {
    id: `preview.unchecked.${id}`,
    severity: 'warn',
    title: `Could not check ${what}`,
    numbers: { reason: why },
    why: 'A read needed for this check failed, so the risk is unknown, not absent. Retry, or check your RPC in Settings → Networks.',
  };
}

/** Symbol and decimals: registry first, else symbol()/decimals() through the batch reader. */
export async function tokenMeta(ctx: RuleContext, token: Address): Promise<{ symbol: string; decimals: number }> {
  const known = knownToken(ctx.registry, token);
  if (known) return known;
  const [symbol, decimals] = await Promise.all([
    ctx.reader.read<string>({ address: token, abi: erc20Abi, functionName: 'symbol' }),
    ctx.reader.read<number>({ address: token, abi: erc20Abi, functionName: 'decimals' }),
  ]);
  return { symbol: symbol.ok ? symbol.value : shortAddress(token), decimals: decimals.ok ? Number(decimals.value) : 18 };
}

/** eth_getCode verdict for a rule; undefined (with a flag pushed) when the node did not answer. */
export async function codeOf(ctx: RuleContext, out: RuleOutput, address: Address, role: string): Promise<boolean | undefined> {
  const code = await ctx.reader.hasCode(address);
  if (code.ok) {
    out.checked.push(`code at ${role} ${shortAddress(address)}: ${code.value ? 'contract' : 'no code'}`);
    return code.value;
  }
  out.notChecked.push(`whether ${role} ${shortAddress(address)} is a contract: ${code.error}`);
  out.flags.push(couldNotCheck('code', `whether ${role} ${shortAddress(address)} is a contract`, code.error));
  return undefined;
}

/**
 * A received LRT whose look-through the last portfolio snapshot lacks: said in notChecked and as an info flag, so
 * its slashing exposure is visibly missing rather than counted as none. `behind` names what is unknown.
 */
export function lookThroughUnknown(
  out: RuleOutput,
  r: { symbol: string; amount: bigint },
  { behind, reason, why }: { behind: 'Operators' | 'Networks'; reason: string; why: string },
): void {
  out.notChecked.push(`${r.symbol} look-through: ${reason}`);
  out.flags.push({
    id: 'lrt.lookthrough-unknown',
    severity: 'info',
    title: `${behind} behind ${r.symbol} are unknown`,
    numbers: { received: formatAmount(r.amount, 18, r.symbol, { maxFractionDigits: 6 }), reason },
    why,
  });
}
