import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import { custom, parseAbi, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { chunkReads } from './batch-reads';
import { createStorageTrackerStore } from './store';
import { ALARM_NAME, createTracker, RETRY_ALARM_NAME, toStateView } from './tracker';
import type { ReadCall, TrackerSnapshot } from './types';

const alice: Address = '0x00000000000000000000000000000000000A11cE';
const snapshot: TrackerSnapshot = {
  chainId: 1,
  blockNumber: 123n,
  blockTimestamp: 1_700_000_000n,
  takenAt: 1_000,
  requestCount: 2,
  accounts: [alice],
  tokens: [
    {
      symbol: 'stETH',
      fairRate: 10n ** 18n,
      marketRate: 993_000_000_000_000_000n,
      depegWad: -7_000_000_000_000_000n,
      marketSource: 'curve',
    },
  ],
  positions: [
    {
      id: 'token:a:stETH',
      family: 'token',
      account: alice,
      asset: 'stETH',
      status: 'ok',
      amount: 2n ** 200n,
      fairValueEth: 2n ** 200n,
      marketValueEth: 5n,
      depegWad: -(10n ** 18n) + 1n,
      details: { fairRate: '1' },
      sources: [{ contract: alice, call: 'balanceOf' }],
      slashing: { worstCaseEth: 7n, method: 'eigenlayer-magnitudes', perSet: [{ avs: alice, id: 1, magnitude: 3n, atRiskEth: 4n }] },
    },
  ],
};

beforeEach(() => fakeBrowser.reset());

describe('snapshot storage', () => {
  test('round-trips bigints exactly as decimal strings in a versioned item', async () => {
    const store = createStorageTrackerStore();
    await store.setSnapshot(snapshot);
    const raw = (await fakeBrowser.storage.local.get('tracker.snapshot'))['tracker.snapshot'] as { positions: { amount: string }[] };
    expect(raw.positions[0]!.amount).toBe((2n ** 200n).toString());
    expect(await store.getSnapshot()).toEqual(snapshot);
  });
  test('a corrupt stored value reads as no snapshot rather than wrong numbers', async () => {
    await fakeBrowser.storage.local.set({ 'tracker.snapshot': { chainId: 1, blockNumber: 'twelve' } });
    expect(await createStorageTrackerStore().getSnapshot()).toBeNull();
  });
});

describe('createTracker scheduling', () => {
  function setup(now: { t: number }) {
    const created: { name: string; info: unknown }[] = [];
    let requests = 0;
    const tracker = createTracker({
      chain: mainnet,
      getTransport: () =>
        custom(
          {
            request: async () => {
              requests += 1;
              throw new Error('connection refused');
            },
          },
          { retryCount: 0 },
        ),
      getAccounts: () => [alice],
      store: createStorageTrackerStore(),
      alarms: { create: (name, info) => created.push({ name, info }) },
      now: () => now.t,
    });
    return { tracker, created, requests: () => requests };
  }

  test('a user refresh during a running one runs once more after it (shared); an alarm shares the running one', async () => {
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let clock = 0;
    const tracker = createTracker({
      chain: mainnet,
      getTransport: () => custom({ request: async () => Promise.reject(new Error('connection refused')) }, { retryCount: 0 }),
      getAccounts: async () => {
        runs += 1;
        if (runs === 1) await gate;
        return [alice];
      },
      store: createStorageTrackerStore(),
      // 20 s per reading: the user's 10 s minimum gap never holds a refresh back here.
      now: () => (clock += 20_000),
    });
    const first = tracker.refresh({ trigger: 'alarm' });
    await expect.poll(() => runs).toBe(1);
    const alarm = tracker.refresh({ trigger: 'alarm' });
    const users = [tracker.refresh(), tracker.refresh(), tracker.refresh()];
    release();
    await Promise.all([first, alarm, ...users]);
    // The first run, then one follow-up for the three user callers; the alarm asked for nothing more.
    expect(runs).toBe(2);
    await tracker.refresh({ trigger: 'alarm' });
    expect(runs).toBe(2); // backoff after two failures: the alarm waits
  });

  test('start registers the 5-minute alarm; onAlarm ignores other names', async () => {
    const { tracker, created } = setup({ t: 0 });
    tracker.start();
    expect(created).toEqual([{ name: ALARM_NAME, info: { periodInMinutes: 5 } }]);
    expect(await tracker.onAlarm('wallet.autolock')).toBe(false);
  });

  test('start keeps an alarm already armed with the same period (a worker restart does not push the refresh back)', async () => {
    const created: string[] = [];
    const alarms = new Map<string, { periodInMinutes?: number }>();
    const make = () =>
      createTracker({
        chain: mainnet,
        getTransport: () => custom({ request: async () => Promise.reject(new Error('no RPC here')) }),
        getAccounts: () => [],
        store: createStorageTrackerStore(),
        alarms: {
          create: (name, info) => {
            created.push(name);
            alarms.set(name, info);
          },
          get: async (name) => alarms.get(name),
        },
      });
    await make().start();
    await make().start();
    expect(created).toEqual([ALARM_NAME]);
    alarms.set(ALARM_NAME, { periodInMinutes: 60 });
    await make().start();
    expect(created).toEqual([ALARM_NAME, ALARM_NAME]);
  });

  test('an RPC failure backs off through a retry alarm, keeps the old snapshot and marks it stale', async () => {
    const now = { t: 10_000 };
    const { tracker, created, requests } = setup(now);
    await createStorageTrackerStore().setSnapshot({ ...snapshot, takenAt: 9_000 });
    const state = await tracker.refresh();
    // ether.fi's node-list scan, Swell's registry walk and the Symbiotic operator scan (one head read for all vaults) each
    // read the head block first and stop at that failure; then one batched call, no hidden retries.
    expect(requests()).toBe(4);
    expect(state.schedule).toMatchObject({ consecutiveFailures: 1, nextAttemptAt: 40_000 });
    expect(state.schedule.lastError).toMatch(/Could not read the chain/);
    expect(created.at(-1)).toEqual({ name: RETRY_ALARM_NAME, info: { when: 40_000 } });
    expect(state.snapshot?.blockNumber).toBe(123n);
    expect(state.freshness).toEqual({ stale: true, ageMs: 1_000, reason: 'last-refresh-failed' });

    // The periodic alarm inside the backoff window does not touch the RPC.
    now.t = 39_999;
    expect(await tracker.onAlarm(ALARM_NAME)).toBe(true);
    expect(requests()).toBe(4);
    now.t = 40_000;
    await tracker.onAlarm(RETRY_ALARM_NAME);
    expect(requests()).toBe(8);
    expect((await tracker.getSnapshot()).schedule).toMatchObject({ consecutiveFailures: 2, nextAttemptAt: 100_000 });
    // The popup view carries strings, never bigints.
    expect(JSON.parse(JSON.stringify(toStateView(await tracker.getSnapshot()))).snapshot.blockNumber).toBe('123');
  });
});

describe('batch sizing', () => {
  const abi = parseAbi(['function balanceOf(address) view returns (uint256)']);
  const call = (i: number, gas?: bigint): ReadCall => ({
    key: String(i),
    address: alice,
    abi,
    functionName: 'balanceOf',
    args: [alice],
    gas,
  });
  test('everything in one aggregate3 while calldata and gas fit; splits in order when they do not', () => {
    expect(chunkReads(Array.from({ length: 500 }, (_, i) => call(i)))).toHaveLength(1);
    const byGas = chunkReads(
      Array.from({ length: 10 }, (_, i) => call(i, 10_000_000n)),
      { maxCalldataBytes: 1e9, maxGas: 30_000_000n },
    );
    expect(byGas.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    // Each balanceOf is 36 bytes of data → 64 padded + 128 tuple overhead = 192 bytes.
    const byBytes = chunkReads(
      Array.from({ length: 10 }, (_, i) => call(i)),
      { maxCalldataBytes: 192 * 4, maxGas: 10n ** 12n },
    );
    expect(byBytes.map((c) => c.length)).toEqual([4, 4, 2]);
    expect(byBytes.flat().map((e) => e.call.key)).toEqual(Array.from({ length: 10 }, (_, i) => String(i)));
  });
});
