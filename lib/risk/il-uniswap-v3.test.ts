import { describe, expect, it } from 'vitest';
import { ilConstantProduct } from './il-constant-product';
import { ilUniswapV3 } from './il-uniswap-v3';

/** Peteris Erins, "Impermanent Loss in Uniswap V3" (2021): valid while P and P' = kP are in range. */
function erinsClosedForm(pa: number, pb: number, p: number, k: number): number {
  const v2 = (2 * Math.sqrt(k)) / (1 + k) - 1;
  return v2 / (1 - (Math.sqrt(pa / p) + k * Math.sqrt(p / pb)) / (1 + k));
}

/**
 * Independent path: deposit 1 token1 worth of liquidity, then let swaps move the price, using the
 * whitepaper's swap deltas (Δy = L·Δ√P, Δx = L·Δ(1/√P)) step by step, and stop trading at a range edge.
 */
function simulatePosition(pa: number, pb: number, p: number, pPrime: number) {
  const sa = Math.sqrt(pa);
  const sb = Math.sqrt(pb);
  const sp = Math.sqrt(p);
  const y0 = 1;
  const liquidity = y0 / (sp - sa); // whitepaper eq. 6.30 solved for L
  const x0 = liquidity * (1 / sp - 1 / sb); // eq. 6.29
  let x = x0;
  let y = y0;
  let s = sp;
  const target = Math.min(Math.max(Math.sqrt(pPrime), sa), sb);
  const steps = 1000;
  const ds = (target - s) / steps;
  for (let i = 0; i < steps; i++) {
    const next = s + ds;
    y += liquidity * (next - s);
    x += liquidity * (1 / next - 1 / s);
    s = next;
  }
  const lp = x * pPrime + y;
  const hodl = x0 * pPrime + y0;
  return { il: lp / hodl - 1, x, y };
}

const RANGES: [number, number, number][] = [
  [0.9, 1.1, 1], // tight stable range
  [0.99, 1.01, 1],
  [0.5, 2, 1],
  [1500, 2500, 2000], // ETH/USDC-like
];

describe('ilUniswapV3', () => {
  it.each(RANGES)('matches the Erins closed form in range [%s, %s] from P = %s', (pa, pb, p) => {
    for (const f of [0.1, 0.5, 0.9]) {
      for (const edge of [pa, pb]) {
        const pPrime = p + (edge - p) * f;
        const expected = erinsClosedForm(pa, pb, p, pPrime / p);
        const { il, inRange } = ilUniswapV3({ pa, pb, p, pPrime });
        expect(inRange).toBe(true);
        expect(il).toBeCloseTo(expected, 12);
      }
    }
  });

  it.each(RANGES)('matches a swap-by-swap whitepaper simulation in and out of range [%s, %s]', (pa, pb, p) => {
    for (const pPrime of [pa * 0.5, pa * 0.97, (pa + p) / 2, p, (p + pb) / 2, pb * 1.03, pb * 3]) {
      const expected = simulatePosition(pa, pb, p, pPrime).il;
      expect(ilUniswapV3({ pa, pb, p, pPrime }).il).toBeCloseTo(expected, 10);
    }
  });

  it('out of range below: the position is all token0, IL keeps growing', () => {
    const at = (pPrime: number) => ilUniswapV3({ pa: 0.95, pb: 1.05, p: 1, pPrime });
    expect(at(0.9).inRange).toBe(false);
    expect(at(0.8).il).toBeLessThan(at(0.9).il);
    // Below the range the position holds only token0: y = 0 and x = L(1/√pa − 1/√pb).
    const simulated = simulatePosition(0.95, 1.05, 1, 0.9);
    expect(simulated.y).toBeCloseTo(0, 10); // float dust from 1000 steps
    const liquidity = 1 / (1 - Math.sqrt(0.95));
    const x0 = liquidity * (1 - 1 / Math.sqrt(1.05));
    const xAll = liquidity * (1 / Math.sqrt(0.95) - 1 / Math.sqrt(1.05));
    expect(at(0.9).il).toBeCloseTo((xAll * 0.9) / (x0 * 0.9 + 1) - 1, 12);
  });

  it('approaches the constant-product IL when the range is very wide', () => {
    for (const k of [0.9, 1.5]) expect(ilUniswapV3({ pa: 1e-12, pb: 1e12, p: 1, pPrime: k }).il).toBeCloseTo(ilConstantProduct(k), 5);
  });

  it('rejects an inverted range', () => {
    expect(() => ilUniswapV3({ pa: 2, pb: 1, p: 1.5, pPrime: 1.5 })).toThrow(/range/);
  });
});
