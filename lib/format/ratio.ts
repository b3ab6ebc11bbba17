import { formatDecimal } from './decimal';

/**
 * A WAD ratio where lower is worse (an Aave health factor, a market ÷ fair rate) with `fractionDigits`
 * fixed decimals, cut toward zero: the position is never shown healthier, or the peg closer, than it is.
 */
export function formatWadRatio(wad: bigint, fractionDigits: number): string {
  return formatDecimal(wad, 18, { maxFractionDigits: fractionDigits, minFractionDigits: fractionDigits, rounding: 'trunc' });
}

/** An Aave health factor (WAD) as "1.45": two decimals, toward zero. Callers say "no debt" for uint256 max. */
export function formatHealthFactor(wad: bigint): string {
  return formatWadRatio(wad, 2);
}
