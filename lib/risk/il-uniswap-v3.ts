import { AppError } from '../errors';

export type IlUniswapV3Parameters = {
  /** Range bounds, price of token0 in token1 (pa < pb). */
  pa: number;
  pb: number;
  /** Price when the position was opened. */
  p: number;
  /** Price now. */
  pPrime: number;
};

export type IlUniswapV3ReturnType = {
  /** value(LP) / value(HODL) − 1, negative = loss. */
  il: number;
  /** Values per unit of liquidity, in token1. */
  lpValue: number;
  hodlValue: number;
  inRange: boolean;
};

/** Whitepaper reserves per unit liquidity (eq. 6.29–6.30), price clamped to the range edges. */
function reservesPerLiquidity(price: number, pa: number, pb: number): { x: number; y: number } {
  const clamped = Math.min(Math.max(price, pa), pb);
  return { x: 1 / Math.sqrt(clamped) - 1 / Math.sqrt(pb), y: Math.sqrt(clamped) - Math.sqrt(pa) };
}

/**
 * Concentrated-liquidity IL, in and out of range. Outside the range the position is all one token
 * and its value follows that token; the loss keeps growing against HODL. Float maths, relative
 * error ~1e-14 for ranges wider than 1e-6.
 */
export function ilUniswapV3({ pa, pb, p, pPrime }: IlUniswapV3Parameters): IlUniswapV3ReturnType {
  if (!(pa > 0) || !(pb > pa) || !(p > 0) || !(pPrime > 0)) {
    throw new AppError('Invalid Uniswap v3 range or price', {
      details: `Need 0 < pa < pb and positive prices; got pa=${pa}, pb=${pb}, p=${p}, p'=${pPrime}.`,
    });
  }
  const start = reservesPerLiquidity(p, pa, pb);
  const now = reservesPerLiquidity(pPrime, pa, pb);
  const hodlValue = start.x * pPrime + start.y;
  const lpValue = now.x * pPrime + now.y;
  return { il: lpValue / hodlValue - 1, lpValue, hodlValue, inRange: pPrime >= pa && pPrime <= pb };
}
