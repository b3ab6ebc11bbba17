import { describe, expect, test } from 'vitest';
import {
  afterFailure,
  afterSuccess,
  backoffDelay,
  freshness,
  INITIAL_SCHEDULE,
  mayAttempt,
  MAX_BACKOFF_MS,
  STALE_AFTER_MS,
} from './schedule';

describe('backoff', () => {
  test('doubles from 30 s per consecutive failure and caps at 30 min', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(backoffDelay)).toEqual([
      30_000,
      60_000,
      120_000,
      240_000,
      480_000,
      960_000,
      1_800_000,
      1_800_000,
      MAX_BACKOFF_MS,
    ]);
    expect(backoffDelay(0)).toBe(0);
  });

  test('failures push the next attempt out; an alarm before it is skipped, a success resets', () => {
    let s = afterFailure(INITIAL_SCHEDULE, 1_000, 'rpc down');
    s = afterFailure(s, 40_000, 'rpc down');
    expect(s).toMatchObject({ consecutiveFailures: 2, nextAttemptAt: 40_000 + 60_000, lastError: 'rpc down' });
    expect(mayAttempt(s, 99_999, 'alarm')).toBe(false);
    expect(mayAttempt(s, 100_000, 'alarm')).toBe(true);
    // A user opening the popup may retry, but not twice within 10 s.
    expect(mayAttempt(s, 45_000, 'user')).toBe(false);
    expect(mayAttempt(s, 50_000, 'user')).toBe(true);
    expect(afterSuccess(200_000)).toMatchObject({ consecutiveFailures: 0, lastError: null, nextAttemptAt: 200_000 + 300_000 });
  });
});

describe('freshness', () => {
  test('no snapshot is stale with no age', () => {
    expect(freshness(null, INITIAL_SCHEDULE, 0)).toEqual({ stale: true, ageMs: null, reason: 'no-data' });
  });
  test('fresh until two refresh periods old, then stale with its age', () => {
    const ok = afterSuccess(1_000);
    expect(freshness(1_000, ok, 1_000 + STALE_AFTER_MS)).toEqual({ stale: false, ageMs: STALE_AFTER_MS, reason: 'fresh' });
    expect(freshness(1_000, ok, 1_001 + STALE_AFTER_MS)).toEqual({ stale: true, ageMs: STALE_AFTER_MS + 1, reason: 'too-old' });
  });
  test('a failed attempt after the snapshot makes even young data stale', () => {
    const failed = afterFailure(afterSuccess(1_000), 2_000, 'timeout');
    expect(freshness(1_000, failed, 3_000)).toEqual({ stale: true, ageMs: 2_000, reason: 'last-refresh-failed' });
  });
});
