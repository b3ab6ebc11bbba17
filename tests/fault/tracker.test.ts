import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { erc20Abi, fallback, http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { TOKENS } from '../../lib/restaking/addresses';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { REFRESH_PERIOD_MS } from '../../lib/tracker/schedule';
import { ALARM_NAME, createTracker, RETRY_ALARM_NAME, type Tracker, type TrackerState } from '../../lib/tracker/tracker';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { startFaultProxy, type FaultProxy } from './proxy';

let devnet: Devnet;
let primary: FaultProxy;
let backup: FaultProxy;
let holder: Address;
let clock: number;
let alarms: { name: string; when?: number }[];

/** A tracker on the user's two RPC URLs (primary first), as the background builds it, with a test clock. */
function trackerOn(urls: string[], timeout = 5_000): Tracker {
  const transports = urls.map((u) => http(u, { retryCount: 0, timeout }));
  return createTracker({
    chain: mainnet,
    getTransport: () => (transports.length === 1 ? transports[0]! : fallback(transports)),
    getAccounts: () => [holder],
    store: createMemoryTrackerStore(),
    alarms: { create: (name, info) => alarms.push({ name, when: info.when }) },
    now: () => clock,
  });
}

/** Token balances the holder has on-chain, read straight from the node (not through the proxy or the tracker). */
async function onChainBalances(): Promise<Record<string, bigint>> {
  const out: Record<string, bigint> = {};
  for (const [symbol, token] of Object.entries(TOKENS)) {
    const balance = await devnet.ctx.client
      .readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [holder] })
      .catch(() => 0n);
    if (balance > 0n) out[symbol] = balance;
  }
  return out;
}

const tokenAmounts = (s: TrackerState) =>
  Object.fromEntries(
    (s.snapshot?.positions ?? []).filter((p) => p.family === 'token' && p.status === 'ok' && p.amount > 0n).map((p) => [p.asset, p.amount]),
  );

beforeAll(async () => {
  devnet = await startDevnet();
  primary = await startFaultProxy(devnet.rpcUrl);
  backup = await startFaultProxy(devnet.rpcUrl);
  holder = devnet.info.demoAccounts[0]!.address;
});
afterAll(async () => {
  await primary?.stop();
  await backup?.stop();
  await devnet?.stop();
});
beforeEach(() => {
  clock = 1_700_000_000_000;
  alarms = [];
  for (const p of [primary, backup]) {
    p.clearFaults();
    p.resetCounts();
  }
});

