import { parseEther, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import type { StoredEthUsd } from '../storage';
import type { HomeToken } from './token-list';
import { isDust, valueBalances, valueInEth, type RateEntry } from './valuation';

const ETH_USD: StoredEthUsd = { answer: '300000000000', decimals: 8, updatedAt: 1, feed: '0x5f4eC3Df9cbd43714FE2740f5E3616155c5b8419' };
const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const token = (n: number, symbol: string, extra: Partial<HomeToken> = {}): HomeToken => ({
  address: addr(n),
  symbol,
  decimals: 18,
  source: 'registry',
  ...extra,
});

const stETH = token(1, 'stETH', { kind: 'lst', rateSymbol: 'stETH' });
const weETH = token(2, 'weETH', { kind: 'lrt', rateSymbol: 'weETH' });
const weth = token(3, 'WETH', { pegged: true });
const custom = token(4, 'FOO', { source: 'custom' });
const watchedEmpty = token(5, 'BAR', { source: 'watched' });
const rsETH = token(6, 'rsETH', { kind: 'lrt', rateSymbol: 'rsETH' });
const RATES = new Map<string, RateEntry>([
  ['stETH', { fairRate: parseEther('1'), marketRate: parseEther('0.999') }],
  ['weETH', { fairRate: parseEther('1.05'), marketRate: parseEther('1.04') }],
  // No market answered: the fair rate prices it.
  ['rsETH', { fairRate: parseEther('1.02'), marketRate: null }],
]);

describe('Home valuation', () => {
  it('totals ETH + Σ amount × market rate (fair without a market); unpriced and failed rows are not counted', () => {
    const v = valueBalances(
      [
        { token: 'native', amount: parseEther('1.5') },
        { token: stETH, amount: parseEther('12') },
        { token: weETH, amount: parseEther('8') },
        { token: rsETH, amount: parseEther('2') },
        { token: weth, amount: parseEther('0.0002') },
        { token: custom, amount: 100n * 10n ** 18n },
        { token: watchedEmpty, amount: 0n },
        { token: token(7, 'BAD', { source: 'watched' }), error: 'balanceOf failed: execution reverted' },
      ],
      RATES,
      ETH_USD,
    );
    // By hand: 1.5 + 12 × 0.999 + 8 × 1.04 + 2 × 1.02 + 0.0002 = 1.5 + 11.988 + 8.32 + 2.04 + 0.0002 = 23.8482 ETH; × $3,000 = $71,544.60.
    expect(v.totalEth).toBe(parseEther('23.8482'));
    expect(v.totalUsd).toBe(7_154_460_000_000n);
    const by = Object.fromEntries(v.rows.map((r) => [r.symbol, r]));
    expect(by.stETH!.price).toEqual({
      basis: 'market',
      rateWad: parseEther('0.999').toString(),
      fairWad: '1000000000000000000',
      marketWad: '999000000000000000',
    });
    expect(by.rsETH!.price?.basis).toBe('fair');
    expect(by.weETH!.valueEth).toBe(parseEther('8.32').toString());
    expect(by.weETH!.valueUsd).toBe('2496000000000'); // $24,960.00
    expect(by.FOO!.price).toBeNull();
    expect(by.FOO!.valueUsd).toBeNull(); // never "0 USD"
    expect(by.BAD!.amount).toBeNull();
    expect(by.BAD!.error).toMatch(/balanceOf failed/);
    // WETH 0.0002 × $3,000 = $0.60: small. An empty watched token: small. The rest: shown.
    expect(v.rows.filter((r) => r.dust).map((r) => r.symbol)).toEqual(['WETH', 'BAR']);
  });

  it('without ETH/USD the total stays in ETH and nothing priced is hidden as small', () => {
    const v = valueBalances(
      [
        { token: 'native', amount: 0n },
        { token: weth, amount: 1n },
      ],
      RATES,
      undefined,
    );
    expect(v.totalUsd).toBeNull();
    expect(v.totalEth).toBe(1n);
    expect(v.rows.map((r) => r.dust)).toEqual([false, false]);
  });

  it('scales by the token decimals', () => {
    // 1.5 units of a 6-decimal token at 2 ETH each = 3 ETH.
    expect(valueInEth(1_500_000n, 6, parseEther('2'))).toBe(parseEther('3'));
    expect(valueInEth(1n, 0, parseEther('0.5'))).toBe(parseEther('0.5'));
  });
});

describe('the dust rule', () => {
  const usd = (dollars: string) => BigInt(Math.round(Number(dollars) * 100)) * 10n ** 6n; // 8-decimal feed units
  const priced = (valueUsd: bigint, amount = 5n) => ({ source: 'registry', amount, valueUsd, priced: true });
  it.each([
    ['$0.99 is small', priced(usd('0.99')), true],
    ['$1.00 is not', priced(usd('1.00')), false],
    ['$250 is not', priced(usd('250')), false],
    ['one unit under $1 (by 1e-8) is small', priced(usd('1.00') - 1n), true],
    ['a zero balance without a price is small', { source: 'watched', amount: 0n, valueUsd: null, priced: false }, true],
    ['a balance without a price is shown', { source: 'custom', amount: 7n, valueUsd: null, priced: false }, false],
    ['a failed read is shown', { source: 'custom', amount: null, valueUsd: null, priced: false }, false],
    ['ETH is always shown, even empty', { source: 'native', amount: 0n, valueUsd: 0n, priced: true }, false],
    ['a priced balance without ETH/USD is shown', { source: 'registry', amount: 3n, valueUsd: null, priced: true }, false],
  ])('%s', (_name, row, dust) => {
    expect(isDust(row, 8)).toBe(dust);
  });
});
