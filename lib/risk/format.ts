import { WAD } from './wad';

export type FormatEthParameters = {
  /** Digits after the point, default 4. Trailing zeros are dropped. */
  maxDecimals?: number;
  /** Unit appended after a space, default "ETH". Pass "" for a bare number. */
  unit?: string;
  /** Decimals of the amount, default 18 (wei). */
  decimals?: number;
};

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Formats a wei amount exactly (bigint, no float), rounding half away from zero at `maxDecimals`.
 * A non-zero amount that would round to 0 shows as "<0.0001 ETH" so a user never reads a real
 * loss as nothing.
 */
export function formatEth(wei: bigint, { maxDecimals = 4, unit = 'ETH', decimals = 18 }: FormatEthParameters = {}): string {
  const suffix = unit ? ` ${unit}` : '';
  const negative = wei < 0n;
  const abs = negative ? -wei : wei;
  const shownDecimals = Math.min(maxDecimals, decimals);
  const step = 10n ** BigInt(decimals - shownDecimals);
  const rounded = (abs + step / 2n) / step; // half away from zero on the absolute value
  if (rounded === 0n && abs !== 0n)
    return `${negative ? '>-' : '<'}${shownDecimals ? `0.${'0'.repeat(shownDecimals - 1)}1` : '1'}${suffix}`;
  const scale = 10n ** BigInt(shownDecimals);
  const whole = groupThousands((rounded / scale).toString());
  const frac = shownDecimals ? (rounded % scale).toString().padStart(shownDecimals, '0').replace(/0+$/, '') : '';
  const sign = negative && rounded !== 0n ? '-' : '';
  return `${sign}${whole}${frac ? `.${frac}` : ''}${suffix}`;
}

export type FormatPercentParameters = { maxDecimals?: number; signed?: boolean };

/** A fraction (0.0325) as "3.25%". `signed` prints "+" for positive values (deviations, P&L). */
export function formatPercent(fraction: number, { maxDecimals = 2, signed = false }: FormatPercentParameters = {}): string {
  if (!Number.isFinite(fraction)) return 'n/a';
  const value = fraction * 100;
  const fixed = value.toFixed(maxDecimals);
  const text = fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
  const clean = text === '-0' ? '0' : text;
  return `${signed && value > 0 && clean !== '0' ? '+' : ''}${clean}%`;
}

/** A WAD fraction (1e17 = 10 %) as a percent string, exact for the shown digits. */
export function formatWadPercent(wad: bigint, parameters: FormatPercentParameters = {}): string {
  return formatPercent(Number(wad) / Number(WAD), parameters);
}

/** Basis points (bigint) as a percent string: 325n → "3.25%". */
export function formatBps(bps: bigint, parameters: FormatPercentParameters = {}): string {
  return formatPercent(Number(bps) / 10_000, parameters);
}
