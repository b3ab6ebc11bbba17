import { formatBps, formatEth, formatGwei } from '../format';
import type { RiskFlag } from './flag';
import type { StoredFeeQuote } from '../storage/fee-quote';
import { GWEI, effectivePriorityFee, feeFieldsOf, marketOf, quoteCost, type FeeFields, type FeeMarket } from './fees';

/**
 * Fees that are far out of line: each gives a danger flag, and a request with one needs a deliberate
 * second step before it can be approved. The thresholds, and why:
 * - Priority fee (for a legacy price: what it pays above the next base fee) above 3 × the recent 90th
 *   percentile, unless it is at most 10 gwei: on a quiet chain or a devnet the percentiles are near zero
 *   and the 1–2 gwei most wallets tip is not an overpayment worth stopping for. Above 100 gwei always:
 *   that holds even when the RPC itself reports absurd percentiles (a lying or broken node).
 * - Max fee (legacy: gas price) above 4 × the next base fee, unless it is at most 50 gwei: twice the
 *   room the presets leave (2 × base). Below the floor it is not flagged: the part above the base fee is
 *   only paid if the base fee climbs there, and the window shows that maximum anyway.
 * - Max fee cost above 10 % of a non-zero value, unless the fee is below 0.001 ETH: paying a tenth of
 *   what is sent is worth a second look; a dust transfer's fee is not.
 * Every flag names the threshold and the figures it was computed from.
 */
export const FEE_CAPS = {
  priorityPercentileMultiple: 3n,
  priorityFloor: 10n * GWEI,
  priorityAbsolute: 100n * GWEI,
  maxFeeBaseMultiple: 4n,
  maxFeeFloor: 50n * GWEI,
  valueShareBps: 1_000n,
  valueShareFloor: 10n ** 15n,
} as const;

export type FeeFlagInput = {
  fee: FeeFields;
  market: FeeMarket;
  /** Max cost of the request's fee (all transactions), wei. */
  maxCost: bigint;
  /** Value the request sends (all transactions), wei. */
  value: bigint;
};

const gwei = (wei: bigint) => formatGwei(wei, { maxFractionDigits: 4, significantFractionDigits: 4 });

export function feeFlags({ fee, market, maxCost, value }: FeeFlagInput): RiskFlag[] {
  const flags: RiskFlag[] = [];
  const p90 = market.eip1559 ? market.priority[2] : market.gasPrice;
  const tip = market.eip1559 ? effectivePriorityFee(fee, market) : fee.type === 'legacy' ? fee.gasPrice : fee.maxPriorityFeePerGas;
  const tipCap = FEE_CAPS.priorityPercentileMultiple * p90;
  const aboveRecent = tip > tipCap && tip > FEE_CAPS.priorityFloor;
  if (aboveRecent || tip > FEE_CAPS.priorityAbsolute) {
    const reference = market.eip1559 ? `90th percentile, last ${market.blocks} blocks` : 'node gas price (eth_gasPrice)';
    const what = market.eip1559 ? 'priority fee' : 'gas price';
    flags.push({
      id: 'fee.priority-high',
      severity: 'danger',
      title: aboveRecent
        ? market.eip1559
          ? 'Priority fee far above what recent blocks paid'
          : 'Gas price far above the node’s'
        : `${market.eip1559 ? 'Priority fee' : 'Gas price'} above ${gwei(FEE_CAPS.priorityAbsolute)}`,
      numbers: {
        [what]: gwei(tip),
        [reference]: gwei(p90),
        cap: `over ${FEE_CAPS.priorityPercentileMultiple} × ${gwei(p90)} and over ${gwei(FEE_CAPS.priorityFloor)}, or over ${gwei(FEE_CAPS.priorityAbsolute)}`,
      },
      why: aboveRecent
        ? `The ${what} goes to the block builder in full. Recent transactions were included for much less: pick a preset unless you need this one in the very next block.`
        : `The ${what} goes to the block builder in full. Ordinary transactions are included for a few gwei or less; an RPC that reports tips this high may be broken or lying.`,
    });
  }
  const maxPerGas = fee.type === 'legacy' ? fee.gasPrice : fee.maxFeePerGas;
  const baseCap = FEE_CAPS.maxFeeBaseMultiple * market.nextBaseFee;
  if (market.eip1559 && maxPerGas > baseCap && maxPerGas > FEE_CAPS.maxFeeFloor) {
    flags.push({
      id: 'fee.max-above-base',
      severity: 'danger',
      title: fee.type === 'legacy' ? 'Gas price far above the base fee' : 'Max fee far above the base fee',
      numbers: {
        [fee.type === 'legacy' ? 'gas price' : 'max fee']: gwei(maxPerGas),
        'base fee (next block)': gwei(market.nextBaseFee),
        cap: `${FEE_CAPS.maxFeeBaseMultiple} × base fee = ${gwei(baseCap)} (at least ${gwei(FEE_CAPS.maxFeeFloor)})`,
      },
      why:
        fee.type === 'legacy'
          ? 'A legacy gas price is paid in full, whatever the base fee. Pick a preset to pay what the chain asks.'
          : 'If the base fee spikes before inclusion you pay up to this. A max fee of 2 × the base fee already covers a minute of the steepest rise.',
    });
  }
  if (value > 0n && maxCost * 10_000n > value * FEE_CAPS.valueShareBps && maxCost >= FEE_CAPS.valueShareFloor) {
    flags.push({
      id: 'fee.share-of-value',
      severity: 'danger',
      title: 'The network fee is a large part of what you send',
      numbers: {
        'max fee': formatEth(maxCost, { rounding: 'expand', significantFractionDigits: 4, maxFractionDigits: 8 }),
        value: formatEth(value, { rounding: 'trunc', significantFractionDigits: 4, maxFractionDigits: 8 }),
        share: formatBps((maxCost * 10_000n + value - 1n) / value),
        cap: `10 % of the value (fees under ${formatEth(FEE_CAPS.valueShareFloor)} are not flagged)`,
      },
      why: 'You could lose a tenth or more of this amount to the fee. Check the amount, or wait for a lower base fee.',
    });
  }
  return flags;
}

/** The danger flags of a stored fee, over all its transactions: what needs the second step before approval. */
export function storedFeeDangerFlags(fee: StoredFeeQuote): RiskFlag[] {
  const cost = quoteCost(fee);
  return feeFlags({ fee: feeFieldsOf(fee), market: marketOf(fee.market), maxCost: cost.max, value: cost.value }).filter(
    (f) => f.severity === 'danger',
  );
}
