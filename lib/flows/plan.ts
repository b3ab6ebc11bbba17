import type { Address, Client } from 'viem';
import { getBalance, readContract } from 'viem/actions';
import { aavePoolAbi, delegationManagerAbi } from '../chain/abis';
import { AppError } from '../errors';
import { formatAmountExact, sameAddress } from '../format';
import { AAVE_V3, EIGENLAYER } from '../restaking';
import { scoreFlags, type RiskFlag } from '../risk';
import { attachFlowFee } from './fee';
import { aaveAfterProbes, liquidationDistanceFlag } from './aave-after';
import { attributeFlags, healthFactorFlag, walletMinOutFlag } from './flags';
import { recipeById } from './recipes';
import { resolveSteps } from './resolve';
import { balanceProbe, readWholeFlow, type FlowProbe, type SimulateFlowReturnType } from './simulate-flow';
import { stepInput } from './steps';
import type { FlowPlan, FlowPreview, StepPreview, StepSpec, TokenAmount } from './types';
import { DEFAULT_SLIPPAGE_BPS, assertFlowChain, assertOperator, validateSlippageBps } from './validate';

export type PlanFlowDeps = { client: Client; chainId: number; now(): number };

export type PlanFlowParameters = {
  recipeId: string;
  from: Address;
  /** ETH in, wei (validateAmount turns the typed text into this). */
  amount: bigint;
  /** Default 50 (0.5 %). */
  slippageBps?: number;
  operator?: Address;
  /** Also run lib/preview on the batch for the risk rules (default true). */
  riskRules?: boolean;
};

type Tracked = { token: Address | 'ETH'; symbol: string };

/** Every token the flow touches, for balance probes between steps. */
async function trackedTokens(client: Client, specs: readonly StepSpec[], steps: FlowPlan['steps']): Promise<Tracked[]> {
  const seen: Tracked[] = [{ token: 'ETH', symbol: 'ETH' }];
  const add = (t: Tracked | undefined) => t && !seen.some((s) => s.token === t.token || sameAddress(s.token, t.token)) && seen.push(t);
  steps.forEach((s) => add(s.output));
  specs.forEach((s) => add(stepInput(s)));
  for (const spec of specs) {
    if (spec.kind !== 'aave-supply') continue;
    const data = await readContract(client, {
      address: AAVE_V3.pool,
      abi: aavePoolAbi,
      functionName: 'getReserveData',
      args: [spec.asset],
    });
    add({ token: data.aTokenAddress, symbol: `aEth${spec.symbol}` });
  }
  return seen;
}

const bigintOf = (v: unknown): bigint | undefined => (typeof v === 'bigint' ? v : undefined);

/**
 * Plans a recipe for an amount: checks the inputs, resolves every step's amount and minimum from
 * simulations, then simulates the WHOLE flow in one eth_simulateV1 block (steps in order, balance
 * probes between them) and returns the combined preview. Sends nothing.
 */
export async function planFlow(deps: PlanFlowDeps, p: PlanFlowParameters): Promise<FlowPreview> {
  const { client } = deps;
  assertFlowChain(deps.chainId);
  const recipe = recipeById(p.recipeId);
  const slippageBps = validateSlippageBps(p.slippageBps ?? DEFAULT_SLIPPAGE_BPS);
  if (p.amount <= 0n)
    throw new AppError('Enter an amount above zero', { code: 'flow.amount.zero', details: 'A flow of 0 would only cost gas.' });
  const balance = await getBalance(client, { address: p.from });
  if (p.amount > balance) {
    throw new AppError('Not enough ETH', {
      code: 'flow.amount.above-balance',
      details: `You have ${formatAmountExact(balance)} ETH and asked for ${formatAmountExact(p.amount)}. Lower the amount (keep some ETH for gas).`,
    });
  }
  if (recipe.needsOperator) {
    if (!p.operator)
      throw new AppError('Choose an operator', {
        code: 'flow.operator.missing',
        details: 'This flow delegates to an EigenLayer operator; pick one first.',
      });
    await assertOperator(client, p.operator);
  }
  const specs = await recipe.build({ client, from: p.from, operator: p.operator });
  const resolved = await resolveSteps(client, p.from, specs, p.amount, slippageBps);
  const plan: FlowPlan = {
    recipeId: recipe.id,
    title: recipe.title,
    from: p.from,
    chainId: deps.chainId,
    inputWei: p.amount.toString(),
    slippageBps,
    ...(p.operator ? { operator: p.operator } : {}),
    steps: resolved.steps,
    createdAt: deps.now(),
  };
  if (resolved.reverted) return revertedPreview(plan, specs, resolved.reverted);
  return wholeFlowPreview(deps, plan, specs, p.riskRules ?? true);
}

