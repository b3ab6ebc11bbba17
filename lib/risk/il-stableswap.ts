import { AppError } from '../errors';

export type IlStableSwapParameters = {
  /** Pool amplification as returned by `A()` (code units; Ann = A·n, reference §5c). */
  A: number;
  /** Market price of the depegged coin in the other coin, e.g. 0.97. */
  depegPrice: number;
  /** Swap fee as a fraction (0.0004 = 4 bps). Arbitrage stops once the pool price is within the fee. */
  fee?: number;
  /** Which coin lost its peg; the result is the same by symmetry, both are supported. */
  depeggedCoin?: 0 | 1;
};

export type IlStableSwapReturnType = {
  il: number;
  /** Balances after arbitrage, as shares of D (start: 0.5 / 0.5). */
  balances: [number, number];
  /** Marginal price of the depegged coin in the pool after arbitrage. */
  poolPrice: number;
};

const N = 2;
const D = 1; // the invariant scales linearly, so work with D = 1

/** y on the invariant Ann(x+y) + D = Ann·D + D³/(4xy) for a given x (positive root, cancellation-free). */
function balanceOnCurve(x: number, ann: number): number {
  // Ann·y² + b·y − c = 0 with b = Ann·x + D − Ann·D and c = D³/(4x)
  const b = ann * x + D - ann * D;
  const c = (D * D * D) / (4 * x);
  const disc = Math.sqrt(b * b + 4 * ann * c);
  return b >= 0 ? (2 * c) / (b + disc) : (disc - b) / (2 * ann);
}

/** Price of y in x along the curve: ∂F/∂y ÷ ∂F/∂x, with F = Ann(x+y) + D − Ann·D − D³/(4xy). */
function marginalPriceOfY(x: number, y: number, ann: number): number {
  const k = (D * D * D) / (4 * x * y);
  return (ann + k / y) / (ann + k / x);
}

/**
 * IL of a balanced 2-coin StableSwap position after one coin depegs to `depegPrice` (fees earned
 * ignored). The depegged coin y grows in the pool until its marginal price equals the market price
 * (÷(1−fee): arbitrage stops inside the fee band). Solved by bisection on the scarce balance, 200
 * halvings, so balances are exact to float precision; IL is accurate to ~1e-12 absolute.
 */
export function ilStableSwap({ A, depegPrice, fee = 0, depeggedCoin = 1 }: IlStableSwapParameters): IlStableSwapReturnType {
  if (!(A > 0) || !(depegPrice > 0) || !(fee >= 0 && fee < 1)) {
    throw new AppError('Invalid StableSwap parameters', {
      details: `Need A > 0, price > 0, 0 ≤ fee < 1; got A=${A}, p=${depegPrice}, fee=${fee}.`,
    });
  }
  const ann = A * N;
  // A depeg above 1 makes the other coin the cheap one; reduce to "cheap coin at price q ≤ 1".
  const cheapIsDepegged = depegPrice <= 1;
  const q = cheapIsDepegged ? depegPrice : 1 / depegPrice;
  const target = Math.min(1, q / (1 - fee));
  let lo = 0; // scarce balance → 0 makes the cheap coin's price → 0
  let hi = D / 2; // balanced: price 1
  for (let i = 0; i < 200 && target < 1; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (marginalPriceOfY(mid, balanceOnCurve(mid, ann), ann) > target) hi = mid;
    else lo = mid;
  }
  const scarce = target < 1 ? (lo + hi) / 2 : D / 2;
  const abundant = balanceOnCurve(scarce, ann);
  // Values in units of the expensive coin; the cheap coin is worth q.
  const lpValue = scarce + q * abundant;
  const hodlValue = (D / 2) * (1 + q);
  const cheapCoin: 0 | 1 = cheapIsDepegged ? depeggedCoin : depeggedCoin === 1 ? 0 : 1;
  const balances: [number, number] = cheapCoin === 1 ? [scarce, abundant] : [abundant, scarce];
  const poolPriceOfCheap = marginalPriceOfY(scarce, abundant, ann);
  return { il: lpValue / hodlValue - 1, balances, poolPrice: cheapIsDepegged ? poolPriceOfCheap : 1 / poolPriceOfCheap };
}
