import { AppError } from '../errors';
import { ilConstantProduct } from './il-constant-product';
import { ilStableSwap } from './il-stableswap';
import { ilUniswapV3 } from './il-uniswap-v3';
import { WAD } from './wad';

/**
 * Which pool curve to price. Prices are relative to the peg (1 = at peg). For Uniswap v3 the range
 * is given relative to the entry price too (e.g. 0.99 … 1.01).
 */
export type IlPoolKind =
  | { kind: 'constant-product' }
  | { kind: 'uniswap-v3'; rangeLower: number; rangeUpper: number }
  | { kind: 'stableswap'; A: number; fee?: number };

/** IL of a position opened at the peg (price 1) after the price moves to `price`. */
export function ilAtPrice(pool: IlPoolKind, price: number): number {
  switch (pool.kind) {
    case 'constant-product':
      return ilConstantProduct(price);
    case 'uniswap-v3':
      return ilUniswapV3({ pa: pool.rangeLower, pb: pool.rangeUpper, p: 1, pPrime: price }).il;
    case 'stableswap':
      return ilStableSwap({ A: pool.A, depegPrice: price, fee: pool.fee }).il;
  }
}

export type IlTableRow = { depeg: number; price: number; il: number };

/** IL at each depeg (0.03 = the token trades 3 % under peg), for the "what if" table in the UI. */
export function ilTable(pool: IlPoolKind, depegs: readonly number[] = [0.01, 0.03, 0.05, 0.1]): IlTableRow[] {
  return depegs.map((depeg) => {
    if (!(depeg >= 0 && depeg < 1)) throw new AppError('Depeg must be in [0, 1)', { details: `Got ${depeg}; 0.05 means 5 % below peg.` });
    const price = 1 - depeg;
    return { depeg, price, il: ilAtPrice(pool, price) };
  });
}

export type IlYieldBearingParameters = {
  /** Market price, ETH wei per 1e18 token wei (pool quote). */
  marketPrice: bigint;
  /** Fair rate, ETH wei per 1e18 token wei (e.g. stEthPerToken, getRate). */
  fairRate: bigint;
  /** A rate-aware pool (Curve stable-ng, Balancer rate providers, or a range set around the rate). */
  pool: IlPoolKind;
};

export type IlYieldBearingReturnType = { depegPrice: number; il: number };

/**
 * For wstETH, rETH, weETH … the peg is the fair rate, not 1: the pool scales balances by the rate, so
 * only market ÷ fair moves the position (reference §5c caveat). Fees and staking yield ignored.
 */
export function ilYieldBearing({ marketPrice, fairRate, pool }: IlYieldBearingParameters): IlYieldBearingReturnType {
  if (fairRate <= 0n || marketPrice <= 0n)
    throw new AppError('Prices must be positive', { details: 'Read the pool quote and the protocol rate again; one of them returned 0.' });
  // Exact bigint ratio to 1e-18 before converting, so a 1e18-scale rate does not lose digits.
  const depegPrice = Number((marketPrice * WAD) / fairRate) / 1e18;
  return { depegPrice, il: ilAtPrice(pool, depegPrice) };
}
