import { describe, expect, it } from 'vitest';
import { badgesOf, exposureBars, formatAge, groupPositions, totalsOf, type PositionView } from './portfolio-model';

const A = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const e = (eth: string) => (BigInt(Math.round(Number(eth) * 1e6)) * 10n ** 12n).toString();
const pos = (over: Partial<PositionView>): PositionView => ({
  id: 'token:a:stETH',
  family: 'token',
  account: A,
  asset: 'stETH',
  status: 'ok',
  amount: e('1'),
  fairValueEth: e('1'),
  marketValueEth: e('1'),
  depegWad: '0',
  details: {},
  sources: [],
  ...over,
});

describe('portfolio badges', () => {
  it('depeg under 1 % gives no badge, 1 % warns, 3 % and more is danger with the figure', () => {
    expect(badgesOf(pos({ depegWad: e('-0.0099') }), false)).toEqual([]);
    expect(badgesOf(pos({ depegWad: e('-0.01') }), false)[0]).toMatchObject({ tone: 'warn', label: 'Depeg -1.00%' });
    expect(badgesOf(pos({ depegWad: e('-0.05') }), false)[0]).toMatchObject({ tone: 'danger', label: 'Depeg -5.00%' });
    // A premium is not a loss for the holder.
    expect(badgesOf(pos({ depegWad: e('0.04') }), false)).toEqual([]);
  });
  it('failed reads come first, stale data is marked, Aave health under 1.05 is danger', () => {
    const b = badgesOf(pos({ status: 'failed', error: 'balanceOf reverted' }), true);
    expect(b.map((x) => [x.tone, x.label])).toEqual([
      ['danger', 'Read failed'],
      ['warn', 'Stale'],
    ]);
    expect(b[0]?.why).toBe('balanceOf reverted');
    const aave = pos({ family: 'aave', asset: 'awstETH', details: { healthFactor: e('1.04') } });
    expect(badgesOf(aave, false)[0]).toMatchObject({ tone: 'danger', label: 'Health 1.04' });
  });
  it('Aave liquidation distance under 10 % warns, under 5 % is danger, shown rounded down', () => {
    const at = (d: string) =>
      badgesOf(
        pos({
          family: 'aave',
          asset: 'aEthweETH',
          details: { healthFactor: e('1.5'), liquidationStatus: 'ok', pricedBy: 'exchange-rate', liquidationDistanceWad: e(d) },
        }),
        false,
      ).map((b) => [b.tone, b.label]);
    expect(at('0.1')).toEqual([]);
    expect(at('0.0999')).toEqual([['warn', 'Liquidation 9.99% away']]);
    expect(at('0.04999')).toEqual([['danger', 'Liquidation 4.99% away']]);
  });
  it('withdrawal requests: "Claimable" once finalized, a Lido request waiting says its ETA is unknown and why', () => {
    const lido = (claimable: boolean) =>
      pos({
        family: 'lido-withdrawal',
        asset: 'stETH withdrawal #3',
        depegWad: null,
        details: { claimable: String(claimable), etaBasis: 'the queue exposes no finalization time; 2 unfinalized request(s) ahead' },
      });
    expect(badgesOf(lido(true), false).map((b) => [b.tone, b.label])).toEqual([['info', 'Claimable']]);
    const waiting = badgesOf(lido(false), false);
    expect(waiting.map((b) => b.label)).toEqual(['Requested · ETA unknown']);
    expect(waiting[0]!.why).toBe(
      'Waiting for Lido to finalize it: the queue exposes no finalization time; 2 unfinalized request(s) ahead.',
    );
    // A Renzo request waits for its cooldown: an earliest time (unix seconds), shown in UTC.
    const renzo = pos({
      family: 'renzo-withdrawal',
      asset: 'ezETH withdrawal #4',
      depegWad: null,
      details: { queue: 'renzo', protocol: 'Renzo', claimable: 'false', etaTimestamp: '1796824800', etaBasis: 'earliest …' },
    });
    expect(badgesOf(renzo, false).map((b) => b.label)).toEqual(['Requested · ready from 2026-12-09 14:00 UTC']);
    const eigen = pos({ family: 'eigenlayer-queued', asset: 'stETH withdrawal #0 @10', details: { claimable: 'true' } });
    expect(badgesOf(eigen, false).map((b) => b.label)).toEqual(['Claimable']);
  });
});

describe('grouping and totals', () => {
  it('groups tokens under their issuer and deployments under the venue, largest first', () => {
    const groups = groupPositions([
      pos({ asset: 'wstETH', fairValueEth: e('2') }),
      pos({ asset: 'stETH', fairValueEth: e('3') }),
      pos({ asset: 'weETH', fairValueEth: e('8') }),
      pos({ family: 'eigenlayer', asset: 'stETH strategy', fairValueEth: e('4') }),
    ]);
    expect(groups.map((g) => [g.protocol, g.positions.map((p) => p.asset)])).toEqual([
      ['ether.fi', ['weETH']],
      ['Lido', ['stETH', 'wstETH']],
      ['EigenLayer', ['stETH strategy']],
    ]);
    expect(groups[1]?.fairEth).toBe(5n * 10n ** 18n);
  });
  it('totals skip failed positions and count an unpriced market at fair', () => {
    const t = totalsOf([
      pos({ fairValueEth: e('1'), marketValueEth: e('0.95') }),
      pos({ fairValueEth: e('2'), marketValueEth: null }),
      pos({ status: 'failed', fairValueEth: null, marketValueEth: null }),
    ]);
    expect(t).toEqual({ fairEth: 3n * 10n ** 18n, marketEth: 2_950_000_000_000_000_000n, exposureEth: 0n, failed: 1, unpricedMarket: 1 });
  });
  it('exposure bars per operator set when known', () => {
    const avs = '0x1111111111111111111111111111111111111111';
    const bars = exposureBars([
      pos({
        family: 'eigenlayer',
        slashing: {
          worstCaseEth: e('3'),
          method: 'eigenlayer-magnitudes',
          perSet: [
            { avs, id: 0, magnitude: '1', atRiskEth: e('1') },
            { avs, id: 1, magnitude: '1', atRiskEth: e('2') },
          ],
        },
      }),
    ]);
    expect(bars.map((b) => [b.label, b.eth])).toEqual([
      ['AVS 0x1111…#0', 10n ** 18n],
      ['AVS 0x1111…#1', 2n * 10n ** 18n],
    ]);
  });
});

describe('formatting', () => {
  // Percentages moved to lib/format (formatWadDeviation, tested there).
  it('age', () => {
    expect(formatAge(42_000)).toBe('42 s');
    expect(formatAge(3 * 3600_000 + 5 * 60_000)).toBe('3 h 5 min');
  });
});
