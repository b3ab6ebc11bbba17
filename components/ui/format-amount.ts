/**
 * Formats an on-chain integer amount (wei-like, bigint) for people: thousands separators, at most
 * 4 significant fraction digits (more for small values, up to 8 places), truncated toward zero so a
 * balance is never shown larger than it is. Pure bigint math: no float rounding.
 */
export type FormatAmountOptions = { decimals?: number; maxFractionDigits?: number };

export function formatAmount(value: bigint, { decimals = 18, maxFractionDigits = 8 }: FormatAmountOptions = {}): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const fraction = abs % base;
  const fractionText = fraction.toString().padStart(decimals, '0');

  let digits: number;
  if (whole > 0n) digits = Math.min(4, decimals);
  else {
    const leadingZeros = fractionText.length - fractionText.replace(/^0+/, '').length;
    digits = Math.min(leadingZeros + 4, maxFractionDigits, decimals);
  }
  const shown = fractionText.slice(0, digits).replace(/0+$/, '');

  if (whole === 0n && fraction > 0n && shown === '') {
    const smallest = `0.${'0'.repeat(Math.max(0, Math.min(maxFractionDigits, decimals) - 1))}1`;
    return `${negative ? '>-' : '<'}${smallest}`;
  }
  const wholeText = whole.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${wholeText}${shown ? `.${shown}` : ''}`;
}

/** The exact value with every decimal, for tooltips and copy. */
export function formatAmountExact(value: bigint, decimals = 18): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const base = 10n ** BigInt(decimals);
  const fraction = (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / base}${fraction ? `.${fraction}` : ''}`;
}
