import type { Client } from 'viem';
import { estimateGas, getFeeHistory } from 'viem/actions';
import { AppError } from '../errors';
import { formatGwei } from '../format';
import { readFeeMarket, type FeeMarketRead } from '../preview/fee-quote';
import { feeFlags } from '../risk/fee-caps';
import { feeCost, presetFee, storedFeeFields, type FeeFields } from '../risk/fees';
import type { StoredFeeQuote } from '../storage/fee-quote';
import type { FlowFee, FlowFeeEstimate, FlowFeeRequote, FlowPlan, FlowPreview, FlowState, FlowStepFee } from './types';

/**
 * A Stake & deploy step's gas limit in the previewed max cost: the gas the whole-flow simulation measured,
 * + 50 %. A step is estimated again at send time (on the state its earlier steps left) with the sender's
 * 20 % headroom; half again over the simulated use leaves room for refunds and the 63/64 rule, which make
 * a call's needed limit higher than the gas it ends up using.
 */
export const FLOW_GAS_LIMIT_PERCENT = 150n;

const ceilPercent = (gas: bigint, percent: bigint) => (gas * percent + 99n) / 100n;

/** The fee a dApp batch's approval window showed, as its flow signs it: exact gas limits and nonces. */
export function flowFeeFromQuote(quote: StoredFeeQuote): FlowFee {
  return {
    ...storedFeeFields(feeFieldsOfQuote(quote)),
    gasLimits: quote.txs.map((tx) => tx.gas),
    exactGas: true,
    nonces: quote.txs.map((tx) => tx.nonce),
  };
}

function feeFieldsOfQuote(quote: StoredFeeQuote): FeeFields {
  return quote.type === 'legacy'
    ? { type: 'legacy', gasPrice: BigInt(quote.gasPrice!) }
    : { type: 'eip1559', maxFeePerGas: BigInt(quote.maxFeePerGas!), maxPriorityFeePerGas: BigInt(quote.maxPriorityFeePerGas!) };
}

/** Step `index`'s share of the flow's fee (undefined for a flow planned without one). */
export function stepFeeOf(fee: FlowFee | undefined, index: number): FlowStepFee | undefined {
  const limit = fee?.gasLimits[index];
  if (!fee || limit === undefined) return undefined;
  const { gasLimits: _limits, nonces, ...perGas } = fee;
  return { ...perGas, gasLimit: BigInt(limit), ...(nonces?.[index] !== undefined ? { nonce: nonces[index] } : {}) };
}

const stop = (message: string, details: string) => new AppError(message, { code: 'flow.step.fee-above-max', details });

/**
 * Before a step is signed with the fee shown: its nonce is the one shown (when shown), and the next base
 * fee is not above the max fee (the transaction could not be included; signing it would only park it).
 */
export async function assertStepFeeHolds(client: Client, fee: FlowStepFee, nonce: number): Promise<void> {
  if (fee.nonce !== undefined && fee.nonce !== nonce) {
    throw stop(
      'The chain moved since you approved',
      `This call was shown with nonce ${fee.nonce}; the account is at nonce ${nonce} now (another transaction went out from it). Nothing more was sent.`,
    );
  }
  const history = await getFeeHistory(client, { blockCount: 1, blockTag: 'latest', rewardPercentiles: [] });
  const nextBase = history.baseFeePerGas[history.baseFeePerGas.length - 1] ?? 0n;
  const max = BigInt((fee.type === 'legacy' ? fee.gasPrice : fee.maxFeePerGas) ?? '0');
  if (nextBase > max) {
    throw stop(
      'The base fee rose above the max fee you approved',
      `The next block's base fee is ${formatGwei(nextBase, { maxFractionDigits: 4 })}, above the ${formatGwei(max, { maxFractionDigits: 4 })} shown before you started. Nothing was sent for this step. Retry quotes a new fee for the remaining steps and waits for your click to continue with it.`,
    );
  }
}

/**
 * The gas limit a step is signed with: exactly the shown limit for a dApp batch; otherwise the estimate
 * with `headroomPercent`, never above the shown limit (the shown max cost holds), and never below the estimate.
 */
export function stepGasLimit(fee: FlowStepFee, estimate: bigint, headroomPercent: bigint): bigint {
  if (fee.exactGas) return fee.gasLimit;
  const wanted = ceilPercent(estimate, headroomPercent);
  if (wanted <= fee.gasLimit) return wanted;
  if (estimate <= fee.gasLimit) return fee.gasLimit;
  throw stop(
    'This step needs more gas than the preview counted',
    `Estimated now it needs ${estimate} gas; the preview allowed ${fee.gasLimit}. Nothing was sent for this step. Retry counts its gas again and shows the new fee before continuing.`,
  );
}