function revertedPreview(plan: FlowPlan, specs: readonly StepSpec[], reverted: { index: number; reason: string }): FlowPreview {
  const label = plan.steps[reverted.index]?.label ?? `step ${reverted.index + 1}`;
  const flag: RiskFlag = {
    id: 'simulation.reverted',
    severity: 'danger',
    title: `Step ${reverted.index + 1} of ${specs.length} would fail: ${label}`,
    numbers: { reason: reverted.reason },
    why: 'Nothing was sent. Sent now, this step would fail and the steps before it would leave you holding an intermediate token.',
  };
  const steps: StepPreview[] = specs.map((_, index) => ({
    index,
    label: plan.steps[index]?.label ?? `step ${index + 1}`,
    changes: [],
    flags: index === reverted.index ? [flag] : [],
    status: index < reverted.index ? 'ok' : index === reverted.index ? 'reverted' : 'not-run',
    ...(index === reverted.index ? { reason: reverted.reason } : {}),
  }));
  return {
    plan,
    status: 'reverted',
    failedStep: { index: reverted.index, label, reason: reverted.reason },
    steps,
    finalPosition: [],
    intermediate: [],
    gasUsed: '0',
    flowFlags: [],
    worst: 'danger',
    facts: {},
  };
}

async function wholeFlowPreview(deps: PlanFlowDeps, plan: FlowPlan, specs: readonly StepSpec[], riskRules: boolean): Promise<FlowPreview> {
  const { client } = deps;
  const from = plan.from;
  const txs = plan.steps.map((s) => s.tx);
  const last = txs.length - 1;
  const tokens = await trackedTokens(client, specs, plan.steps);
  const probes: FlowProbe[] = [];
  for (let after = -1; after <= last; after++)
    tokens.forEach((t) => probes.push(balanceProbe(`${t.token}@${after}`, after, t.token, from)));
  if (specs.some((s) => s.kind === 'aave-supply'))
    probes.push({
      key: 'aave',
      after: last,
      address: AAVE_V3.pool,
      abi: aavePoolAbi,
      functionName: 'getUserAccountData',
      args: [from],
    });
  const aaveAfter = await aaveAfterProbes(deps.client, from, specs, last);
  if (aaveAfter) probes.push(...aaveAfter.probes);
  const eigen = specs.find((s): s is Extract<StepSpec, { kind: 'eigen-deposit' }> => s.kind === 'eigen-deposit');
  if (eigen) {
    probes.push({
      key: 'delegatedTo',
      after: last,
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'delegatedTo',
      args: [from],
    });
    probes.push({
      key: 'withdrawable',
      after: last,
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [from, [eigen.strategy]],
    });
  }
  // The fee market is read with the simulation (same round trip): the whole flow's fee is shown before the one click.
  const [sim, batchPreview, feeMarket] = await readWholeFlow(deps, { from, txs, probes, riskRules });

  const balanceAt = (t: Tracked, after: number) => bigintOf(sim.probes.get(`${t.token}@${after}`)) ?? 0n;
  const changesOf = (from_: number, to: number): TokenAmount[] =>
    tokens
      .map((t) => ({ token: t.token, symbol: t.symbol, amount: (balanceAt(t, to) - balanceAt(t, from_)).toString() }))
      .filter((c) => c.amount !== '0');

  const { perStep, flow } = attributeFlags(batchPreview?.flags ?? [], specs, sim.firstReverted);
  const facts: FlowPreview['facts'] = { ...(batchPreview?.facts ?? {}) };
  const aave = sim.probes.get('aave') as readonly bigint[] | undefined;
  const supplyIndex = specs.findIndex((s) => s.kind === 'aave-supply');
  if (aave?.[5] !== undefined && supplyIndex >= 0) {
    facts.healthFactorAfter = aave[5].toString();
    perStep[supplyIndex]?.push(healthFactorFlag(aave[5]));
    const liquidation = aaveAfter?.read(sim.probes);
    const flag = liquidation && liquidationDistanceFlag(liquidation);
    if (liquidation) facts.liquidationAfter = liquidation;
    if (flag) perStep[supplyIndex]?.push(flag);
  }
  const delegated = sim.probes.get('delegatedTo');
  if (typeof delegated === 'string') facts.delegatedTo = delegated as Address;
  const withdrawable = sim.probes.get('withdrawable') as readonly (readonly bigint[])[] | undefined;
  if (withdrawable?.[0]?.[0] !== undefined) facts.withdrawableShares = withdrawable[0][0].toString();
  plan.steps.forEach((s, i) => {
    if (s.minOutEnforcedBy === 'wallet' && s.minOut && s.output)
      perStep[i]?.push(walletMinOutFlag(s.output.symbol, BigInt(s.minOut), s.quoteSource ?? 'quote'));
    const simulated = sim.steps[i];
    if (simulated) s.gasUsed = simulated.gasUsed.toString();
  });

  const steps: StepPreview[] = plan.steps.map((s, i) => {
    const r = sim.steps[i];
    const status = !r ? 'not-run' : r.status;
    return {
      index: i,
      label: s.label,
      status,
      ...(r?.reason ? { reason: r.reason } : {}),
      ...(r ? { gasUsed: r.gasUsed.toString() } : {}),
      changes: changesOf(i - 1, i),
      flags: scoreFlags(perStep[i] ?? []).flags,
    };
  });
  const allFlags = [...perStep.flat(), ...flow];
  const outcome = simulatedOutcome(plan, sim, changesOf);
  return {
    plan,
    ...outcome,
    // The fee of what was simulated: each step signs within it (lib/flows/fee), so the max shown holds.
    ...attachFlowFee(plan, outcome.status, feeMarket),
    steps,
    flowFlags: scoreFlags(flow).flags,
    worst: scoreFlags(allFlags).worst,
    facts,
    ...(batchPreview ? { batchPreview } : {}),
  };
}

