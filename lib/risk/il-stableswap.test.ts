import { describe, expect, it } from 'vitest';
import { ilConstantProduct } from './il-constant-product';
import { ilStableSwap } from './il-stableswap';
import { ilTable } from './il-table';

/*
 * Independent solution of the pool, in bigint at 1e30 precision, with Curve's own Newton iterations
 * (get_D / get_y of StableSwapSTETH.vy, Ann = A·N_COINS), the marginal price by a central difference
 * of get_y, and a bisection on the balance of the coin that keeps its peg.
 */
const N = 2n;
const SCALE = 10n ** 30n;

function getD(xp: readonly [bigint, bigint], ann: bigint): bigint {
  const s = xp[0] + xp[1];
  let d = s;
  for (let i = 0; i < 255; i++) {
    let dP = d;
    for (const x of xp) dP = (dP * d) / (x * N);
    const prev = d;
    d = ((ann * s + dP * N) * d) / ((ann - 1n) * d + (N + 1n) * dP);
    if ((d > prev ? d - prev : prev - d) <= 1n) return d;
  }
  throw new Error('get_D did not converge');
}

/** Balance of the other coin given balance x of one coin, on the invariant with this D. */
function getY(x: bigint, d: bigint, ann: bigint): bigint {
  let c = (d * d) / (x * N);
  c = (c * d) / (ann * N);
  const b = x + d / ann;
  let y = d;
  for (let i = 0; i < 255; i++) {
    const prev = y;
    y = (y * y + c) / (2n * y + b - d);
    if ((y > prev ? y - prev : prev - y) <= 1n) return y;
  }
  throw new Error('get_y did not converge');
}

/** Pool starts at [1, 1]; the depegged coin's market price is p (in units of the other coin). */
function independentIl(A: bigint, p: number, depeggedCoin: 0 | 1) {
  const ann = A * N;
  const start: [bigint, bigint] = [SCALE, SCALE];
  const d = getD(start, ann);
  const h = SCALE / 10n ** 12n;
  const priceOfDepegged = (pegged: bigint) => {
    const dy = getY(pegged - h, d, ann) - getY(pegged + h, d, ann);
    return Number((2n * h * 10n ** 18n) / dy) / 1e18;
  };
  let lo = h * 2n;
  let hi = SCALE;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (priceOfDepegged(mid) > p) hi = mid;
    else lo = mid;
  }
  const pegged = Number(lo) / Number(SCALE);
  const depegged = Number(getY(lo, d, ann)) / Number(SCALE);
  const il = (pegged + p * depegged) / (1 + p) - 1;
  const total = Number(d) / Number(SCALE);
  const balances = depeggedCoin === 1 ? [pegged / total, depegged / total] : [depegged / total, pegged / total];
  return { il, balances };
}

describe('ilStableSwap', () => {
  const cases: [number, number][] = [];
  for (const A of [5, 50, 200, 2000]) for (const p of [0.99, 0.97, 0.95, 0.9]) cases.push([A, p]);

  it.each(cases)('A = %s, depeg to %s: matches a bigint solution of the invariant, both coins', (A, p) => {
    for (const coin of [0, 1] as const) {
      const expected = independentIl(BigInt(A), p, coin);
      const got = ilStableSwap({ A, depegPrice: p, depeggedCoin: coin });
      expect(got.il).toBeCloseTo(expected.il, 9);
      expect(got.balances[0]).toBeCloseTo(expected.balances[0]!, 9);
      expect(got.balances[1]).toBeCloseTo(expected.balances[1]!, 9);
      expect(got.poolPrice).toBeCloseTo(p, 9);
    }
  });

  it('a price above 1 means the other coin is the cheap one', () => {
    const expected = independentIl(100n, 1 / 1.04, 0);
    const got = ilStableSwap({ A: 100, depegPrice: 1.04, depeggedCoin: 1 });
    expect(got.il).toBeCloseTo(expected.il, 9);
    expect(got.balances[0]).toBeGreaterThan(got.balances[1]);
  });

  it('tends to constant product as A → 0 and to constant sum as A → ∞', () => {
    expect(ilStableSwap({ A: 1e-7, depegPrice: 0.8 }).il).toBeCloseTo(ilConstantProduct(0.8), 5);
    // Constant sum: arbitrage takes all of the good coin, LP holds 1 unit of D in the cheap coin.
    const p = 0.9;
    expect(ilStableSwap({ A: 1e7, depegPrice: p }).il).toBeCloseTo((2 * p) / (1 + p) - 1, 3); // converges slowly in A
  });

  it('a depeg inside the fee band moves nothing; a fee shrinks the loss', () => {
    const inside = ilStableSwap({ A: 50, depegPrice: 0.9997, fee: 0.0004 });
    expect(inside.il).toBe(0);
    expect(inside.balances).toEqual([0.5, 0.5]);
    const noFee = ilStableSwap({ A: 50, depegPrice: 0.95 }).il;
    const withFee = ilStableSwap({ A: 50, depegPrice: 0.95, fee: 0.01 }).il;
    expect(withFee).toBeLessThan(0);
    expect(withFee).toBeGreaterThan(noFee);
  });

  it('ilTable for a stableswap pool is monotone in the depeg and worse than constant product', () => {
    const rows = ilTable({ kind: 'stableswap', A: 50 });
    const cp = ilTable({ kind: 'constant-product' });
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.il).toBeLessThan(rows[i - 1]!.il);
    rows.forEach((row, i) => expect(row.il).toBeLessThan(cp[i]!.il));
  });

  it('rejects bad parameters', () => {
    expect(() => ilStableSwap({ A: 0, depegPrice: 0.9 })).toThrow(/StableSwap/);
    expect(() => ilStableSwap({ A: 10, depegPrice: 0.9, fee: 1 })).toThrow(/StableSwap/);
  });
});
