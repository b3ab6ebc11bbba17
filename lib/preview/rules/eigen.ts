import { zeroAddress, type Address } from 'viem';
import { allocationManagerAbi, delegationManagerAbi, strategyAbi, strategyManagerAbi } from '../../chain/abis';
import { EIGENLAYER, EIGEN_STRATEGIES, RESTAKING_TOKENS, type RestakingSymbol } from '../../restaking';
import { formatAmount, formatPercent } from '../../format';
import { ethAtRiskPerSet, mulDiv, WAD, type RiskFlag } from '../../risk';
import { sameAddress, shortAddress } from '../labels';
import { couldNotCheck, emptyOutput, type Rule, type RuleContext, type RuleOutput } from './context';
import { fairRate } from './fair-rate';

/** `tokens` is still being read when the stake is known: its read goes out with the operator's allocations. */
type Stake = { strategy: Address; tokens: Promise<bigint> };
type OperatorSetRef = { avs: Address; id: number };

const strategySymbol = (strategy: Address) =>
  (Object.entries(EIGEN_STRATEGIES) as [RestakingSymbol, Address][]).find(([, address]) => sameAddress(address, strategy))?.[0];

/** What the staker puts at the operator's disposal: existing deposits for delegateTo, the amount for a deposit. */
async function stakesOf(
  ctx: RuleContext,
  out: RuleOutput,
  kind: 'delegate' | 'deposit',
  args: readonly unknown[],
): Promise<Stake[] | undefined> {
  if (kind === 'deposit') return [{ strategy: args[0] as Address, tokens: Promise.resolve(args[2] as bigint) }];
  const deposits = await ctx.reader.read<readonly [readonly Address[], readonly bigint[]]>({
    address: EIGENLAYER.strategyManager,
    abi: strategyManagerAbi,
    functionName: 'getDeposits',
    args: [ctx.from],
  });
  if (!deposits.ok) {
    out.notChecked.push(`your EigenLayer deposits: ${deposits.error}`);
    out.flags.push(couldNotCheck('eigen-deposits', 'your EigenLayer deposits', deposits.error));
    return undefined;
  }
  const [strategies, shares] = deposits.value;
  return strategies.map((strategy, i) => ({
    strategy,
    tokens: ctx.reader
      .read<bigint>({ address: strategy, abi: strategyAbi, functionName: 'sharesToUnderlyingView', args: [shares[i] ?? 0n] })
      .then((r) => (r.ok ? r.value : 0n)),
  }));
}