describe('tracker behind a failing RPC', () => {
  test('primary answers 503, fallback healthy: fresh data equal to the chain', async () => {
    primary.fault('*', { kind: 'http', status: 503 });
    const state = await trackerOn([primary.url, backup.url]).refresh();
    expect(primary.count()).toBeGreaterThan(0);
    expect(backup.count()).toBeGreaterThan(0);
    expect(state.freshness).toEqual({ stale: false, ageMs: 0, reason: 'fresh' });
    const expected = await onChainBalances();
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(tokenAmounts(state)).toEqual(expected);
    expect(state.snapshot?.blockNumber).toBe(await devnet.ctx.client.getBlockNumber({ cacheTime: 0 }));
  });

  test('every URL failing: the old snapshot is kept, marked stale with its age; backoff 30 s, 1 min, 2 min', async () => {
    const tracker = trackerOn([primary.url, backup.url]);
    const good = await tracker.refresh();
    const takenAt = clock;
    const goodAmounts = tokenAmounts(good);
    for (const p of [primary, backup]) p.fault('*', { kind: 'http', status: 500 });

    const waits: number[] = [];
    // The periodic alarm fires when due (five minutes later), then each retry alarm at the time it asked for.
    clock = takenAt + REFRESH_PERIOD_MS;
    for (let failure = 1; failure <= 3; failure++) {
      if (failure > 1) clock = alarms.at(-1)!.when!;
      await tracker.onAlarm(failure === 1 ? ALARM_NAME : RETRY_ALARM_NAME);
      const state = await tracker.getSnapshot();
      expect(state.freshness).toEqual({ stale: true, ageMs: clock - takenAt, reason: 'last-refresh-failed' });
      expect(tokenAmounts(state)).toEqual(goodAmounts);
      expect(state.snapshot?.takenAt).toBe(takenAt);
      expect(state.schedule.consecutiveFailures).toBe(failure);
      expect(state.schedule.lastError).toBeTruthy();
      const alarm = alarms.at(-1);
      expect(alarm?.name).toBe(RETRY_ALARM_NAME);
      waits.push(alarm!.when! - clock);
    }
    // Doubling from 30 s, as documented for the tracker's retry schedule.
    expect(waits).toEqual([30_000, 60_000, 120_000]);

    // An alarm before the backoff is over does not touch the RPC at all.
    const before = primary.count() + backup.count();
    clock += 1_000;
    await tracker.onAlarm(RETRY_ALARM_NAME);
    expect(primary.count() + backup.count()).toBe(before);

    // Once the RPC recovers, the next due attempt brings fresh data and resets the schedule.
    primary.clearFaults();
    backup.clearFaults();
    clock = alarms.at(-1)!.when!;
    await tracker.onAlarm(RETRY_ALARM_NAME);
    const recovered = await tracker.getSnapshot();
    expect(recovered.freshness.reason).toBe('fresh');
    expect(recovered.schedule.consecutiveFailures).toBe(0);
  });

  test.each([
    ['malformed JSON', { kind: 'malformed' } as const],
    ['truncated JSON', { kind: 'truncated' } as const],
    ['HTTP 503', { kind: 'http', status: 503 } as const],
  ])('%s from the only RPC: a failure, never different data', async (_name, fault) => {
    const tracker = trackerOn([primary.url]);
    const good = await tracker.refresh();
    primary.fault('*', fault);
    clock += 60_000;
    const after = await tracker.refresh();
    expect(after.freshness.stale).toBe(true);
    expect(after.freshness.reason).toBe('last-refresh-failed');
    expect(after.snapshot?.takenAt).toBe(good.snapshot?.takenAt);
    expect(tokenAmounts(after)).toEqual(tokenAmounts(good));
  });

  test('an RPC that hangs past the timeout: stale, not fresh', async () => {
    const tracker = trackerOn([primary.url], 500);
    await tracker.refresh();
    primary.fault('*', { kind: 'hang' });
    clock += 60_000;
    const after = await tracker.refresh();
    expect(after.freshness).toMatchObject({ stale: true, reason: 'last-refresh-failed', ageMs: 60_000 });
  });

  test('first refresh failing with no earlier data: stale with no age, no snapshot', async () => {
    primary.fault('*', { kind: 'malformed' });
    const state = await trackerOn([primary.url]).refresh();
    expect(state.snapshot).toBeNull();
    expect(state.freshness).toEqual({ stale: true, ageMs: null, reason: 'no-data' });
  });
});

