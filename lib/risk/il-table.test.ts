import { describe, expect, it } from 'vitest';
import { ilConstantProduct } from './il-constant-product';
import { ilStableSwap } from './il-stableswap';
import { ilTable, ilYieldBearing } from './il-table';
import { ilUniswapV3 } from './il-uniswap-v3';

const e18 = (n: number) => BigInt(Math.round(n * 1e6)) * 10n ** 12n;

describe('ilYieldBearing', () => {
  it('wstETH quoted 1.164 stETH against a fair rate of 1.2 is a 3 % depeg of the position', () => {
    const r = ilYieldBearing({ marketPrice: e18(1.164), fairRate: e18(1.2), pool: { kind: 'stableswap', A: 50 } });
    expect(r.depegPrice).toBeCloseTo(0.97, 15);
    expect(r.il).toBeCloseTo(ilStableSwap({ A: 50, depegPrice: 0.97 }).il, 14);
  });
  it('at the fair rate there is no IL, whatever the rate', () => {
    for (const pool of [{ kind: 'constant-product' as const }, { kind: 'stableswap' as const, A: 200 }]) {
      expect(ilYieldBearing({ marketPrice: e18(1.0856), fairRate: e18(1.0856), pool }).il).toBeCloseTo(0, 14);
    }
  });
  it('rejects a zero rate', () => {
    expect(() => ilYieldBearing({ marketPrice: 1n, fairRate: 0n, pool: { kind: 'constant-product' } })).toThrow(/positive/);
  });
});

describe('ilTable', () => {
  it('prices a v3 range around the peg and custom depegs', () => {
    const rows = ilTable({ kind: 'uniswap-v3', rangeLower: 0.98, rangeUpper: 1.02 }, [0.01, 0.05]);
    expect(rows[0]!.il).toBeCloseTo(ilUniswapV3({ pa: 0.98, pb: 1.02, p: 1, pPrime: 0.99 }).il, 15);
    // Concentrated: a 1 % move inside a ±2 % range loses far more than the v2 position.
    expect(rows[0]!.il).toBeLessThan(20 * ilConstantProduct(0.99));
    expect(rows[1]!.price).toBeCloseTo(0.95, 15);
  });
  it('rejects depegs outside [0, 1)', () => {
    expect(() => ilTable({ kind: 'constant-product' }, [1])).toThrow(/Depeg/);
  });
});
