/**
 * How a figure is cut to the digits shown. The names are ECMA-402's (Intl.NumberFormat `roundingMode`),
 * so they mean what they mean there:
 * - `trunc`: toward zero. Holdings and amounts received: a user never sees more than they have or get.
 * - `expand`: away from zero. Risks, losses, amounts that leave the wallet, fees: never shown smaller.
 * - `floor`: toward −∞. Signed balance changes: a spend shows at least its size, a receipt at most its size.
 * - `ceil`: toward +∞.
 * - `halfExpand`: nearest, a tie away from zero (school rounding).
 * - `halfEven`: nearest, a tie to the even digit. Estimates and prices (APR, exchange rates): neither a
 *   holding nor a risk, so the nearest value, with no direction favoured.
 */
export type Rounding = 'trunc' | 'expand' | 'floor' | 'ceil' | 'halfExpand' | 'halfEven';

/** `numerator / denominator` as an integer, rounded by `rounding`. `denominator` must be positive. */
export function divideRounded(numerator: bigint, denominator: bigint, rounding: Rounding): bigint {
  if (denominator <= 0n) throw new RangeError('divideRounded: the denominator must be positive');
  const quotient = numerator / denominator; // bigint division truncates toward zero
  const remainder = numerator % denominator; // carries the numerator's sign
  if (remainder === 0n) return quotient;
  const awayFromZero = quotient + (numerator < 0n ? -1n : 1n);
  switch (rounding) {
    case 'trunc':
      return quotient;
    case 'expand':
      return awayFromZero;
    case 'floor':
      return numerator < 0n ? awayFromZero : quotient;
    case 'ceil':
      return numerator < 0n ? quotient : awayFromZero;
    case 'halfExpand':
    case 'halfEven': {
      const twiceRemainder = 2n * (remainder < 0n ? -remainder : remainder);
      if (twiceRemainder !== denominator) return twiceRemainder > denominator ? awayFromZero : quotient;
      if (rounding === 'halfExpand') return awayFromZero;
      return quotient % 2n === 0n ? quotient : awayFromZero;
    }
  }
}
