import type { Address, Client } from 'viem';
import { AppError } from '../errors';
import { balanceProbe, simulateFlow, type FlowProbe } from './simulate-flow';
import { buildStepTx, stepAmountRef, stepLabel, stepOutput, stepQuote } from './steps';
import type { AmountRef, FlowTx, PlannedStep, StepSpec } from './types';

const BPS = 10_000n;

export const applySlippage = (expected: bigint, slippageBps: number): bigint => (expected * (BPS - BigInt(slippageBps))) / BPS;

export function resolveAmount(ref: AmountRef | undefined, inputWei: bigint, outputs: readonly (bigint | undefined)[]): bigint {
  if (!ref) return 0n;
  if (ref.from === 'input') return inputWei;
  if (ref.from === 'fixed') return BigInt(ref.wei);
  const value = outputs[ref.step];
  if (value === undefined)
    throw new AppError('A step needs an amount that is not known yet', {
      code: 'flow.amount.unresolved',
      details: `It spends what step ${ref.step + 1} produced, which has not been measured.`,
    });
  return value;
}

export type ResolveStepsReturnType = {
  steps: PlannedStep[];
  /** Set when a step would revert: later steps cannot be resolved (they spend its output). */
  reverted?: { index: number; reason: string };
};

/**
 * Turns specs into transactions, one step at a time, each against the simulated state after the
 * steps before it (eth_simulateV1 of the prefix):
 *  1. the amount in is the input ETH, or what an earlier step produced, measured as the user's
 *     balance change of that step's output token in the simulated block;
 *  2. the quote (the protocol's own preview: getRsETHAmountToMint, calc_token_amount, …) is read in
 *     the same simulated state, after the prefix; minOut = quote × (1 − slippage);
 *  3. the step is simulated after the prefix to measure its own output for the steps that follow.
 */
export async function resolveSteps(
  client: Client,
  from: Address,
  specs: readonly StepSpec[],
  inputWei: bigint,
  slippageBps: number,
): Promise<ResolveStepsReturnType> {
  const txs: FlowTx[] = [];
  const outputs: (bigint | undefined)[] = [];
  const steps: PlannedStep[] = [];
  for (const [index, spec] of specs.entries()) {
    const amountIn = resolveAmount(stepAmountRef(spec), inputWei, outputs);
    const quoteInfo = stepQuote(spec, amountIn);
    let expectedOut: bigint | undefined;
    if (quoteInfo?.quote.kind === 'pegged') expectedOut = amountIn;
    if (quoteInfo?.quote.kind === 'read') {
      const q = quoteInfo.quote;
      const probe: FlowProbe = {
        key: 'quote',
        after: index - 1,
        address: q.address,
        abi: q.abi,
        functionName: q.functionName,
        args: q.args,
      };
      const sim = await simulateFlow(client, from, txs, [probe]);
      const raw = sim.probes.get('quote');
      if (typeof raw !== 'bigint')
        return {
          steps,
          reverted: {
            index,
            reason: `the quote ${q.source} failed${sim.firstReverted !== undefined ? ` after step ${sim.firstReverted + 1} reverted` : ''}`,
          },
        };
      expectedOut = q.map ? q.map(raw, amountIn) : raw;
    }
    let minOut = expectedOut === undefined ? 0n : applySlippage(expectedOut, slippageBps);
    const tx = buildStepTx(spec, from, amountIn, minOut);
    const output = stepOutput(spec);
    const probes = output ? [balanceProbe('before', index - 1, output.token, from), balanceProbe('after', index, output.token, from)] : [];
    const sim = await simulateFlow(client, from, [...txs, tx], probes);
    const own = sim.steps[index];
    const planned: PlannedStep = {
      index,
      spec,
      label: stepLabel(spec),
      tx,
      amountIn: amountIn.toString(),
      ...(output ? { output } : {}),
      ...(own ? { gasUsed: own.gasUsed.toString() } : {}),
    };
    if (!own || own.status === 'reverted' || sim.firstReverted !== undefined) {
      steps.push(planned);
      return {
        steps,
        reverted: { index: sim.firstReverted ?? index, reason: sim.steps[sim.firstReverted ?? index]?.reason ?? 'reverted' },
      };
    }
    if (output) {
      const before = sim.probes.get('before');
      const after = sim.probes.get('after');
      if (typeof before !== 'bigint' || typeof after !== 'bigint')
        return { steps: [...steps, planned], reverted: { index, reason: `could not read the ${output.symbol} balance` } };
      const produced = after - before;
      outputs[index] = produced;
      planned.simulatedOut = produced.toString();
      if (quoteInfo?.quote.kind === 'simulation') {
        expectedOut = produced;
        minOut = applySlippage(produced, slippageBps);
      }
      if (expectedOut !== undefined && produced < minOut) {
        steps.push(planned);
        return {
          steps,
          reverted: {
            index,
            reason: `it would give ${produced} wei of ${output.symbol}, below the minimum ${minOut} (${quoteInfo?.quote.source} × (1 − slippage))`,
          },
        };
      }
    }
    if (quoteInfo && expectedOut !== undefined) {
      Object.assign(planned, {
        expectedOut: expectedOut.toString(),
        minOut: minOut.toString(),
        quoteSource: quoteInfo.quote.source,
        minOutEnforcedBy: quoteInfo.enforcedBy,
      });
    }
    txs.push(tx);
    steps.push(planned);
  }
  return { steps };
}
