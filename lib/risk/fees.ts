import type { FeeChoice, StoredFeeMarket, StoredFeeQuote } from '../storage/fee-quote';

/**
 * The network fee model, pure: eth_feeHistory → the market (next base fee, its trend, priority-fee
 * percentiles) → three presets → the cost of a fee as "likely" and "at most". The approval window, the
 * background (before a request is shown and before it is signed) and the Stake & deploy planner all use
 * these functions, so a figure means the same everywhere.
 *
 * Choices, and why:
 * - History: the last FEE_HISTORY_BLOCKS = 20 blocks (four minutes of mainnet), reward percentiles
 *   10 / 50 / 90 for slow / normal / fast. Per percentile, the median over the blocks that had
 *   transactions (an empty block reports a reward of 0, which says nothing about the price of inclusion).
 * - Base fee: the node's own figure for the next block (the last entry of baseFeePerGas, computed from
 *   the latest block's fullness). With the trend: when the last TREND_BLOCKS blocks were on average
 *   more than half full, the base fee keeps rising; the presets plan for TREND_AHEAD more blocks like
 *   them (EIP-1559: ×(1 + (fullness − ½)/4) per block). A falling trend is never planned for: a fee
 *   that counted on a fall would wait.
 * - maxFeePerGas = 2 × planned base fee + priority fee. Six full blocks in a row raise the base fee by
 *   1.125⁶ ≈ 2.03×, so the transaction stays includable through a minute of the steepest possible rise;
 *   the part of the max fee above base + priority is never charged.
 * - Likely cost: gas estimate × min(max fee, next base fee + priority fee). At most: gas limit × max fee.
 * - A chain without EIP-1559 (base fee 0): legacy gasPrice from the node's eth_gasPrice, ×1 / ×1.1 / ×1.25.
 *   A legacy transaction on an EIP-1559 chain (a dApp asked for type 0): gasPrice = planned base fee
 *   + one full block of rise (÷8) + the preset's priority fee; all of it is paid.
 */
export const FEE_HISTORY_BLOCKS = 20;
export const FEE_PRESETS = ['slow', 'normal', 'fast'] as const;
export type FeePreset = (typeof FEE_PRESETS)[number];
/** Reward percentiles asked of eth_feeHistory, in FEE_PRESETS order. */
export const FEE_PERCENTILES = [10, 50, 90] as const;
export const TREND_BLOCKS = 5;
export const TREND_AHEAD = 3;
export const GWEI = 1_000_000_000n;
/** Legacy presets on a chain without EIP-1559, per mille of the node's eth_gasPrice. */
const LEGACY_PER_MILLE: Record<FeePreset, bigint> = { slow: 1000n, normal: 1100n, fast: 1250n };

/** eth_feeHistory's answer with quantities as bigint. */
export type FeeHistory = {
  baseFeePerGas: readonly bigint[];
  gasUsedRatio: readonly number[];
  /** Per block, the rewards at FEE_PERCENTILES. */
  reward?: readonly (readonly bigint[])[];
  oldestBlock: bigint;
};

/** The market with bigints: what the presets and caps are computed from. */
export type FeeMarket = {
  eip1559: boolean;
  nextBaseFee: bigint;
  plannedBaseFee: bigint;
  priority: readonly [bigint, bigint, bigint];
  gasPrice: bigint;
  blocks: number;
};

export type FeeFields = { type: 'eip1559'; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint } | { type: 'legacy'; gasPrice: bigint };

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const lowerMedian = (values: bigint[]) => [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))[Math.floor((values.length - 1) / 2)];

/** The next base fee raised for the trend of the last TREND_BLOCKS blocks (never lowered). */
export function plannedBaseFee(nextBaseFee: bigint, gasUsedRatio: readonly number[]): bigint {
  const recent = gasUsedRatio.slice(-TREND_BLOCKS);
  if (recent.length === 0) return nextBaseFee;
  // Fullness in basis points; one block changes the base fee by (35,000 + fullness) / 40,000 = 1 + (fullness − ½)/4.
  const fullnessBps = BigInt(Math.round((recent.reduce((a, b) => a + b, 0) / recent.length) * 10_000));
  if (fullnessBps <= 5_000n) return nextBaseFee;
  const perBlock = 35_000n + fullnessBps;
  return ceilDiv(nextBaseFee * perBlock ** BigInt(TREND_AHEAD), 40_000n ** BigInt(TREND_AHEAD));
}

/** The market from eth_feeHistory (FEE_PERCENTILES rewards) and eth_gasPrice. */
export function feeMarketOf(history: FeeHistory, gasPrice: bigint): FeeMarket {
  const nextBaseFee = history.baseFeePerGas[history.baseFeePerGas.length - 1] ?? 0n;
  const used = history.gasUsedRatio.map((ratio, i) => ({ ratio, reward: history.reward?.[i] })).filter((b) => b.ratio > 0 && b.reward);
  const priority = FEE_PERCENTILES.map((_, k) => (used.length ? lowerMedian(used.map((b) => b.reward![k] ?? 0n))! : 0n)) as [
    bigint,
    bigint,
    bigint,
  ];
  return {
    eip1559: nextBaseFee > 0n,
    nextBaseFee,
    plannedBaseFee: plannedBaseFee(nextBaseFee, history.gasUsedRatio),
    priority,
    gasPrice,
    blocks: history.gasUsedRatio.length,
  };
}

