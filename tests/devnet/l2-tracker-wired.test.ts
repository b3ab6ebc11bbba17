import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createPublicClient, encodeFunctionData, erc20Abi, http, parseAbi, type Address } from 'viem';
import { createAlertsEngine } from '../../lib/alerts/engine';
import { createMemoryAlertsStore } from '../../lib/alerts/memory-store';
import { buildPreview } from '../../lib/preview';
import { chainOf } from '../../lib/chain/clients';
import { createNetworkService, REAL_NETWORKS } from '../../lib/chain/networks';
import { createNetworkTransport } from '../../lib/chain/transport';
import { L2_CHAINS } from '../../lib/restaking/l2';
import { RESTAKING_TOKENS } from '../../lib/restaking/tokens';
import { chainsOverview } from '../../lib/state/chains-model';
import { chainSourcesOf } from '../../lib/tracker/chain-networks';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { encodeSnapshot } from '../../lib/tracker/snapshot-schema';
import { createTracker } from '../../lib/tracker/tracker';
import type { Item } from '../../lib/storage/item';
import type { NetworkState, StoredNetwork } from '../../lib/storage/items';
import { devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { l1RatesFromInfo, snapshotAll, startL2Devnets, type L2Devnet } from './l2-devnet';
import { l2RateLag, parseL2Token } from './scenarios-l2';
import { chainCounters } from './chain-counters';

/**
 * Issue #18 items 3–4 as the background wires them: the network service (devnet twins, or the user's L2 URLs) →
 * chainSourcesOf → createTracker({ getChainTransports }), the factory lib/tracker/portfolio-service.ts uses. Real anvil
 * nodes for Ethereum, Arbitrum One and Base; every number below is re-read raw by the test (its own ABIs).
 */

const WAD = 10n ** 18n;
const accounts: Address[] = [devAccount(1).address, devAccount(2).address, devAccount(3).address];
const feedAbi = parseAbi(['function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)']);

let l1: Devnet;
let l2: L2Devnet[];
let l1Rates: Record<string, bigint>;
let revert: () => Promise<void>;
const node = (chainId: number) => l2.find((n) => n.chainId === chainId)!;

beforeAll(async () => {
  l1 = await startDevnet();
  l1Rates = l1RatesFromInfo(l1.info.rates) as Record<string, bigint>;
  l2 = await startL2Devnets({ l1Rates });
});
afterAll(async () => {
  await Promise.all([l1?.stop(), ...(l2 ?? []).map((n) => n.stop())]);
});
beforeEach(async () => {
  revert = await snapshotAll([l1.ctx, ...l2.map((n) => n.ctx)]);
});
afterEach(async () => {
  await revert();
});

function memoryItem<T>(value: T): Item<T> {
  let v = value;
  return { getValue: async () => v, setValue: async (next) => void (v = next) };
}

/** The test build's built-ins (networks.ts, DEVNET_IN_BUILD): the devnet and its twins first, then the real networks. */
const devnetBuiltIns = (): StoredNetwork[] => [
  { key: 'devnet', chainId: 1, name: 'Ballast devnet', rpcUrls: [l1.rpcUrl], nativeSymbol: 'ETH', builtIn: true },
  { key: 'devnet-arbitrum', chainId: 42161, name: 'Ballast devnet (Arbitrum)', rpcUrls: [], nativeSymbol: 'ETH', builtIn: true },
  { key: 'devnet-base', chainId: 8453, name: 'Ballast devnet (Base)', rpcUrls: [], nativeSymbol: 'ETH', builtIn: true },
  ...REAL_NETWORKS,
];

/** The background's wiring, with one request counter per chain id around the same transport builder. */
function wired(service: ReturnType<typeof createNetworkService>) {
  const { counters, counted } = chainCounters();
  const store = createMemoryTrackerStore();
  const tracker = createTracker({
    chain: chainOf(REAL_NETWORKS[0]!),
    getTransport: async () => counted(1, createNetworkTransport(await service.active(), { purpose: 'scheduled' })),
    getAccounts: () => accounts,
    store,
    getChainTransports: async () =>
      chainSourcesOf({
        networks: (await service.state()).networks,
        active: await service.active(),
        transportOf: (n) => counted(n.chainId, createNetworkTransport(n, { purpose: 'scheduled' })),
      }),
  });
  return { tracker, store, counters };
}

/** Σ balanceOf × the rate source's answer of every registry token on an L2, read raw. */
async function rawL2Holdings(chainId: 42161 | 8453) {
  const client = node(chainId).ctx.client;
  const rows: { account: Address; symbol: string; amount: bigint; valueEth: bigint }[] = [];
  for (const t of L2_CHAINS[chainId].tokens) {
    const [, answer] = await client.readContract({ address: t.rateSource.address, abi: feedAbi, functionName: 'latestRoundData' });
    for (const account of accounts) {
      const amount = await client.readContract({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
      if (amount > 0n) rows.push({ account, symbol: t.symbol, amount, valueEth: (amount * answer) / WAD });
    }
  }
  return { rows, valueEth: rows.reduce((s, r) => s + r.valueEth, 0n) };
}

describe('tracker wired across chains (devnet twins)', () => {
  test('Ethereum, Arbitrum and Base in one snapshot: ≤ 3 requests on Ethereum, 1 per L2; holdings and totals equal raw reads', async () => {
    const service = createNetworkService({
      item: memoryItem<NetworkState | null>(null),
      builtIns: { networks: devnetBuiltIns(), activeKey: 'devnet' },
    });
    await service.setRpcUrls({ key: 'devnet-arbitrum' }, [node(42161).rpcUrl]);
    await service.setRpcUrls({ key: 'devnet-base' }, [node(8453).rpcUrl]);
    const { tracker, store, counters } = wired(service);
    const state = await tracker.refresh();
    expect(state.schedule.lastError).toBeNull();
    const snapshot = (await store.getSnapshot())!;
    const chains = snapshot.chains!;
    // The devnet family only: its twins, no real Optimism / Linea beside a devnet Ethereum.
    expect(chains.map((c) => [c.chainId, c.status, c.name ?? 'Ethereum'])).toEqual([
      [1, 'ok', 'Ethereum'],
      [42161, 'ok', 'Ballast devnet (Arbitrum)'],
      [8453, 'ok', 'Ballast devnet (Base)'],
    ]);
    // The refresh's own count (the ether.fi log scan before it has its own requests, outside the ≤ 3).
    expect(snapshot.requestCount).toBeLessThanOrEqual(3);
    expect(chains[0]!.requestCount).toBe(snapshot.requestCount);
    for (const chainId of [42161, 8453]) {
      expect(counters.get(chainId)!.count, `requests on ${chainId}`).toBe(1);
      expect(counters.get(chainId)!.methods).toEqual(['eth_call']);
    }
    console.log(
      `[l2-wired] requests per refresh: Ethereum ${snapshot.requestCount} (+${counters.get(1)!.count - snapshot.requestCount} log scan), Arbitrum ${counters.get(42161)!.count}, Base ${counters.get(8453)!.count}`,
    );

    let l2Total = 0n;
    for (const chainId of [42161, 8453] as const) {
      const raw = await rawL2Holdings(chainId);
      const entry = chains.find((c) => c.chainId === chainId)!;
      expect(entry.holdings.map((h) => [h.account, h.symbol, h.amount, h.valueEth])).toEqual(
        raw.rows.map((r) => [r.account, r.symbol, r.amount, r.valueEth]),
      );
      expect(raw.rows.length, `seeded holdings on ${chainId}`).toBeGreaterThan(0);
      l2Total += raw.valueEth;
    }
    // The Portfolio's view model over the stored (encoded) snapshot, as the popup gets it.
    const overview = chainsOverview(encodeSnapshot(snapshot))!;
    const ethereumEth = snapshot.positions.reduce((s, p) => s + (p.status === 'ok' ? (p.fairValueEth ?? 0n) : 0n), 0n);
    expect(overview.totalEth).toBe(ethereumEth + l2Total);
    expect(overview.chains.map((c) => c.chainId)).toEqual([1, 42161, 8453]);
    expect(overview.unread).toEqual([]);
    expect(overview.chains.every((c) => c.holdings.every((h) => h.lag === 'ok' && h.flag === undefined))).toBe(true);
    console.log(
      `[l2-wired] totals ETH: Ethereum ${ethereumEth}, L2s ${l2Total}, all ${overview.totalEth}; shares bps ${overview.chains.map((c) => c.shareBps).join('/')}`,
    );
  });

  test('after l2-rate-lag base weETH 0.02 the stored snapshot flags weETH on Base (warn, both sources); nothing else', async () => {
    await l2RateLag(l1.ctx, node(8453).ctx, 8453, parseL2Token(8453, 'weETH'), { fraction: '0.02' });
    const service = createNetworkService({
      item: memoryItem<NetworkState | null>(null),
      builtIns: { networks: devnetBuiltIns(), activeKey: 'devnet' },
    });
    await service.setRpcUrls({ key: 'devnet-arbitrum' }, [node(42161).rpcUrl]);
    await service.setRpcUrls({ key: 'devnet-base' }, [node(8453).rpcUrl]);
    const { tracker, store } = wired(service);
    await tracker.refresh();
    const overview = chainsOverview(encodeSnapshot((await store.getSnapshot())!))!;
    const flagged = overview.chains.flatMap((c) => c.holdings.filter((h) => h.flag).map((h) => `${c.chainId}:${h.symbol}:${h.flag!.id}`));
    expect(flagged).toEqual([`8453:weETH:l2.rate-lag.below-l1`]);
    const weeth = overview.chains.find((c) => c.chainId === 8453)!.holdings.find((h) => h.symbol === 'weETH')!;
    const source = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'weETH')!.rateSource;
    expect(weeth.rate).toBe((l1Rates.weETH! * 98n) / 100n);
    expect(weeth.flag).toMatchObject({ severity: 'warn', numbers: { shortfall: '2%' }, source: { contract: source.address } });
    expect(weeth.flag!.source!.reference).toContain(RESTAKING_TOKENS.weETH.fairRate.source);
    expect(weeth.bridge).toMatchObject({ holder: '0xcd2eb13D6831d4602D80E5db9230A57596CDCA63', holderChainId: 1 });

    // The notification: one alert about Base, its gap = the held weETH there (raw balanceOf) × (L1 − Base rate).
    const snapshot = (await store.getSnapshot())!;
    const notified: string[] = [];
    const alerts = createAlertsEngine({
      chain: chainOf(REAL_NETWORKS[0]!),
      getTransport: () => http(l1.rpcUrl),
      store: createMemoryAlertsStore(),
      notify: (n) => void notified.push(n.title),
      setBadge: () => undefined,
      now: () => snapshot.takenAt,
    });
    const { raised } = await alerts.evaluate(snapshot);
    const held = (await rawL2Holdings(8453)).rows.filter((r) => r.symbol === 'weETH').reduce((s, r) => s + r.amount, 0n);
    const [, baseRate] = await node(8453).ctx.client.readContract({
      address: source.address,
      abi: feedAbi,
      functionName: 'latestRoundData',
    });
    expect(held).toBeGreaterThan(0n);
    expect(raised.map((a) => [a.chainId, a.title])).toEqual([[8453, "weETH on Base: rate 2% below Ethereum's"]]);
    expect(raised[0]!.data.gapEth).toBe(String((held * (l1Rates.weETH! - baseRate)) / WAD));
    expect(notified).toEqual([raised[0]!.title]);
    // The next refresh keeps the episode: no second alert.
    await tracker.refresh();
    expect((await alerts.evaluate((await store.getSnapshot())!)).raised).toEqual([]);
  });
});

describe('tracker wired across chains (real networks, the user sets L2 URLs)', () => {
  test('Base with an RPC URL is read; Arbitrum One, Optimism and Linea without one are listed as not read, never as zero', async () => {
    // A production build: Ethereum and the four L2s, no devnet. The user points Ethereum and Base at nodes.
    const service = createNetworkService({
      item: memoryItem<NetworkState | null>(null),
      builtIns: { networks: REAL_NETWORKS, activeKey: 'mainnet' },
    });
    await service.setRpcUrls({ key: 'mainnet' }, [l1.rpcUrl]);
    // Two URLs, tried in order: the first refuses connections, the second answers.
    await service.setRpcUrls({ key: 'base' }, ['http://127.0.0.1:9', node(8453).rpcUrl]);
    const { tracker, store } = wired(service);
    await tracker.refresh();
    const snapshot = (await store.getSnapshot())!;
    expect(snapshot.chains!.map((c) => [c.chainId, c.status, c.error ?? ''])).toEqual([
      [1, 'ok', ''],
      [42161, 'not-read', 'no RPC URL set for Arbitrum One'],
      [8453, 'ok', ''],
      [10, 'not-read', 'no RPC URL set for Optimism'],
      [59144, 'not-read', 'no RPC URL set for Linea'],
    ]);
    const raw = await rawL2Holdings(8453);
    const overview = chainsOverview(encodeSnapshot(snapshot))!;
    expect(overview.chains.find((c) => c.chainId === 8453)!.valueEth).toBe(raw.valueEth);
    expect(overview.unread.map((c) => `${c.name}: ${c.error}`)).toEqual([
      'Arbitrum One: no RPC URL set for Arbitrum One',
      'Optimism: no RPC URL set for Optimism',
      'Linea: no RPC URL set for Linea',
    ]);
  });
});

describe('bridge line in a preview on an L2', () => {
  const transfer = (to: Address, amount: bigint) =>
    encodeFunctionData({
      abi: parseAbi(['function transfer(address to, uint256 amount) returns (bool)']),
      functionName: 'transfer',
      args: [to, amount],
    });

  test('a weETH transfer on Base names the holder of the backing on Ethereum with its source; the same bytes on Ethereum do not', async () => {
    const weeth = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'weETH')!;
    const tx = { from: devAccount(1).address, to: weeth.address, data: transfer(devAccount(9).address, 10n ** 17n) };
    const onBase = await buildPreview(
      { client: createPublicClient({ transport: http(node(8453).rpcUrl) }), chainId: 8453, now: () => Date.now() },
      { kind: 'transaction', tx },
    );
    const flags = onBase.flags.filter((f) => f.id === 'l2.bridge');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({
      severity: 'info',
      numbers: { 'held by': '0xcd2eb13D6831d4602D80E5db9230A57596CDCA63', 'on chain': 'Ethereum (chain id 1)' },
      source: { contract: '0xcd2eb13D6831d4602D80E5db9230A57596CDCA63', reference: (weeth.backing as { source: string }).source },
    });
    const onEthereum = await buildPreview(
      { client: createPublicClient({ transport: http(l1.rpcUrl) }), chainId: 1, now: () => Date.now() },
      { kind: 'transaction', tx },
    );
    expect(onEthereum.flags.filter((f) => f.id === 'l2.bridge')).toEqual([]);
  });

  test('weETH on Arbitrum: the holder is not sourced, and the line says so instead of guessing', async () => {
    const weeth = L2_CHAINS[42161].tokens.find((t) => t.symbol === 'weETH')!;
    const tx = { from: devAccount(1).address, to: weeth.address, data: transfer(devAccount(9).address, 1n) };
    const preview = await buildPreview(
      { client: createPublicClient({ transport: http(node(42161).rpcUrl) }), chainId: 42161, now: () => Date.now() },
      { kind: 'transaction', tx },
    );
    expect(preview.flags.find((f) => f.id === 'l2.bridge')).toMatchObject({
      title: 'weETH: backing holder not known',
      numbers: { 'held by': 'not known (no public source)' },
    });
  });
});
