import type { InputReading } from './address-book-input';

/**
 * What the user types into an amount field, read into the token's smallest unit or refused with a message
 * saying what to change. Pure, so the Send form checks as the user types with the rules the background applies.
 */
const AMOUNT = /^(\d+)?(?:\.(\d*))?$/;

export type AmountInputOptions = { decimals: number; symbol: string };

/** A positive decimal with at most `decimals` digits after the dot ("1.25", ".5", "3."), in smallest units. */
export function readAmountInput(text: string, { decimals, symbol }: AmountInputOptions): InputReading<bigint> {
  const trimmed = text.trim();
  const match = AMOUNT.exec(trimmed);
  if (!trimmed || !match || (match[1] === undefined && !match[2]))
    return { ok: false, message: `Enter an amount as a number: digits and at most one dot, e.g. 1.25 ${symbol}.` };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > decimals)
    return {
      ok: false,
      message: `${symbol} has at most ${decimals} decimals; "${trimmed}" has ${fraction.length} digits after the dot.`,
    };
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
  if (units === 0n) return { ok: false, message: 'Enter an amount above zero: a transfer of 0 would only cost gas.' };
  return { ok: true, value: units };
}

/** USD prices travel as integers with this many decimals (Chainlink's USD feeds use 8). */
export const USD_PRICE_DECIMALS = 8;

/**
 * A dollar amount typed by the user (at most 2 decimals) converted to the token's smallest unit at `usdPrice`
 * (dollars per whole token × 10^8), rounded down: never more than the dollars asked for.
 */
export function readUsdAmountInput(text: string, usdPrice: bigint, { decimals, symbol }: AmountInputOptions): InputReading<bigint> {
  const cents = readAmountInput(text.replace(/^\$/, ''), { decimals: 2, symbol: 'USD' });
  if (!cents.ok)
    return /above zero/.test(cents.message)
      ? cents
      : { ok: false, message: 'Enter dollars as a number with at most 2 decimals, e.g. 25.50.' };
  if (usdPrice <= 0n) return { ok: false, message: `No USD price of ${symbol} is known: enter the amount in ${symbol}.` };
  const units = (cents.value * 10n ** BigInt(decimals) * 10n ** BigInt(USD_PRICE_DECIMALS)) / (usdPrice * 100n);
  if (units === 0n) return { ok: false, message: `That is less than the smallest unit of ${symbol}: enter a larger amount.` };
  return { ok: true, value: units };
}

/** The dollar value of `units` at `usdPrice` (× 10^8), in cents, rounded to the nearest cent. */
export function unitsToUsdCents(units: bigint, usdPrice: bigint, decimals: number): bigint {
  const denominator = 10n ** BigInt(decimals) * 10n ** BigInt(USD_PRICE_DECIMALS - 2);
  return (units * usdPrice + denominator / 2n) / denominator;
}