/** The fee per gas of a preset, for a transaction of `type`. */
export function presetFee(market: FeeMarket, preset: FeePreset, type: FeeFields['type']): FeeFields {
  const k = FEE_PRESETS.indexOf(preset);
  const tip = market.priority[k]!;
  if (!market.eip1559) return { type: 'legacy', gasPrice: ceilDiv(market.gasPrice * LEGACY_PER_MILLE[preset], 1000n) };
  if (type === 'legacy') return { type: 'legacy', gasPrice: market.plannedBaseFee + ceilDiv(market.plannedBaseFee, 8n) + tip };
  return { type: 'eip1559', maxFeePerGas: 2n * market.plannedBaseFee + tip, maxPriorityFeePerGas: tip };
}

export type FeeCost = { likely: bigint; max: bigint };

/** What a transaction with `gas` limit (likely using `gasUsed`) costs: likely and at most, in wei. */
export function feeCost(fee: FeeFields, market: Pick<FeeMarket, 'nextBaseFee'>, gas: bigint, gasUsed: bigint = gas): FeeCost {
  const used = gasUsed < gas ? gasUsed : gas;
  if (fee.type === 'legacy') return { likely: used * fee.gasPrice, max: gas * fee.gasPrice };
  const paid = market.nextBaseFee + fee.maxPriorityFeePerGas;
  return { likely: used * (paid < fee.maxFeePerGas ? paid : fee.maxFeePerGas), max: gas * fee.maxFeePerGas };
}

/** The priority fee the fee can actually pay on top of the next base fee (a legacy gas price pays all it has above it). */
export function effectivePriorityFee(fee: FeeFields, market: Pick<FeeMarket, 'nextBaseFee'>): bigint {
  const room = (fee.type === 'legacy' ? fee.gasPrice : fee.maxFeePerGas) - market.nextBaseFee;
  const headroom = room > 0n ? room : 0n;
  if (fee.type === 'legacy') return headroom;
  return fee.maxPriorityFeePerGas < headroom ? fee.maxPriorityFeePerGas : headroom;
}

/** The stored market with bigints. */
export function marketOf(stored: StoredFeeMarket): FeeMarket {
  return {
    eip1559: stored.eip1559,
    nextBaseFee: BigInt(stored.nextBaseFee),
    plannedBaseFee: BigInt(stored.plannedBaseFee),
    priority: stored.priority.map(BigInt) as unknown as [bigint, bigint, bigint],
    gasPrice: BigInt(stored.gasPrice),
    blocks: stored.blocks,
  };
}

/** The fee per gas a stored quote signs. */
export function feeFieldsOf(quote: Pick<StoredFeeQuote, 'type' | 'maxFeePerGas' | 'maxPriorityFeePerGas' | 'gasPrice'>): FeeFields {
  if (quote.type === 'legacy') return { type: 'legacy', gasPrice: BigInt(quote.gasPrice ?? '0') };
  return {
    type: 'eip1559',
    maxFeePerGas: BigInt(quote.maxFeePerGas ?? '0'),
    maxPriorityFeePerGas: BigInt(quote.maxPriorityFeePerGas ?? '0'),
  };
}

/** The fee fields as a stored quote keeps them (the other type's fields removed). */
export function storedFeeFields(fee: FeeFields): Pick<StoredFeeQuote, 'type' | 'maxFeePerGas' | 'maxPriorityFeePerGas' | 'gasPrice'> {
  return fee.type === 'legacy'
    ? { type: 'legacy', gasPrice: fee.gasPrice.toString() }
    : { type: 'eip1559', maxFeePerGas: fee.maxFeePerGas.toString(), maxPriorityFeePerGas: fee.maxPriorityFeePerGas.toString() };
}

export type QuoteCost = FeeCost & {
  /** Value of every call plus the max fee: the most the request can take from the account. */
  total: bigint;
  value: bigint;
  /** Per transaction (one for a dApp transaction, one per call of a batch). */
  perTx: FeeCost[];
  /** Some gas limit is unknown (0): its cost is not counted and the request cannot be approved yet. */
  gasUnknown: boolean;
};

/** Likely and max cost of a whole quote, per transaction and in total, with the value. */
export function quoteCost(
  quote: Pick<StoredFeeQuote, 'type' | 'maxFeePerGas' | 'maxPriorityFeePerGas' | 'gasPrice' | 'txs' | 'market'>,
): QuoteCost {
  const fee = feeFieldsOf(quote);
  const market = marketOf(quote.market);
  const perTx = quote.txs.map((tx) => {
    const gas = BigInt(tx.gas);
    return feeCost(fee, market, gas, tx.gasEstimate === undefined ? gas : BigInt(tx.gasEstimate));
  });
  const likely = perTx.reduce((sum, c) => sum + c.likely, 0n);
  const max = perTx.reduce((sum, c) => sum + c.max, 0n);
  const value = quote.txs.reduce((sum, tx) => sum + BigInt(tx.value), 0n);
  return { likely, max, perTx, value, total: value + max, gasUnknown: quote.txs.some((tx) => tx.gas === '0') };
}

/** A preset's fee for a quote (its type kept). */
export function presetFor(quote: Pick<StoredFeeQuote, 'type' | 'market'>, choice: FeeChoice): FeeFields | undefined {
  return (FEE_PRESETS as readonly string[]).includes(choice)
    ? presetFee(marketOf(quote.market), choice as FeePreset, quote.type)
    : undefined;
}