describe('tracker behind RPCs whose answers contradict each other', () => {
  const hex = (n: bigint) => `0x${n.toString(16)}`;
  /** eth_call params are [call, blockTag]; `latest` (phase 1) or a pinned block number (phase 2). */
  const withBlock = (params: unknown, tag: (current: string) => string) => {
    const [call, current = 'latest'] = params as [unknown, string?];
    return [call, tag(current)];
  };

  test('primary and fallback report different chain ids: the last good numbers stay, stale, and the reason names both answers', async () => {
    const tracker = trackerOn([primary.url, backup.url]);
    const good = await tracker.refresh();
    expect(good.freshness.reason).toBe('fresh');
    primary.wrongChainId('0x5');
    clock += 60_000;
    const after = await tracker.refresh();
    expect(after.freshness).toEqual({ stale: true, ageMs: 60_000, reason: 'last-refresh-failed' });
    expect(after.schedule.lastError).toBe(
      `RPC answers disagree: ${primary.url} reports chain 5, ${backup.url} reports chain 1; this network is chain 1`,
    );
    expect(after.snapshot?.takenAt).toBe(good.snapshot?.takenAt);
    expect(tokenAmounts(after)).toEqual(tokenAmounts(good));
    // Both URLs were asked, not only the one the fallback happened to use.
    expect(primary.count('eth_chainId')).toBeGreaterThan(0);
    expect(backup.count('eth_chainId')).toBeGreaterThan(0);
  });

  test('an RPC behind the last snapshot: its older block is refused and the values of the newer block stay on screen', async () => {
    const tracker = trackerOn([primary.url]);
    const olderBlock = await devnet.ctx.client.getBlockNumber({ cacheTime: 0 });
    // Change a balance after olderBlock, so the older state really differs from what is shown.
    const [symbol] = Object.keys(await onChainBalances()) as (keyof typeof TOKENS)[];
    const token = TOKENS[symbol!];
    const recipient = '0x000000000000000000000000000000000000dEaD';
    await devnet.ctx.client.impersonateAccount({ address: holder });
    await devnet.ctx.write({ address: token, abi: erc20Abi, functionName: 'transfer', args: [recipient, 10n ** 15n], from: holder });
    await devnet.ctx.client.stopImpersonatingAccount({ address: holder });
    const good = await tracker.refresh();
    const shownBlock = good.snapshot!.blockNumber;
    expect(shownBlock).toBeGreaterThan(olderBlock);
    const before = await devnet.ctx.client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
      blockNumber: olderBlock,
    });
    const now = await devnet.ctx.client.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
      blockNumber: shownBlock,
    });
    expect(before).not.toBe(now);
    expect(tokenAmounts(good)[symbol!]).toBe(now);

    primary.fault('eth_call', {
      kind: 'rewrite-request',
      params: (p) => withBlock(p, (tag) => (tag === 'latest' ? hex(olderBlock) : tag)),
    });
    clock += 60_000;
    const after = await tracker.refresh();
    expect(primary.count('eth_call')).toBeGreaterThan(0);
    expect(after.freshness).toEqual({ stale: true, ageMs: 60_000, reason: 'last-refresh-failed' });
    expect(after.schedule.lastError).toBe(
      `RPC answers disagree: the RPC answered for block ${olderBlock}, older than block ${shownBlock} already shown`,
    );
    expect(after.snapshot?.blockNumber).toBe(shownBlock);
    expect(tokenAmounts(after)[symbol!]).toBe(now);

    // Still behind after two refresh periods: the older chain is taken as the truth (a reset devnet would look the same).
    clock = good.snapshot!.takenAt + REFRESH_PERIOD_MS * 2 + 1;
    const accepted = await tracker.refresh();
    expect(accepted.freshness.reason).toBe('fresh');
    expect(accepted.snapshot?.blockNumber).toBe(olderBlock);
    expect(tokenAmounts(accepted)[symbol!]).toBe(before);
  });

  test('the pinned second batch answered for an older block: refused, never mixed into one snapshot', async () => {
    const tracker = trackerOn([primary.url]);
    await devnet.ctx.client.mine({ blocks: 2 });
    const good = await tracker.refresh();
    // Phase 1 asks for 'latest'; phase 2 is pinned to phase 1's block. This RPC answers phase 2 one block early.
    primary.fault('eth_call', {
      kind: 'rewrite-request',
      params: (p) => withBlock(p, (tag) => (tag === 'latest' ? tag : hex(BigInt(tag) - 1n))),
    });
    clock += 60_000;
    const after = await tracker.refresh();
    const block = await devnet.ctx.client.getBlockNumber({ cacheTime: 0 });
    expect(after.freshness).toEqual({ stale: true, ageMs: 60_000, reason: 'last-refresh-failed' });
    expect(after.schedule.lastError).toBe(`RPC answers disagree: asked for block ${block}, the RPC answered for block ${block - 1n}`);
    expect(after.snapshot?.takenAt).toBe(good.snapshot?.takenAt);
    expect(tokenAmounts(after)).toEqual(tokenAmounts(good));
  });
});
