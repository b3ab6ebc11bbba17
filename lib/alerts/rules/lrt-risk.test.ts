import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { DEFAULT_ALERT_SETTINGS } from '../settings';
import { EMPTY_ALERTS_STATE, type AlertsState } from '../types';
import type { Position, TrackerSnapshot } from '../../tracker/types';
import { lrtWorstCaseRule } from './lrt-risk';
import { positionMemos } from './slashing';

const WAD = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';
const id = `token:${alice.toLowerCase()}:rsETH`;
const operator: Address = '0x0e7a000000000000000000000000000000000001';

/** 10 ETH of rsETH whose look-through worst case is `percent` % of it. */
function snap(block: bigint, percent: number | 'unknown'): TrackerSnapshot {
  const value = 10n * WAD;
  const worst = percent === 'unknown' ? 0n : (value * BigInt(percent * 10)) / 1000n;
  const position: Position = {
    id,
    family: 'token',
    account: alice,
    asset: 'rsETH',
    status: 'ok',
    amount: value,
    fairValueEth: value,
    marketValueEth: value,
    depegWad: 0n,
    details: { lrtSymbol: 'rsETH', lrtExposure: percent === 'unknown' ? 'unknown' : 'known' },
    ...(percent === 'unknown'
      ? {}
      : { slashing: { worstCaseEth: worst, method: 'lrt-share' as const, perOperator: [{ operator, restakedEth: 6n * WAD }] } }),
    sources: [],
  };
  return {
    chainId: 1,
    blockNumber: block,
    blockTimestamp: 0n,
    takenAt: 0,
    requestCount: 1,
    accounts: [alice],
    positions: [position],
    tokens: [],
  };
}

/** One evaluation as the engine does it: the rule sees the previous memos, then the memos move on. */
function run(state: AlertsState, s: TrackerSnapshot, settings = DEFAULT_ALERT_SETTINGS) {
  const out = lrtWorstCaseRule({ snapshot: s, settings, state, now: 0 });
  state.positions = positionMemos(s);
  return out;
}
const fresh = (): AlertsState => structuredClone(EMPTY_ALERTS_STATE);

describe('LRT worst-case rule', () => {
  test('a rise above 10 % raises one info alert per episode; hovering near it is the same episode; a new one after it clears', () => {
    const state = fresh();
    expect(run(state, snap(1n, 5))).toEqual([]);
    const raised = run(state, snap(2n, 12));
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ id: `lrt-risk:${id}:2`, rule: 'slashing', severity: 'info', positionId: id });
    expect(raised[0]!.data).toMatchObject({
      lrt: 'rsETH',
      worstCaseEth: String((12n * WAD) / 10n),
      worstCaseBeforeEth: String(WAD / 2n),
      shareWad: String((12n * WAD) / 100n),
      thresholdWad: String(WAD / 10n),
    });
    expect(raised[0]!.title).toMatch(/^rsETH: worst-case slashing loss rose to 12/);
    expect(run(state, snap(3n, 12))).toEqual([]);
    expect(run(state, snap(4n, 9.5))).toEqual([]); // above 0.9 × 10 %: still the same episode
    expect(run(state, snap(5n, 13))).toEqual([]);
    expect(run(state, snap(6n, 'unknown'))).toEqual([]); // unknown look-through: no decision
    expect(run(state, snap(7n, 13))).toEqual([]);
    expect(run(state, snap(8n, 8))).toEqual([]); // clears
    expect(run(state, snap(9n, 15)).map((a) => a.id)).toEqual([`lrt-risk:${id}:9`]);
  });

  test('already above when first seen: no alert (nothing rose); the threshold setting applies', () => {
    const state = fresh();
    expect(run(state, snap(1n, 40))).toEqual([]);
    expect(run(state, snap(2n, 45))).toEqual([]);
    const other = fresh();
    const settings = { ...DEFAULT_ALERT_SETTINGS, lrtWorstCasePercent: 50 };
    expect(run(other, snap(1n, 40), settings)).toEqual([]);
    expect(run(other, snap(2n, 49), settings)).toEqual([]);
    expect(run(other, snap(3n, 51), settings)).toHaveLength(1);
    // The threshold lowered under a figure that was already above it: nothing rose, no alert.
    const lowered = fresh();
    expect(run(lowered, snap(1n, 30), settings)).toEqual([]);
    expect(run(lowered, snap(2n, 31), { ...settings, lrtWorstCasePercent: 20 })).toEqual([]);
  });
});