/**
 * The whole flow's fee before the one click, from the fee market read with the plan (readFeeMarket): the
 * 'normal' preset of the fee model, each step's gas limit from the simulation (FLOW_GAS_LIMIT_PERCENT),
 * likely and max cost over all steps, the ETH/USD price and the fee's danger flags (`value`: ETH put in).
 */
export function estimateFlowFee(
  { market, usd }: FeeMarketRead,
  gasUsed: readonly bigint[],
  value: bigint,
): { fee: FlowFee; estimate: FlowFeeEstimate } {
  const perGas = presetFee(market, 'normal', 'eip1559');
  const limits = gasUsed.map((g) => ceilPercent(g, FLOW_GAS_LIMIT_PERCENT));
  const costs = limits.map((limit, i) => feeCost(perGas, market, limit, gasUsed[i]));
  const likely = costs.reduce((sum, c) => sum + c.likely, 0n);
  const max = costs.reduce((sum, c) => sum + c.max, 0n);
  return {
    fee: { ...storedFeeFields(perGas), gasLimits: limits.map(String), exactGas: false },
    estimate: {
      likely: likely.toString(),
      max: max.toString(),
      ...usd,
      nextBaseFee: market.nextBaseFee.toString(),
      flags: feeFlags({ fee: perGas, market, maxCost: max, value }).filter((f) => f.severity === 'danger'),
    },
  };
}

/**
 * For a planned flow whose simulation went through: its fee from the market read with the simulation,
 * set on the plan (what the executor signs within) and returned for the preview card. Without a market
 * read (the RPC did not answer) the preview says the fee is unavailable and the steps are priced at send time.
 */
export function attachFlowFee(
  plan: FlowPlan,
  status: FlowPreview['status'],
  market: FeeMarketRead | undefined,
): Pick<FlowPreview, 'feeEstimate'> {
  if (status !== 'ok' || !market) return {};
  const { fee, estimate } = estimateFlowFee(
    market,
    plan.steps.map((s) => BigInt(s.gasUsed ?? '0')),
    BigInt(plan.inputWei),
  );
  plan.fee = fee;
  return { feeEstimate: estimate };
}

/** A flow that stopped because the fee shown no longer holds (base fee above the max fee, more gas needed). */
export const stoppedForFee = (state: FlowState): boolean =>
  state.status === 'failed' && state.failure?.error.code === 'flow.step.fee-above-max' && state.plan.fee !== undefined;

/**
 * The new fee a Retry offers after a stop for the fee: never the old one. The fee model's 'normal' preset
 * from the market read now; each remaining step keeps its gas limit, except the stopped step, whose call is
 * estimated again on the chain as it is (+ FLOW_GAS_LIMIT_PERCENT, never below the old limit). Likely and
 * max cost over the remaining steps, with the ETH/USD price, the danger flags and the reason it was needed.
 */
export async function requoteFlowFee(client: Client, state: FlowState, { id, now }: { id: string; now: number }): Promise<FlowFeeRequote> {
  const old = state.plan.fee!;
  const stopped = state.failure!.step;
  const read = await readFeeMarket(client, state.plan.chainId);
  const tx = state.steps[stopped]?.tx;
  const estimate = tx
    ? await estimateGas(client, { account: tx.from, to: tx.to, data: tx.data, value: BigInt(tx.value) }).catch(() => undefined)
    : undefined;
  const gasLimits = old.gasLimits.map((limit, i) => {
    if (i !== stopped || estimate === undefined) return limit;
    const wanted = ceilPercent(estimate, FLOW_GAS_LIMIT_PERCENT);
    return (wanted > BigInt(limit) ? wanted : BigInt(limit)).toString();
  });
  const remaining = state.plan.steps.filter((_, i) => state.steps[i]?.status !== 'mined').map((s) => s.index);
  const perGas = presetFee(read.market, 'normal', old.type);
  const costs = remaining.map((i) => {
    const limit = BigInt(gasLimits[i] ?? '0');
    const used = BigInt(state.plan.steps[i]!.gasUsed ?? limit);
    return feeCost(perGas, read.market, limit, used);
  });
  const max = costs.reduce((sum, c) => sum + c.max, 0n);
  const value = remaining.reduce((sum, i) => sum + BigInt(state.plan.steps[i]!.tx.value), 0n);
  const failure = state.failure!.error;
  return {
    id,
    fee: { ...storedFeeFields(perGas), gasLimits, exactGas: old.exactGas },
    estimate: {
      likely: costs.reduce((sum, c) => sum + c.likely, 0n).toString(),
      max: max.toString(),
      ...read.usd,
      nextBaseFee: read.market.nextBaseFee.toString(),
      flags: feeFlags({ fee: perGas, market: read.market, maxCost: max, value }).filter((f) => f.severity === 'danger'),
    },
    steps: remaining.length,
    valueWei: value.toString(),
    reason: `${failure.message}. ${failure.details ?? ''}`.trim(),
    quotedAt: now,
  };
}
