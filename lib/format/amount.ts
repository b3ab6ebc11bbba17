import { formatDecimal } from './decimal';
import type { Rounding } from './rounding';

export type FormatAmountOptions = {
  /** Digits after the point at most; default 4. */
  maxFractionDigits?: number;
  /** Below 1, keep this many significant digits (up to `maxFractionDigits`); see formatDecimal. */
  significantFractionDigits?: number;
  /** Default `trunc`: a holding or an amount received is never shown larger than it is. */
  rounding?: Rounding;
  /** "+" before a positive amount (a change). */
  signed?: boolean;
};

/**
 * A token amount in its smallest unit (wei for ETH) as "1,234.5678 stETH": bigint-exact, thousands
 * grouped, trailing zeros dropped, a tiny non-zero amount as "<0.0001 stETH". Rounds toward zero unless
 * told otherwise: pass `expand` for an amount at risk, lost, sent or allowed (never shown smaller) and
 * `floor` for a signed balance change.
 */
export function formatAmount(value: bigint, decimals: number, symbol?: string, options: FormatAmountOptions = {}): string {
  const { maxFractionDigits = 4, significantFractionDigits, rounding = 'trunc', signed } = options;
  const text = formatDecimal(value, decimals, { maxFractionDigits, significantFractionDigits, rounding, signed });
  return symbol ? `${text} ${symbol}` : text;
}

/** An amount of ether, in wei: formatAmount with 18 decimals and "ETH". */
export function formatEth(wei: bigint, options: FormatAmountOptions = {}): string {
  return formatAmount(wei, 18, 'ETH', options);
}

/** The exact value with every decimal and no grouping, for tooltips, copy and form fields (as viem's formatUnits). */
export function formatAmountExact(value: bigint, decimals = 18): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const fraction = (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / base}${fraction ? `.${fraction}` : ''}`;
}

/**
 * A gas price or fee per gas, in wei, as "12.3457 gwei". Rounds away from zero by default: it is what the
 * user pays (at most), so it is never shown smaller.
 */
export function formatGwei(wei: bigint, options: FormatAmountOptions = {}): string {
  return formatAmount(wei, 9, 'gwei', { rounding: 'expand', ...options });
}

/** Gas units (an integer count) as "1,234,567": exact, nothing to round. */
export function formatGas(units: bigint): string {
  return formatDecimal(units, 0, { maxFractionDigits: 0, rounding: 'trunc' });
}
