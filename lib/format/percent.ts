import { decimalOfNumber, formatDecimal } from './decimal';
import type { Rounding } from './rounding';

export type FormatPercentOptions = {
  /** Digits after the point at most; default 2. */
  maxFractionDigits?: number;
  /** Trailing zeros kept down to this many digits ("5.00%"); default 0. */
  minFractionDigits?: number;
  /**
   * Default `expand`: the percentages Ballast shows are risks (depeg, impermanent loss, slashable
   * share, loss), and a risk is never shown smaller. Pass another mode for a figure that is not a risk.
   */
  rounding?: Rounding;
  /** "+" before a positive figure (a deviation, a change). */
  signed?: boolean;
};

function percentText(value: bigint, decimals: number, options: FormatPercentOptions): string {
  const { maxFractionDigits = 2, minFractionDigits, rounding = 'expand', signed } = options;
  return `${formatDecimal(value, decimals, { maxFractionDigits, minFractionDigits, rounding, signed })}%`;
}

/** A fraction (0.0325) as "3.25%"; "n/a" for NaN or an infinity. The float is read as its shortest decimal. */
export function formatPercent(fraction: number, options: FormatPercentOptions = {}): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const { value, decimals } = decimalOfNumber(fraction);
  // × 100: two fewer decimals, or two more zeros when there are none to take.
  return decimals >= 2 ? percentText(value, decimals - 2, options) : percentText(value * 10n ** BigInt(2 - decimals), 0, options);
}

/** A WAD fraction (1e17 = 10 %) as a percent, bigint-exact. */
export function formatWadPercent(wad: bigint, options: FormatPercentOptions = {}): string {
  return percentText(wad, 16, options);
}

/** Basis points (325n) as a percent ("3.25%"), bigint-exact. */
export function formatBps(bps: bigint, options: FormatPercentOptions = {}): string {
  return percentText(bps, 2, options);
}

/**
 * A signed WAD deviation from a reference (a depeg, an impermanent loss, an exit vs fair) as "-1.24%":
 * two fixed decimals, away from zero (a risk). The Portfolio badges, rows and details all use it.
 */
export function formatWadDeviation(wad: bigint): string {
  return formatWadPercent(wad, { signed: true, minFractionDigits: 2 });
}

/**
 * A WAD APR (5e16 = 5 %) as "5.00 %": two fixed decimals, rounded half-even. An APR is an estimate from a
 * past window, neither a holding nor a risk, so it is shown at its nearest value with no direction
 * favoured. Every screen that shows an APR uses this one (Stake and Portfolio agree).
 */
export function formatApr(aprWad: bigint | string): string {
  return `${formatDecimal(BigInt(aprWad), 16, { maxFractionDigits: 2, minFractionDigits: 2, rounding: 'halfEven' })} %`;
}
