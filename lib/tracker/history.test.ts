import { describe, expect, test } from 'vitest';
import { appendPoint, MAX_POINTS_PER_SERIES, recordSnapshot, type HistoryPoint } from './history';
import type { TrackerSnapshot } from './types';

const point = (i: number): HistoryPoint => ({ t: i, block: String(i), fair: '1', market: '1', depegWad: '0' });
const snapshot = (i: number, symbols: string[]): TrackerSnapshot => ({
  chainId: 1,
  blockNumber: BigInt(i),
  blockTimestamp: BigInt(i),
  takenAt: i,
  requestCount: 2,
  accounts: [],
  tokens: symbols.map((symbol) => ({ symbol, fairRate: 10n ** 18n, marketRate: BigInt(i), depegWad: -1n })),
  positions: [],
});

describe('history ring buffer', () => {
  test('keeps at most 288 points per series, dropping the oldest', () => {
    let series: HistoryPoint[] = [];
    for (let i = 1; i <= 1000; i++) series = appendPoint(series, point(i));
    expect(series).toHaveLength(MAX_POINTS_PER_SERIES);
    expect(series[0]!.t).toBe(1000 - MAX_POINTS_PER_SERIES + 1);
    expect(series.at(-1)!.t).toBe(1000);
  });

  test('a second snapshot at the same block replaces the point instead of adding one', () => {
    const s = appendPoint(appendPoint([], point(5)), { ...point(5), market: '2' });
    expect(s).toEqual([{ ...point(5), market: '2' }]);
  });

  test('recordSnapshot adds one point per token with decimal strings, and bounds the number of series', () => {
    let h = recordSnapshot({}, snapshot(1, ['stETH', 'rETH']));
    expect(h['token:stETH']).toEqual([{ t: 1, block: '1', fair: '1000000000000000000', market: '1', depegWad: '-1' }]);
    for (let i = 2; i <= 400; i++) h = recordSnapshot(h, snapshot(i, ['stETH']));
    expect(h['token:stETH']).toHaveLength(MAX_POINTS_PER_SERIES);
    expect(h['token:rETH']).toHaveLength(1);
    const bounded = recordSnapshot(h, snapshot(401, ['a', 'b']), { maxPoints: 10, maxSeries: 2 });
    expect(Object.keys(bounded).sort()).toEqual(['token:a', 'token:b']);
  });
});
