import type { Address, Client } from 'viem';
import { applySlippage, resolveAmount } from './resolve';
import { balanceProbe, simulateFlow } from './simulate-flow';
import { buildStepTx, stepQuote } from './steps';
import type { FlowTx, PlannedStep } from './types';
import type { UnwindDraft, UnwindQuote } from './unwind-drafts';

export type ResolveUnwindReturnType = { steps: PlannedStep[]; reverted?: { index: number; reason: string } };

/**
 * Drafts → planned steps, each quoted and measured against the simulated state after the unwind
 * steps before it (as resolveSteps does for recipes). Steps sent as a fixed `call` (Curve remove /
 * exchange, Aave withdraw) carry their minimum inside the calldata, so the contract enforces it; a
 * call that spends what an earlier unwind step gives back spends that step's guaranteed minimum.
 */
export async function resolveUnwind(
  client: Client,
  from: Address,
  drafts: readonly UnwindDraft[],
  slippageBps: number,
): Promise<ResolveUnwindReturnType> {
  const txs: FlowTx[] = [];
  const outputs: (bigint | undefined)[] = [];
  const steps: PlannedStep[] = [];
  for (const [index, draft] of drafts.entries()) {
    const isCall = draft.build(0n, 0n).kind === 'call';
    const source = draft.amount.from === 'step' ? steps[draft.amount.step] : undefined;
    const amountIn = isCall && source?.minOut !== undefined ? BigInt(source.minOut) : resolveAmount(draft.amount, 0n, outputs);
    const standard = isCall ? undefined : stepQuote(draft.build(amountIn, 0n), amountIn);
    const quote: UnwindQuote | undefined = draft.quote?.(amountIn) ?? (standard?.quote.kind === 'read' ? standard.quote : undefined);
    let expectedOut: bigint | undefined;
    if (quote) {
      const sim = await simulateFlow(client, from, txs, [{ key: 'quote', after: index - 1, ...quote }]);
      const raw = sim.probes.get('quote');
      if (typeof raw !== 'bigint') return { steps, reverted: { index, reason: `the quote ${quote.source} failed` } };
      expectedOut = standard?.quote.kind === 'read' && standard.quote.map ? standard.quote.map(raw, amountIn) : raw;
    }
    const minOut = expectedOut === undefined ? 0n : applySlippage(expectedOut, slippageBps);
    const spec = draft.build(amountIn, minOut);
    const tx = buildStepTx(spec, from, amountIn, minOut);
    const output = draft.output;
    const probes = output ? [balanceProbe('before', index - 1, output.token, from), balanceProbe('after', index, output.token, from)] : [];
    const sim = await simulateFlow(client, from, [...txs, tx], probes);
    const own = sim.steps[index];
    // A call step's amount lives in its calldata; the executor must not rescale its minimum (amountIn '0').
    const planned: PlannedStep = {
      index,
      spec,
      label: draft.label(amountIn),
      tx,
      amountIn: isCall ? '0' : amountIn.toString(),
      ...(output ? { output } : {}),
      ...(own ? { gasUsed: own.gasUsed.toString() } : {}),
    };
    if (!own || own.status === 'reverted' || sim.firstReverted !== undefined) {
      steps.push(planned);
      const at = sim.firstReverted ?? index;
      return { steps, reverted: { index: at, reason: sim.steps[at]?.reason ?? 'reverted' } };
    }
    if (output) {
      const before = sim.probes.get('before');
      const after = sim.probes.get('after');
      if (typeof before === 'bigint' && typeof after === 'bigint') {
        outputs[index] = after - before;
        planned.simulatedOut = (after - before).toString();
      }
    }
    if (quote && expectedOut !== undefined) {
      Object.assign(planned, {
        expectedOut: expectedOut.toString(),
        minOut: minOut.toString(),
        quoteSource: quote.source,
        minOutEnforcedBy: isCall ? 'contract' : (standard?.enforcedBy ?? 'wallet'),
      });
    }
    txs.push(tx);
    steps.push(planned);
  }
  return { steps };
}
