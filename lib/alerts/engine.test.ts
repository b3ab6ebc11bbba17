import { describe, expect, test } from 'vitest';
import { custom, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { createAlertsEngine } from './engine';
import { createMemoryAlertsStore } from './memory-store';
import { DEFAULT_ALERT_SETTINGS } from './settings';
import type { AlertNotification, AlertSettings } from './types';
import type { Position, TrackerSnapshot } from '../tracker/types';
import { INITIAL_SCHEDULE } from '../tracker/schedule';

const WAD = 10n ** 18n;
const alice: Address = '0x00000000000000000000000000000000000A11cE';
const MIN = 60_000;

/** A snapshot where ezETH trades `discountPct` % under fair and alice holds 10 ezETH. */
function snapshot(block: bigint, takenAt: number, discountPct: bigint, { failed = false } = {}): TrackerSnapshot {
  const market = WAD - (WAD * discountPct) / 100n;
  const position: Position = {
    id: `token:${alice}:ezETH`,
    family: 'token',
    account: alice,
    asset: 'ezETH',
    status: failed ? 'failed' : 'ok',
    amount: 10n * WAD,
    fairValueEth: failed ? null : 10n * WAD,
    marketValueEth: failed ? null : 10n * market,
    depegWad: failed ? null : market - WAD,
    details: {},
    sources: [],
  };
  return {
    chainId: 1,
    blockNumber: block,
    blockTimestamp: 0n,
    takenAt,
    requestCount: 2,
    accounts: [alice],
    positions: [position],
    tokens: [{ symbol: 'ezETH', fairRate: WAD, marketRate: failed ? null : market, depegWad: failed ? null : market - WAD }],
  };
}

function setup(settings: Partial<AlertSettings> = {}, clock = { t: 1_000_000 }) {
  const notes: AlertNotification[] = [];
  const badge: number[] = [];
  const logRequests: unknown[] = [];
  const store = createMemoryAlertsStore({ settings: { ...DEFAULT_ALERT_SETTINGS, ...settings } });
  const deps = {
    chain: mainnet,
    getTransport: () =>
      custom({
        request: async ({ method, params }: { method: string; params?: unknown }) => {
          if (method !== 'eth_getLogs') throw new Error(`unexpected ${method}`);
          logRequests.push(params);
          return [];
        },
      }),
    store,
    now: () => clock.t,
    minuteOfDay: () => 12 * 60,
    notify: (n: AlertNotification) => void notes.push(n),
    setBadge: (c: number) => void badge.push(c),
  };
  return { engine: createAlertsEngine(deps), restart: () => createAlertsEngine(deps), notes, badge, clock, store, logRequests };
}

describe('evaluate', () => {
  test('warn then danger in one episode: two notices; cool-down holds back a re-depeg but still lists it', async () => {
    const { engine, notes, clock } = setup();
    await engine.evaluate(snapshot(100n, clock.t, 0n));
    expect((await engine.evaluate(snapshot(101n, clock.t, 2n))).raised.map((a) => a.severity)).toEqual(['warning']);
    expect((await engine.evaluate(snapshot(102n, clock.t, 4n))).raised.map((a) => [a.severity, a.id])).toEqual([
      ['danger', 'depeg:ezETH:101:danger'],
    ]);
    expect((await engine.evaluate(snapshot(103n, clock.t, 0n))).raised.map((a) => a.id)).toEqual(['depeg-recovered:ezETH:101']);
    clock.t += 10 * MIN; // inside the 60-minute cool-down
    const again = await engine.evaluate(snapshot(110n, clock.t, 2n));
    expect(again.raised.map((a) => [a.id, a.notified])).toEqual([['depeg:ezETH:110', false]]);
    expect(notes.map((n) => n.id)).toEqual(['depeg:ezETH:101', 'depeg:ezETH:101:danger', 'depeg-recovered:ezETH:101']);
    expect((await engine.list()).map((a) => a.id)[0]).toBe('depeg:ezETH:110');
    clock.t += 61 * MIN; // cool-down over: the next episode notifies again
    await engine.evaluate(snapshot(200n, clock.t, 0n));
    const later = await engine.evaluate(snapshot(201n, clock.t, 2n));
    expect(later.raised.map((a) => a.notified)).toEqual([true]);
  });

  test('quiet hours: the alert is listed and counted on the badge, no notification', async () => {
    const { engine, notes, badge, clock } = setup({ quietHours: { enabled: true, startMinute: 11 * 60, endMinute: 13 * 60 } });
    await engine.evaluate(snapshot(100n, clock.t, 0n));
    const r = await engine.evaluate(snapshot(101n, clock.t, 5n));
    expect(r.raised.map((a) => [a.severity, a.notified])).toEqual([['danger', false]]);
    expect(notes).toEqual([]);
    expect(badge.at(-1)).toBe(1);
    expect(await engine.markAllRead()).toBe(0);
    expect(badge.at(-1)).toBe(0);
  });

  test('no alert from stale or failed data, and no recovery notice from a failed read', async () => {
    const { engine, notes, clock } = setup();
    await engine.evaluate(snapshot(100n, clock.t, 0n));
    expect(await engine.evaluate(snapshot(101n, clock.t - 11 * MIN, 9n))).toEqual({ raised: [], skipped: 'stale' });
    expect((await engine.evaluate(snapshot(102n, clock.t, 9n, { failed: true }))).raised).toEqual([]);
    await engine.evaluate(snapshot(103n, clock.t, 9n));
    expect((await engine.evaluate(snapshot(104n, clock.t, 0n, { failed: true }))).raised).toEqual([]);
    expect(notes.map((n) => n.id)).toEqual(['depeg:ezETH:103']);
  });

  test('dedupe survives a restart; logs are read from the block after the last one seen', async () => {
    const { engine, restart, notes, clock, logRequests } = setup();
    await engine.evaluate(snapshot(100n, clock.t, 0n));
    expect(logRequests).toHaveLength(0); // the first evaluation reads no history
    await engine.evaluate(snapshot(105n, clock.t, 5n));
    const fresh = restart();
    expect((await fresh.evaluate(snapshot(106n, clock.t, 5n))).raised).toEqual([]);
    expect(notes).toHaveLength(1);
    expect(
      logRequests.map((p) => {
        const [f] = p as [{ fromBlock: string; toBlock: string }];
        return [BigInt(f.fromBlock), BigInt(f.toBlock)];
      }),
    ).toEqual([
      [101n, 105n],
      [106n, 106n],
    ]);
  });

  test('the watchdog: one danger alert per outage once the RPC failed longer than the set time', async () => {
    const { engine, notes, clock } = setup();
    const failing = {
      ...INITIAL_SCHEDULE,
      consecutiveFailures: 3,
      lastSuccessAt: clock.t - 20 * MIN,
      lastAttemptAt: clock.t,
      lastError: 'connection refused',
    };
    expect(await engine.checkHealth(failing)).toEqual([]);
    clock.t += 11 * MIN;
    const raised = await engine.checkHealth({ ...failing, consecutiveFailures: 4 });
    expect(raised.map((a) => [a.rule, a.severity])).toEqual([['watchdog', 'danger']]);
    expect(raised[0]!.message).toMatch(/31 min.*connection refused/);
    expect(await engine.checkHealth({ ...failing, consecutiveFailures: 5 })).toEqual([]);
    expect(await engine.checkHealth(INITIAL_SCHEDULE)).toEqual([]);
    expect(notes).toHaveLength(1);
  });

  test('settings: a bad threshold is refused and nothing is stored', async () => {
    const { engine } = setup();
    await expect(engine.updateSettings({ ...DEFAULT_ALERT_SETTINGS, valueMovePercent: Number.NaN })).rejects.toThrow(/not a number/);
    expect((await engine.getSettings()).valueMovePercent).toBe(DEFAULT_ALERT_SETTINGS.valueMovePercent);
    expect((await engine.updateSettings({ ...DEFAULT_ALERT_SETTINGS, valueMovePercent: 25 })).valueMovePercent).toBe(25);
  });
});