export type SimulatedOutcome = Pick<FlowPreview, 'status' | 'failedStep' | 'finalPosition' | 'intermediate' | 'gasUsed'>;

/**
 * What a whole-flow simulation says about the flow as a whole: the first failing step, the net
 * position, the tokens held between steps and the total gas. A recipe and an unwind read it the same way.
 */
export function simulatedOutcome(
  plan: FlowPlan,
  sim: SimulateFlowReturnType,
  changesOf: (fromStep: number, toStep: number) => TokenAmount[],
): SimulatedOutcome {
  const failed = sim.firstReverted;
  const last = plan.steps.length - 1;
  return {
    status: failed === undefined ? 'ok' : 'reverted',
    ...(failed !== undefined
      ? { failedStep: { index: failed, label: plan.steps[failed]?.label ?? '', reason: sim.steps[failed]?.reason ?? 'reverted' } }
      : {}),
    finalPosition: changesOf(-1, last),
    intermediate: plan.steps
      .filter((s, i) => s.output && s.simulatedOut && i < last)
      .map((s) => ({ token: s.output!.token, symbol: s.output!.symbol, amount: s.simulatedOut! })),
    gasUsed: sim.steps.reduce((sum, s) => sum + (s?.gasUsed ?? 0n), 0n).toString(),
  };
}
