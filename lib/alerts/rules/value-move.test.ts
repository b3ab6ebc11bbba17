import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { DEFAULT_ALERT_SETTINGS } from '../settings';
import { EMPTY_ALERTS_STATE, type AlertsState } from '../types';
import type { Position, TrackerSnapshot } from '../../tracker/types';
import { valueMoveRule } from './value-move';

const E = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';

/** A token position the way the token reader reports it: value = amount × fair rate. */
function token(asset: string, amount: bigint, fairRate: bigint, shareRate?: bigint): Position {
  return {
    id: `token:${alice.toLowerCase()}:${asset}`,
    family: 'token',
    account: alice,
    asset,
    status: 'ok',
    amount,
    fairValueEth: (amount * fairRate) / E,
    marketValueEth: null,
    depegWad: null,
    details: { fairRate: String(fairRate), ...(shareRate ? { shareRate: String(shareRate) } : {}) },
    sources: [],
  };
}
const snap = (block: bigint, positions: Position[]): TrackerSnapshot => ({
  chainId: 1,
  blockNumber: block,
  blockTimestamp: 0n,
  takenAt: 0,
  requestCount: 1,
  accounts: [alice],
  positions,
  tokens: [],
});

function runner() {
  const state: AlertsState = structuredClone(EMPTY_ALERTS_STATE);
  let block = 100n;
  return {
    state,
    run: (...positions: Position[]) =>
      valueMoveRule({ snapshot: snap((block += 10n), positions), settings: DEFAULT_ALERT_SETTINGS, state, now: 0 }, new Set()),
  };
}

describe('valueMoveRule counts price moves, not the user’s transfers', () => {
  test('stETH moved into the withdrawal queue (balance −25 %, share rate unchanged) raises nothing', () => {
    const r = runner();
    const rate = 1_180_000_000_000_000_000n;
    expect(r.run(token('stETH', 8n * E, E, rate))).toEqual([]);
    expect(r.run(token('stETH', 6n * E, E, rate))).toEqual([]);
    // The smaller balance is the new baseline: a later real 12 % fall is measured from it.
    const fall = r.run(token('stETH', (6n * E * 88n) / 100n, E, (rate * 88n) / 100n));
    expect(fall.map((c) => [c.rule, c.title, c.data.before, c.data.after])).toEqual([
      ['valueMove', 'stETH fell 12%', String(6n * E), String((6n * E * 88n) / 100n)],
    ]);
  });

  test('a stETH slash (balance and share rate both −15 %) is a fall of 15 %', () => {
    const r = runner();
    const rate = 1_200_000_000_000_000_000n;
    r.run(token('stETH', 10n * E, E, rate));
    const [c] = r.run(token('stETH', (10n * E * 85n) / 100n, E, (rate * 85n) / 100n));
    expect(c?.severity).toBe('warning');
    expect(c?.data.moveWad).toBe(String(-(15n * E) / 100n));
  });

  test('wstETH received at an unchanged rate raises nothing; a 12 % rate fall on the new amount does', () => {
    const r = runner();
    const rate = 1_150_000_000_000_000_000n;
    r.run(token('wstETH', 2n * E, rate));
    expect(r.run(token('wstETH', 5n * E, rate))).toEqual([]);
    const [c] = r.run(token('wstETH', 5n * E, (rate * 88n) / 100n));
    expect(c?.title).toBe('wstETH fell 12%');
    expect(c?.message).toMatch(/^Fair value 5\.75 ETH → 5\.06 ETH/);
  });

  test('a price move while the amount also changed says only the price counted', () => {
    const r = runner();
    r.run(token('weETH', 4n * E, 1_070_000_000_000_000_000n));
    const [c] = r.run(token('weETH', 3n * E, 1_200_000_000_000_000_000n));
    expect(c?.severity).toBe('info');
    expect(c?.title).toMatch(/^weETH rose 12\.1\d*%$/);
    expect(c?.message).toMatch(/amount held also changed, which is not counted/);
    expect([c?.data.unitsBefore, c?.data.unitsAfter]).toEqual([String(4n * E), String(3n * E)]);
  });

  test('a baseline stored by the earlier version (value only) is renewed, not compared', () => {
    const r = runner();
    r.state.valueBaselines[`token:${alice.toLowerCase()}:wstETH`] = String(100n * E);
    expect(r.run(token('wstETH', 1n * E, E))).toEqual([]);
    expect(r.state.valueBaselines[`token:${alice.toLowerCase()}:wstETH`]).toBe(`${E}/${E}`);
  });
});
