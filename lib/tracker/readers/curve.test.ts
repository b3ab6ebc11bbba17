import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { CURVE_LP_POOLS } from '../../restaking/deployments';
import { curveLpReader } from './curve';
import { rateBook, revert, runReader, type Answer } from './fake-chain.test-helper';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const E = 10n ** 18n;
const [steth, weethNg] = CURVE_LP_POOLS as [(typeof CURVE_LP_POOLS)[number], (typeof CURVE_LP_POOLS)[number]];

/** A pool holding 1000 / 1100 of its coins, 2000 LP in supply, alice 100 LP (5 %). */
const pool =
  (lp: bigint, overrides: Record<string, () => unknown> = {}): Answer =>
  (c) => {
    const o = overrides[c.functionName];
    if (o) return o();
    switch (c.functionName) {
      case 'balances':
        return c.args![0] === 0n ? 1000n * E : 1100n * E;
      case 'totalSupply':
        return 2000n * E;
      case 'get_virtual_price':
        return 1_050_000_000_000_000_000n;
      case 'A':
        return 50n;
      case 'fee':
        return 4_000_000n;
      case 'balanceOf':
        return lp;
    }
    return revert();
  };

describe('curveLpReader', () => {
  test('ETH/stETH: underlying = balances × share / supply, valued at fair and market; IL vs a balanced entry at peg', () => {
    const rates = rateBook({ stETH: { fair: E, market: 980_000_000_000_000_000n } });
    const [p] = runReader(curveLpReader([steth]), [alice], pool(100n * E), rates).positions;
    expect(p).toMatchObject({ status: 'ok', amount: 100n * E, fairValueEth: 105n * E, marketValueEth: 103_900_000_000_000_000_000n });
    expect(p!.il!.underlying).toEqual([
      { asset: 'ETH', amount: 50n * E },
      { asset: 'stETH', amount: 55n * E },
    ]);
    // HODL: 100 LP × 1.05 virtual price = 105 ETH entered half/half at peg; today 52.5 + 52.5 × 0.98.
    const hodl = 52_500_000_000_000_000_000n + 51_450_000_000_000_000_000n;
    expect(p!.il).toMatchObject({
      basis: 'balanced-entry-at-peg',
      lpValueEth: 103_900_000_000_000_000_000n,
      hodlValueEth: hodl,
      ilWad: (103_900_000_000_000_000_000n * E) / hodl - E,
    });
    // The lib/risk StableSwap model at 2 % off peg loses more than a constant-product pool would (2√p/(1+p) − 1).
    const constantProduct = (2 * Math.sqrt(0.98)) / 1.98 - 1;
    expect(Number(p!.details.ilModel)).toBeLessThan(constantProduct);
    expect(p!.details).toMatchObject({ underlying0: `${50n * E} ETH`, underlying1: `${55n * E} stETH`, poolA: '50' });
  });

  test('WETH/weETH stable-ng: the weETH side is worth its fair rate; IL only from market ÷ fair', () => {
    const fair = 1_070_000_000_000_000_000n;
    const rates = rateBook({ weETH: { fair, market: fair } });
    const [p] = runReader(curveLpReader([weethNg]), [alice], pool(100n * E), rates).positions;
    expect(p!.fairValueEth).toBe(50n * E + (55n * E * fair) / E);
    expect(p!.marketValueEth).toBe(p!.fairValueEth);
    expect(Number(p!.details.ilModel)).toBe(0); // on peg: no loss in the model
  });

  test('no LP: no position; pool balances unreadable: failed with the LP amount kept', () => {
    const rates = rateBook({ stETH: { fair: E, market: E } });
    expect(runReader(curveLpReader([steth]), [alice], pool(0n), rates).positions).toEqual([]);
    const [p] = runReader(curveLpReader([steth]), [alice], pool(7n, { balances: () => revert('pool paused') }), rates).positions;
    expect(p).toMatchObject({ status: 'failed', amount: 7n, error: 'balances(0): pool paused' });
  });
});