async function exposureFlag(
  ctx: RuleContext,
  out: RuleOutput,
  operator: Address,
  stake: Stake,
  sets: readonly OperatorSetRef[],
): Promise<void> {
  const symbol = strategySymbol(stake.strategy);
  const [tokens, maxMagnitude, allocations, fair] = await Promise.all([
    stake.tokens,
    ctx.reader.read<bigint>({
      address: EIGENLAYER.allocationManager,
      abi: allocationManagerAbi,
      functionName: 'getMaxMagnitude',
      args: [operator, stake.strategy],
    }),
    Promise.all(
      sets.map((set) =>
        ctx.reader.read<{ currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }>({
          address: EIGENLAYER.allocationManager,
          abi: allocationManagerAbi,
          functionName: 'getAllocation',
          args: [operator, set, stake.strategy],
        }),
      ),
    ),
    symbol
      ? fairRate(ctx.reader, RESTAKING_TOKENS[symbol])
      : Promise.resolve({ ok: false as const, error: `strategy ${shortAddress(stake.strategy)} is not in the registry` }),
  ]);
  const failed = [maxMagnitude, ...allocations].find((r) => !r.ok);
  if (failed && !failed.ok) {
    out.notChecked.push(`slashable allocations of operator ${shortAddress(operator)}: ${failed.error}`);
    out.flags.push(couldNotCheck('eigen-allocations', `the slashable allocations of operator ${shortAddress(operator)}`, failed.error));
    return;
  }
  if (!fair.ok) out.notChecked.push(`ETH value of the ${symbol ?? 'strategy'} stake: ${fair.error}; shown in tokens`);
  const ethValue = fair.ok ? mulDiv(tokens, fair.rate, WAD) : tokens;
  const max = BigInt(maxMagnitude.ok ? maxMagnitude.value : 0n);
  const inputs = sets.map((set, i) => {
    const a = allocations[i]!.ok
      ? (allocations[i] as { value: { currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number } }).value
      : undefined;
    return {
      operatorSet: set,
      currentMagnitude: BigInt(a?.currentMagnitude ?? 0n),
      pendingDiff: BigInt(a?.pendingDiff ?? 0n),
      effectBlock: BigInt(a?.effectBlock ?? 0),
    };
  });
  let result;
  try {
    result = ethAtRiskPerSet({ ethValue, maxMagnitude: max, allocations: inputs, fraction: WAD });
  } catch (error) {
    out.flags.push({
      id: 'eigen.operator-exhausted',
      severity: 'danger',
      title: `Operator ${shortAddress(operator)} has no ${symbol ?? ''} magnitude left`,
      numbers: { maxMagnitude: max.toString() },
      why: (error as Error).message,
    });
    return;
  }
  const unit = fair.ok ? 'ETH' : (symbol ?? 'tokens');
  // The stake is held (toward zero); what a slash can take is a risk (away from zero, as formatPercent).
  const held = (wei: bigint) => formatAmount(wei, 18, unit);
  const atRisk = (wei: bigint) => formatAmount(wei, 18, unit, { rounding: 'expand' });
  const numbers: Record<string, string> = { operator, stake: held(ethValue) };
  const slashable = result.perSet.filter((s) => s.slashableMagnitude > 0n);
  for (const s of slashable) {
    const share = formatPercent(Number(s.slashableMagnitude) / Number(max));
    numbers[`set ${shortAddress(s.operatorSet.avs)}#${s.operatorSet.id}`] = ethValue > 0n ? `${atRisk(s.ethAtRiskFull)} (${share})` : share;
  }
  numbers.worstCase =
    ethValue > 0n
      ? `${atRisk(result.worstCase.ethAtRisk)} (${formatPercent(result.worstCase.fraction)})`
      : formatPercent(result.worstCase.fraction);
  const flag: RiskFlag = slashable.length
    ? {
        id: 'eigen.slashable',
        severity: 'warn',
        title: `${ethValue > 0n ? atRisk(result.worstCase.ethAtRisk) : formatPercent(result.worstCase.fraction)} of this ${symbol ?? ''} stake can be slashed through operator ${shortAddress(operator)} in ${slashable.length} operator set${slashable.length > 1 ? 's' : ''}`,
        numbers,
        why: 'The operator has allocated this stake to AVS operator sets that can slash it. Each figure is the loss if that set slashes 100 %; the worst case is every set slashing at once.',
        source: { contract: EIGENLAYER.allocationManager, method: 'getAllocation / getMaxMagnitude' },
      }
    : {
        id: 'eigen.not-slashable',
        severity: 'info',
        title: `Operator ${shortAddress(operator)} has no slashable allocation of this stake`,
        numbers,
        why: 'No operator set can slash this stake today; an operator can allocate it later (after its allocation delay).',
      };
  out.flags.push(flag);
  out.checked.push(`operator ${shortAddress(operator)}: ${sets.length} allocated set(s), maxMagnitude ${max}`);
  (out.facts ??= {}).slashing = [
    ...(out.facts.slashing ?? []),
    {
      operator,
      strategy: stake.strategy,
      ethValue: ethValue.toString(),
      maxMagnitude: max.toString(),
      perSet: result.perSet.map((s) => ({
        avs: s.operatorSet.avs,
        id: s.operatorSet.id,
        magnitude: s.slashableMagnitude.toString(),
        ethAtRisk: s.ethAtRiskFull.toString(),
      })),
      worstCase: { magnitude: result.worstCase.magnitude.toString(), ethAtRisk: result.worstCase.ethAtRisk.toString() },
    },
  ];
}

/** delegateTo / depositIntoStrategy: how much ETH the operator's slashable allocations put at risk, per set and in the worst case. */
export const eigenRule: Rule = async (ctx) => {
  const out = emptyOutput();
  await Promise.all(
    ctx.calls.map(async ({ call, decoded, rawArgs }) => {
      const delegate = sameAddress(call.to, EIGENLAYER.delegationManager) && decoded.functionName === 'delegateTo';
      const deposit = sameAddress(call.to, EIGENLAYER.strategyManager) && decoded.functionName === 'depositIntoStrategy';
      if (!delegate && !deposit) return;
      let operator: Address;
      if (delegate) operator = rawArgs[0] as Address;
      else {
        const current = await ctx.reader.read<Address>({
          address: EIGENLAYER.delegationManager,
          abi: delegationManagerAbi,
          functionName: 'delegatedTo',
          args: [ctx.from],
        });
        if (!current.ok) {
          out.notChecked.push(`your EigenLayer delegation: ${current.error}`);
          out.flags.push(couldNotCheck('eigen-delegation', 'which operator your deposit is delegated to', current.error));
          return;
        }
        operator = current.value;
        if (sameAddress(operator, zeroAddress)) {
          out.checked.push('EigenLayer delegation: not delegated, so no AVS can slash this deposit until you delegate');
          return;
        }
      }
      const [stakes, sets] = await Promise.all([
        stakesOf(ctx, out, delegate ? 'delegate' : 'deposit', rawArgs),
        ctx.reader.read<readonly OperatorSetRef[]>({
          address: EIGENLAYER.allocationManager,
          abi: allocationManagerAbi,
          functionName: 'getAllocatedSets',
          args: [operator],
        }),
      ]);
      if (!sets.ok) {
        out.notChecked.push(`operator sets of ${shortAddress(operator)}: ${sets.error}`);
        out.flags.push(couldNotCheck('eigen-sets', `the operator sets of ${shortAddress(operator)}`, sets.error));
        return;
      }
      if (!stakes) return;
      // A delegation with nothing deposited yet still shows what share of future deposits is slashable.
      const priced = stakes.length ? stakes : [{ strategy: EIGEN_STRATEGIES.stETH, tokens: Promise.resolve(0n) }];
      await Promise.all(priced.map((stake) => exposureFlag(ctx, out, operator, stake, sets.value)));
    }),
  );
  return out;
};
