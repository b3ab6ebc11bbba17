import type { Address, Client } from 'viem';
import { getBalance, readContract } from 'viem/actions';
import { erc20Abi } from '../chain/abis';
import { sameAddress } from '../format';
import { stepOutput } from './steps';
import type { FlowOption, FlowState, StepSpec, TokenAmount } from './types';

/** ETH and every token the flow produced, as the chain shows them now. */
export async function readHoldings(client: Client, state: FlowState): Promise<TokenAmount[]> {
  const from = state.plan.from;
  const tokens: { token: Address; symbol: string }[] = [];
  for (const step of state.plan.steps) {
    const out = step.output ?? stepOutput(step.spec);
    if (!out) continue;
    // Same token again: the later step's entry replaces the earlier one, in its place.
    const known = tokens.findIndex((t) => sameAddress(t.token, out.token));
    if (known >= 0) tokens[known] = out;
    else tokens.push(out);
  }
  const [eth, ...balances] = await Promise.all([
    getBalance(client, { address: from }),
    ...tokens.map((t) =>
      readContract(client, { address: t.token, abi: erc20Abi, functionName: 'balanceOf', args: [from] }).catch(() => undefined),
    ),
  ]);
  const out: TokenAmount[] = [{ token: 'ETH', symbol: 'ETH', amount: eth.toString() }];
  tokens.forEach((t, i) => {
    const b = balances[i];
    if (b !== undefined && b > 0n) out.push({ token: t.token, symbol: t.symbol, amount: b.toString() });
  });
  return out;
}

/**
 * What the user can do after step `failed` stopped the flow: retry it, or undo what the finished
 * steps left behind as a new flow (unwrap a wrapper, revoke an approval nothing used). Stakes and
 * deposits have no instant undo; they are named with the way out.
 */
export function failureOptions(state: FlowState, failed: number): FlowOption[] {
  const options: FlowOption[] = [
    { kind: 'retry', step: failed, label: `Retry step ${failed + 1}: ${state.plan.steps[failed]?.label ?? ''}` },
  ];
  const unwind: StepSpec[] = [];
  const notes: string[] = [];
  const mined = state.plan.steps.filter((_, i) => state.steps[i]?.status === 'mined');
  for (const step of [...mined].reverse()) {
    const actual = state.steps[step.index]?.actualOut;
    const spec = step.spec;
    if (spec.kind === 'wrap' && actual) unwind.push({ kind: 'unwrap', wrapper: spec.wrapper, amount: { from: 'fixed', wei: actual } });
    if (spec.kind === 'approve') unwind.push({ ...spec, amount: { from: 'fixed', wei: '0' } });
    if (spec.kind === 'stake')
      notes.push(`${spec.symbol}: no instant unstake; keep it, sell it on a pool, or request a protocol withdrawal`);
    if (spec.kind === 'aave-supply') notes.push(`Aave: withdraw ${spec.symbol} from the Pool whenever you want`);
    if (spec.kind === 'eigen-deposit') notes.push('EigenLayer: queue a withdrawal; it is claimable after the withdrawal delay');
  }
  if (unwind.length)
    options.push({
      kind: 'unwind',
      label: 'Undo the finished steps that can be undone',
      steps: unwind,
      ...(notes.length ? { note: notes.join('. ') } : {}),
    });
  else if (notes.length) options.push({ kind: 'note', label: notes.join('. ') });
  return options;
}
