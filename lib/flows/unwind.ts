import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { aavePoolAbi } from '../chain/abis';
import { AppError } from '../errors';
import { sameAddress } from '../format';
import { AAVE_V3 } from '../restaking';
import { scoreFlags, type RiskFlag } from '../risk';
import { attachFlowFee } from './fee';
import { simulatedOutcome, type PlanFlowDeps } from './plan';
import { simulateTrackedSteps, type Tracked } from './tracked-simulation';
import { stepInput, stepOutput } from './steps';
import type { FlowPlan, FlowPreview, FlowState, StepPreview } from './types';
import { unwindDrafts } from './unwind-drafts';
import { readUnwindExits } from './unwind-exits';
import { resolveUnwind } from './unwind-resolve';

export type PlanUnwindParameters = { state: FlowState; riskRules?: boolean };

const noteFlag = (note: string): RiskFlag => ({
  id: 'unwind.no-instant-inverse',
  severity: 'warn',
  title: note,
  numbers: {},
  why: 'Not every step has an on-chain inverse that returns ETH now. Ballast only sends the ones that do and says what is left.',
});

/** Everything the original flow and the unwind touch: their balances are probed between steps. */
async function trackedTokens(client: Client, state: FlowState, plan: FlowPlan): Promise<Tracked[]> {
  const seen: Tracked[] = [{ token: 'ETH', symbol: 'ETH' }];
  const add = (t: Tracked | undefined) => t && !seen.some((s) => s.token === t.token || sameAddress(s.token, t.token)) && seen.push(t);
  for (const s of state.plan.steps) {
    add(s.output ?? stepOutput(s.spec));
    if (s.spec.kind !== 'aave-supply') continue;
    const data = await readContract(client, {
      address: AAVE_V3.pool,
      abi: aavePoolAbi,
      functionName: 'getReserveData',
      args: [s.spec.asset],
    });
    add({ token: data.aTokenAddress, symbol: `aEth${s.spec.symbol}` });
  }
  plan.steps.forEach((s) => {
    add(s.output);
    add(stepInput(s.spec));
  });
  return seen;
}

/**
 * Plans the undo of a stopped (or finished) flow as a new flow: the inverse of every finished step
 * that has one on chain, newest first, simulated together in one eth_simulateV1 block with the same
 * balance probes, risk rules and gas as a recipe. The answer starts with the same executor. Steps with
 * no instant inverse (a stake, an EigenLayer delegation) become warnings that say the way out.
 */
export async function planUnwind(deps: PlanFlowDeps, { state, riskRules = true }: PlanUnwindParameters): Promise<FlowPreview> {
  const { client } = deps;
  if (state.status === 'running' || state.status === 'planned') {
    throw new AppError('This flow is still running', {
      code: 'flow.unwind.running',
      details: 'Wait until it finishes or stops, then unwind what it did.',
    });
  }
  const from = state.plan.from;
  const { drafts, notes, exits } = await unwindDrafts(client, state);
  if (drafts.length === 0 && exits.length === 0) {
    throw new AppError('Nothing to unwind on chain', {
      code: 'flow.unwind.nothing',
      details: notes.length ? notes.join(' ') : 'No finished step left anything that an on-chain call can undo.',
    });
  }
  const resolved = drafts.length ? await resolveUnwind(client, from, drafts, state.plan.slippageBps) : { steps: [] };
  const plan: FlowPlan = {
    recipeId: `unwind:${state.id}`,
    title: `Unwind: ${state.plan.title}`,
    from,
    chainId: deps.chainId,
    inputWei: '0',
    slippageBps: state.plan.slippageBps,
    steps: resolved.steps,
    createdAt: deps.now(),
  };
  const flowFlags = notes.map(noteFlag);
  const unwindExits = exits.length ? await readUnwindExits(client, exits, resolved.steps) : [];
  const exitFacts = unwindExits.length ? { unwindExits } : {};
  // Only a protocol request is left (a held token without a market): no unwind steps, the Ways out alone.
  if (plan.steps.length === 0)
    return {
      plan,
      status: 'ok',
      steps: [],
      finalPosition: [],
      intermediate: [],
      gasUsed: '0',
      flowFlags: scoreFlags(flowFlags).flags,
      worst: scoreFlags(flowFlags).worst,
      facts: exitFacts,
    };
  if (resolved.reverted) {
    const { index, reason } = resolved.reverted;
    const label = plan.steps[index]?.label ?? `step ${index + 1}`;
    const steps: StepPreview[] = drafts.map((d, i) => ({
      index: i,
      label: plan.steps[i]?.label ?? d.label(0n),
      changes: [],
      flags: [],
      status: i < index ? 'ok' : i === index ? 'reverted' : 'not-run',
      ...(i === index ? { reason } : {}),
    }));
    return {
      plan,
      status: 'reverted',
      failedStep: { index, label, reason },
      steps,
      finalPosition: [],
      intermediate: [],
      gasUsed: '0',
      flowFlags,
      worst: 'danger',
      facts: exitFacts,
    };
  }

  const tokens = await trackedTokens(client, state, plan);
  const {
    sim,
    batchPreview,
    feeMarket,
    changesOf,
    previews: steps,
    perStep,
    flow,
  } = await simulateTrackedSteps(deps, { from, steps: plan.steps, tracked: tokens, riskRules });
  const allFlow = [...flow, ...flowFlags];
  const outcome = simulatedOutcome(plan, sim, changesOf);
  return {
    plan,
    ...outcome,
    ...attachFlowFee(plan, outcome.status, feeMarket),
    steps,
    flowFlags: scoreFlags(allFlow).flags,
    worst: scoreFlags([...perStep.flat(), ...allFlow]).worst,
    facts: { ...(batchPreview?.facts ?? {}), ...exitFacts },
    ...(batchPreview ? { batchPreview } : {}),
  };
}
