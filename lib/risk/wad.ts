import { AppError } from '../errors';

/** 1.0 in 18-decimal fixed point, the unit of EigenLayer magnitudes, scaling factors and exchange rates. */
export const WAD = 10n ** 18n;

/** Largest uint256; wallets and dApps use it (and anything ≥ 2^255) to mean "unlimited". */
export const MAX_UINT256 = 2n ** 256n - 1n;
export const MAX_UINT160 = 2n ** 160n - 1n;

/**
 * x·y/d with one rounding, like OpenZeppelin Math.mulDiv. Bigint has no overflow, so the only thing
 * to reproduce is the rounding direction, which decides who absorbs dust in slashing math.
 * Inputs must be non-negative (on-chain these are uint256).
 */
export function mulDiv(x: bigint, y: bigint, d: bigint, rounding: 'floor' | 'ceil' = 'floor'): bigint {
  if (d === 0n)
    throw new AppError('Division by zero in fixed-point math', {
      details: 'A denominator read from chain was 0; re-read the value or treat the position as unknown.',
    });
  if (x < 0n || y < 0n || d < 0n)
    throw new AppError('Negative input to unsigned fixed-point math', { details: `mulDiv(${x}, ${y}, ${d}) expects uint256 values.` });
  const product = x * y;
  const quotient = product / d;
  return rounding === 'ceil' && quotient * d !== product ? quotient + 1n : quotient;
}

/** SlashingLib.mulWad: x·y/1e18 rounded down. */
export const mulWad = (x: bigint, y: bigint): bigint => mulDiv(x, y, WAD);
/** SlashingLib.mulWadRoundUp: x·y/1e18 rounded up. */
export const mulWadUp = (x: bigint, y: bigint): bigint => mulDiv(x, y, WAD, 'ceil');
/** SlashingLib.divWad: x·1e18/y rounded down. */
export const divWad = (x: bigint, y: bigint): bigint => mulDiv(x, WAD, y);

/** A WAD fraction as a float, for display and for the float-based IL maths. Exact to ~1e-16 relative. */
export function wadToNumber(wad: bigint): number {
  const whole = wad / WAD;
  const frac = wad % WAD;
  return Number(whole) + Number(frac) / 1e18;
}
