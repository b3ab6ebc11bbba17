import { divideRounded, type Rounding } from './rounding';

export type FormatDecimalOptions = {
  /** Digits after the point at most (fewer if the value has fewer decimals). */
  maxFractionDigits: number;
  rounding: Rounding;
  /** Trailing zeros kept down to this many digits ("5.00"); default 0 drops them all ("5"). */
  minFractionDigits?: number;
  /**
   * Below 1, move the cut right to keep this many significant digits (still at most `maxFractionDigits`);
   * from 1 up, show this many fraction digits. Unset: always `maxFractionDigits`.
   */
  significantFractionDigits?: number;
  /** "+" before a positive figure (a change, a deviation). */
  signed?: boolean;
  /** Thousands separators, default true. */
  grouping?: boolean;
};

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Fraction digits to show for `abs` (scaled by 10^decimals), per the options. */
function fractionDigitsFor(abs: bigint, decimals: number, { maxFractionDigits, significantFractionDigits }: FormatDecimalOptions): number {
  const cap = Math.min(maxFractionDigits, decimals);
  if (significantFractionDigits === undefined) return cap;
  if (abs >= 10n ** BigInt(decimals)) return Math.min(significantFractionDigits, cap);
  const leadingZeros = abs === 0n ? 0 : decimals - abs.toString().length;
  return Math.min(leadingZeros + significantFractionDigits, cap);
}

/**
 * `value × 10^−decimals` as text, exact on bigint (no float), cut at the shown digits by `rounding`.
 * A non-zero value that the cut would show as 0 reads "<0.0001" (or ">-0.0001"): a real amount never
 * reads as nothing. Negative figures use "-" (ASCII), never "-0".
 */
export function formatDecimal(value: bigint, decimals: number, options: FormatDecimalOptions): string {
  const { rounding, minFractionDigits = 0, signed = false, grouping = true } = options;
  // Fixed digits beyond the value's own ("5.00" from 5): the same value with more decimals.
  if (minFractionDigits > decimals) return formatDecimal(value * 10n ** BigInt(minFractionDigits - decimals), minFractionDigits, options);
  const abs = value < 0n ? -value : value;
  const digits = fractionDigitsFor(abs, decimals, options);
  const rounded = divideRounded(value, 10n ** BigInt(decimals - digits), rounding);
  if (rounded === 0n && value !== 0n) {
    const smallest = digits > 0 ? `0.${'0'.repeat(digits - 1)}1` : '1';
    return value < 0n ? `>-${smallest}` : `${signed ? '+' : ''}<${smallest}`;
  }
  const roundedAbs = rounded < 0n ? -rounded : rounded;
  const scale = 10n ** BigInt(digits);
  const whole = (roundedAbs / scale).toString();
  const fraction = digits > 0 ? (roundedAbs % scale).toString().padStart(digits, '0') : '';
  const keep = Math.min(digits, minFractionDigits);
  const shownFraction = fraction.slice(0, keep) + fraction.slice(keep).replace(/0+$/, '');
  const sign = rounded < 0n ? '-' : signed && rounded > 0n ? '+' : '';
  return `${sign}${grouping ? groupThousands(whole) : whole}${shownFraction ? `.${shownFraction}` : ''}`;
}

/**
 * A JavaScript number as an exact decimal (`value × 10^−decimals`), read from its shortest round-trip
 * text: 0.015 is "0.015" (what a person reads), not the binary 0.01499999…, so a cut rounds the digits
 * a person would round. Not for NaN or infinities.
 */
export function decimalOfNumber(x: number): { value: bigint; decimals: number } {
  if (!Number.isFinite(x)) throw new RangeError(`decimalOfNumber: ${x} is not a finite number`);
  const [mantissa = '0', exponent = '0'] = String(x).toLowerCase().split('e');
  const negative = mantissa.startsWith('-');
  const [whole = '0', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.');
  let value = BigInt(whole + fraction);
  let decimals = fraction.length - Number(exponent);
  if (decimals < 0) {
    value *= 10n ** BigInt(-decimals);
    decimals = 0;
  }
  return { value: negative ? -value : value, decimals };
}
