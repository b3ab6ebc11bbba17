import { describe, expect, it } from 'vitest';
import { checkRateLag, DEFAULT_RATE_LAG_THRESHOLDS } from './rate-lag';
import { decodeRate, type TokenRate } from './holdings';
import { L2_CHAINS } from './registry';
import { rateLagFlags } from '../../risk';

const ONE = 10n ** 18n;
const weeth = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'weETH')!;
const rsethArb = L2_CHAINS[42161].tokens.find((t) => t.symbol === 'rsETH')!;
const ref = { kind: 'chainlink-exchange-rate' as const, address: weeth.rateSource.address, description: 'd', reference: 'r' };
const l2 = (rate: bigint, updatedAt: bigint): TokenRate => ({ ok: true, rate, updatedAt, source: ref });
const l1 = (rate: bigint) => ({ ok: true as const, rate, source: 'weETH.getRate()' });
const NOW = 1_800_000_000n;
const check = (l2Rate: TokenRate, l1Rate: bigint) =>
  checkRateLag({ chainId: 8453, symbol: 'weETH', l1Symbol: 'weETH', l2: l2Rate, l1: l1(l1Rate), now: NOW });

describe('checkRateLag', () => {
  it('a fresh rate equal to L1 is ok', () => {
    expect(check(l2(1_070_000_000_000_000_000n, NOW - 60n), 1_070_000_000_000_000_000n)).toMatchObject({
      status: 'ok',
      reasons: [],
      shortfallWad: 0n,
      ageSeconds: 60n,
    });
  });

  it('below L1 by more than 50 bps lags; exactly 50 bps does not (the boundary is exact, not rounded)', () => {
    const l1Rate = 2n * ONE;
    expect(check(l2(l1Rate - l1Rate / 200n, NOW), l1Rate).reasons).toEqual([]); // 0.5 %
    expect(check(l2(l1Rate - l1Rate / 200n - 1n, NOW), l1Rate).reasons).toEqual(['below-l1']); // 0.5 % + 1 wei
  });

  it('older than 25 h is stale, 25 h exactly is not; a rate above L1 never lags by value', () => {
    const max = DEFAULT_RATE_LAG_THRESHOLDS.maxAgeSeconds;
    expect(check(l2(ONE, NOW - max), ONE).reasons).toEqual([]);
    expect(check(l2(ONE, NOW - max - 1n), ONE).reasons).toEqual(['stale']);
    const above = check(l2(ONE + ONE / 10n, NOW), ONE);
    expect(above.reasons).toEqual([]);
    expect(above.shortfallWad).toBe(-ONE / 10n);
  });

  it('an unread L1 rate still lets staleness flag; otherwise it is unknown, with the error', () => {
    const stale = checkRateLag({ chainId: 8453, symbol: 'weETH', l1Symbol: 'weETH', l2: l2(ONE, 0n), l1: undefined, now: NOW });
    expect(stale).toMatchObject({ status: 'lagging', reasons: ['stale'], error: 'L1 fair rate of weETH not read' });
    const unknown = checkRateLag({
      chainId: 8453,
      symbol: 'weETH',
      l1Symbol: 'weETH',
      l2: { ok: false, error: 'execution reverted', source: ref },
      l1: l1(ONE),
      now: NOW,
    });
    expect(unknown).toMatchObject({ status: 'unknown', reasons: [], l2Rate: null, error: 'L2 rate: execution reverted' });
    expect(rateLagFlags(unknown)).toEqual([]);
  });

  it('the flag names the chain, both rates with units, and the rate source', () => {
    const [flag] = rateLagFlags(check(l2((ONE * 97n) / 100n, NOW - 3n * 86_400n), ONE));
    expect(flag).toMatchObject({
      id: 'l2.rate-lag',
      severity: 'danger',
      title: "weETH on Base: rate is stale and below Ethereum's",
      numbers: { 'Base rate': '0.97 ETH per weETH', 'Ethereum fair rate': '1 ETH per weETH', shortfall: '3%', age: '3.0 days' },
      source: { contract: weeth.rateSource.address },
    });
  });
});

describe('decodeRate', () => {
  const ok = (result: unknown) => ({ status: 'success' as const, result });
  it('scales a Chainlink answer of 8 decimals to 1e18 and keeps updatedAt', () => {
    const r = decodeRate(weeth.rateSource, ok([5n, 107_120_000n, 0n, 123n, 5n]), ok(8));
    expect(r).toMatchObject({ ok: true, rate: 1_071_200_000_000_000_000n, updatedAt: 123n });
  });
  it("reads Kelp's receiver as getRate + lastUpdated", () => {
    const r = decodeRate(rsethArb.altRateSources![0]!, ok(1_062_100_000_000_000_000n), ok(77n));
    expect(r).toMatchObject({ ok: true, rate: 1_062_100_000_000_000_000n, updatedAt: 77n, source: { kind: 'kelp-rate-receiver' } });
  });
  it('a zero answer or a failed call is not a rate', () => {
    expect(decodeRate(weeth.rateSource, ok([1n, 0n, 0n, 1n, 1n]), ok(18))).toMatchObject({ ok: false });
    expect(decodeRate(weeth.rateSource, { status: 'failure', error: new Error('reverted\nmore') }, ok(18))).toMatchObject({
      ok: false,
      error: 'reverted',
    });
  });
});
