import { describe, expect, it } from 'vitest';
import { depegFlag, depegRatio, exitLoss, exitLossFlag } from './depeg';

const WAD = 10n ** 18n;
const e18 = (n: number) => BigInt(Math.round(n * 1e6)) * 10n ** 12n;

describe('depegRatio', () => {
  it('stETH at its June 2022 low (0.932 vs fair 1.0) is a 6.8 % discount', () => {
    expect(depegRatio(e18(0.932), WAD)).toEqual({ deviationWad: -e18(0.068), deviationBps: -680n, deviation: expect.closeTo(-0.068, 15) });
  });
  it('wstETH: market 1.15 vs fair 1.2 stETH = −4.1666…% (truncated toward zero)', () => {
    const r = depegRatio(e18(1.15), e18(1.2));
    expect(r.deviationWad).toBe(-41_666_666_666_666_666n);
    expect(r.deviationBps).toBe(-416n);
  });
  it('premium is positive', () => {
    expect(depegRatio(e18(1.01), WAD).deviationBps).toBe(100n);
  });
  it('rejects a zero fair rate', () => {
    expect(() => depegRatio(WAD, 0n)).toThrow(/Fair rate/);
  });
});

describe('exitLoss', () => {
  it('10 wstETH at fair 1.2 quoted 11.9 ETH loses 0.1 ETH = 0.8333 %', () => {
    const r = exitLoss({ amount: 10n * WAD, fairRate: e18(1.2), quotedOut: e18(11.9) });
    expect(r.fairValueWei).toBe(12n * WAD);
    expect(r.lossWei).toBe(e18(0.1));
    expect(r.lossBps).toBe(83n);
    expect(r.lossFraction).toBeCloseTo(0.1 / 12, 15);
  });
  it('a quote above fair is a negative loss', () => {
    expect(exitLoss({ amount: WAD, fairRate: WAD, quotedOut: e18(1.001) }).lossWei).toBe(-e18(0.001));
  });
});

describe('depegFlag thresholds (0.5 % info, 1 % warn, 3 % danger)', () => {
  const flag = (market: number) => depegFlag({ symbol: 'stETH', market: e18(market), fair: WAD });
  it.each([
    [0.996, undefined],
    [0.995, 'info'],
    [0.9901, 'info'],
    [0.99, 'warn'],
    [0.9701, 'warn'],
    [0.97, 'danger'],
    [0.22, 'danger'],
  ])('market %s → %s', (market, severity) => {
    expect(flag(market)?.severity).toBe(severity);
  });
  it('reports numbers with units', () => {
    const f = flag(0.932)!;
    expect(f.id).toBe('depeg.discount');
    expect(f.numbers).toEqual({ market: '0.932 ETH per stETH', fair: '1 ETH per stETH', deviation: '-6.8%' });
  });
  it('a premium of 1 % or more is info only; a smaller one is silent', () => {
    expect(flag(1.02)).toMatchObject({ id: 'depeg.premium', severity: 'info' });
    expect(flag(1.005)).toBeUndefined();
  });
});

describe('exitLossFlag thresholds (0.3 % info, 1 % warn, 3 % danger)', () => {
  const flag = (quoted: number) => exitLossFlag({ symbol: 'weETH', amount: 100n * WAD, fairRate: WAD, quotedOut: e18(quoted) });
  it.each([
    [99.8, undefined],
    [99.7, 'info'],
    [99, 'warn'],
    [97.5, 'warn'],
    [97, 'danger'],
  ])('quoted %s ETH for 100 → %s', (quoted, severity) => {
    expect(flag(quoted)?.severity).toBe(severity);
  });
  it('states the loss in ETH', () => {
    expect(flag(96.5)!.numbers.loss).toBe('3.5 ETH');
  });
});
