import type { Address } from 'viem';
import { scoreFlags } from '../risk';
import { attributeFlags } from './flags';
import type { PlanFlowDeps } from './plan';
import { balanceProbe, readWholeFlow, type FlowProbe } from './simulate-flow';
import type { PlannedStep, StepPreview, TokenAmount } from './types';

/** A balance the preview follows through the flow: ETH or a token. */
export type Tracked = { token: Address | 'ETH'; symbol: string };

/**
 * Simulates planned steps once, with every tracked balance probed before the first step and after each
 * one (plus any `extraProbes`), and turns the answers into step previews: status, gas, the balance
 * changes each step made and its risk flags. Sets each step's `gasUsed` from the simulation.
 * `changesOf(a, b)` is the change of every tracked balance between "after step a" and "after step b".
 */
export async function simulateTrackedSteps(
  deps: PlanFlowDeps,
  p: { from: Address; steps: PlannedStep[]; tracked: readonly Tracked[]; extraProbes?: FlowProbe[]; riskRules: boolean },
) {
  const { from, steps, tracked } = p;
  const probes: FlowProbe[] = [];
  for (let after = -1; after < steps.length; after++)
    tracked.forEach((t) => probes.push(balanceProbe(`${t.token}@${after}`, after, t.token, from)));
  probes.push(...(p.extraProbes ?? []));
  const [sim, batchPreview, feeMarket] = await readWholeFlow(deps, { from, txs: steps.map((s) => s.tx), probes, riskRules: p.riskRules });
  const at = (t: Tracked, after: number) => {
    const v = sim.probes.get(`${t.token}@${after}`);
    return typeof v === 'bigint' ? v : 0n;
  };
  const changesOf = (a: number, b: number): TokenAmount[] =>
    tracked.map((t) => ({ token: t.token, symbol: t.symbol, amount: (at(t, b) - at(t, a)).toString() })).filter((c) => c.amount !== '0');
  const { perStep, flow } = attributeFlags(
    batchPreview?.flags ?? [],
    steps.map((s) => s.spec),
    sim.firstReverted,
  );
  const previews: StepPreview[] = steps.map((s, i) => {
    const r = sim.steps[i];
    if (r) s.gasUsed = r.gasUsed.toString();
    return {
      index: i,
      label: s.label,
      status: r ? r.status : 'not-run',
      ...(r?.reason ? { reason: r.reason } : {}),
      ...(r ? { gasUsed: r.gasUsed.toString() } : {}),
      changes: changesOf(i - 1, i),
      flags: scoreFlags(perStep[i] ?? []).flags,
    };
  });
  return { sim, batchPreview, feeMarket, changesOf, previews, perStep, flow };
}
