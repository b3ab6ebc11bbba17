import { createClient, type Address } from 'viem';
import { chainOf } from '../chain/clients';
import { createNetworkTransport } from '../chain/transport';
import type { StoredNetwork } from '../storage/items';
import type { StoredEthUsd } from '../storage/fee-quote';
import { snapshotExposure, type SnapshotExposure } from './exposure-holdings';
import type { History } from './history';
import type { ScheduleState } from './schedule';
import { searchCandidates, type QueueIdsService } from './queue-ids/service';
import { createStorageTrackerStore } from './store';
import { chainSourcesOf } from './chain-networks';
import { ALARM_NAME, RETRY_ALARM_NAME, createTracker, toStateView, type AlarmsApi, type Tracker, type TrackerStateView } from './tracker';
import type { TrackerSnapshot } from './types';

/**
 * What the popup's Portfolio reads: the tracker's stored snapshot (bigints as decimal strings), its
 * freshness (stale data is never shown as fresh), the chart history and who the accounts are.
 */
export type PortfolioView = TrackerStateView & {
  history: History;
  /** The visible accounts being tracked, watch-only ones labelled. */
  accounts: { address: Address; name: string; watchOnly: boolean }[];
  /** A refresh is running right now (the popup shows "Reading N accounts…"). */
  refreshing: boolean;
  /** The active network's RPC URLs, so an error can say which one failed. */
  network: { name: string; rpcUrls: string[] };
  /** Chainlink ETH/USD as the wallet last read it (Home's balances read), for USD figures; absent if never read. */
  ethUsd?: StoredEthUsd;
};

export type PortfolioServiceDeps = {
  network: () => Promise<StoredNetwork>;
  /** Every wallet account with its visibility and kind. */
  accounts: () => Promise<{ address: Address; name: string; kind: string; hidden: boolean }[]>;
  alarms: AlarmsApi;
  /** Every attempt, failed ones included, starts and ends with this (UI topic 'portfolio'). */
  onChange: () => void;
  /** After every successful refresh (alerts hook in here). */
  onSnapshot?: (snapshot: TrackerSnapshot) => void;
  /** After every refresh attempt, failed ones included, with the schedule (the alerts watchdog). */
  onAttempt?: (schedule: ScheduleState) => void;
  /** The wallet's last Chainlink ETH/USD read for the active chain (wired from lib/balances; no second reader here). */
  ethUsd?: () => Promise<StoredEthUsd | undefined>;
  /** Known withdrawal request ids (issue #16): read by the refresh, searched for in logs after it. */
  queueIds?: QueueIdsService;
  /**
   * Every configured network (issue #18): with it, each refresh also reads the L2s beside the active network
   * (chainSourcesOf: one Multicall3 request per L2 with an RPC URL; one without is listed as not read).
   */
  networks?: () => Promise<readonly StoredNetwork[]>;
};

/**
 * The position tracker wired to the wallet: accounts are every visible wallet account plus watch-only
 * addresses; the transport is the active network's RPC list, read at each refresh, so switching network
 * or editing URLs applies at once. Refreshes on the tracker's alarms and on popup open.
 */
export function createPortfolioService(deps: PortfolioServiceDeps) {
  let tracker: Tracker | undefined;
  let refreshing = false;

  const visibleAccounts = async () => (await deps.accounts()).filter((a) => !a.hidden);

  async function get(): Promise<Tracker> {
    // The chain object is per network; chain 1 (devnet and mainnet) shares mainnet's Multicall3.
    const network = await deps.network();
    tracker ??= createTracker({
      chain: chainOf(network),
      // 'scheduled': no viem retries, the tracker's own backoff decides when to try again.
      getTransport: async () => createNetworkTransport(await deps.network(), { purpose: 'scheduled' }),
      getAccounts: async () => (await visibleAccounts()).map((a) => a.address),
      store: createStorageTrackerStore(),
      alarms: deps.alarms,
      onSnapshot: (s) => deps.onSnapshot?.(s),
      ...(deps.queueIds ? { queueIds: { service: deps.queueIds } } : {}),
      ...(deps.networks ? { getChainTransports: () => l2Sources(deps.networks!) } : {}),
    });
    return tracker;
  }

  /** Read at each refresh, like the Ethereum transport: a URL added in More → Networks counts at the next one. */
  async function l2Sources(networks: () => Promise<readonly StoredNetwork[]>) {
    const [all, active] = await Promise.all([networks(), deps.network()]);
    return chainSourcesOf({ networks: all, active });
  }

  async function view(): Promise<PortfolioView> {
    const t = await get();
    const [state, history, accounts, network, ethUsd] = await Promise.all([
      t.getSnapshot(),
      t.getHistory(),
      visibleAccounts(),
      deps.network(),
      deps.ethUsd?.().catch(() => undefined),
    ]);
    return {
      ...toStateView(state),
      history,
      accounts: accounts.map((a) => ({ address: a.address, name: a.name, watchOnly: a.kind === 'watch' })),
      refreshing,
      network: { name: network.name, rpcUrls: [...network.rpcUrls] },
      ...(ethUsd ? { ethUsd } : {}),
    };
  }

  /** Slashing exposure over every holding in the last snapshot (or one account's), for previews; undefined before one. */
  async function exposure(account?: Address): Promise<SnapshotExposure | undefined> {
    const { snapshot } = await (await get()).getSnapshot();
    return snapshot ? snapshotExposure(snapshot, account) : undefined;
  }

  /**
   * The log search for older withdrawal requests, after a refresh and outside it (its eth_getLogs calls are not
   * part of the ≤ 3 requests): accounts seen holding eETH/weETH, pufETH or mETH, a bounded number of calls per run.
   * When it found ids the refresh did not know, one more refresh shows them.
   */
  async function searchRequests(t: Tracker): Promise<void> {
    const { snapshot } = await t.getSnapshot();
    if (!deps.queueIds || !snapshot) return;
    const service = deps.queueIds;
    const network = await deps.network();
    if (network.chainId !== snapshot.chainId) return;
    const client = createClient({ chain: chainOf(network), transport: createNetworkTransport(network, { purpose: 'scheduled' }) });
    const before = await service.view(snapshot.chainId);
    const holdings = snapshot.positions
      .filter((p) => p.family === 'token')
      .map((p) => ({ account: p.account, symbol: p.asset, amount: p.amount }));
    const candidates = searchCandidates(snapshot.accounts, holdings, before);
    if ((await service.search(client, snapshot.chainId, candidates)) === 0) return;
    const after = await service.view(snapshot.chainId);
    const grew = candidates.some((c) => after.known(c.queue, c.account).length > before.known(c.queue, c.account).length);
    if (grew) await refresh((again) => again.refresh({ trigger: 'user' }), false);
  }

  async function refresh(run: (t: Tracker) => Promise<unknown>, search = true): Promise<void> {
    const t = await get();
    refreshing = true;
    deps.onChange();
    try {
      await run(t);
    } finally {
      refreshing = false;
      deps.onChange();
      if (deps.onAttempt) void t.getSnapshot().then((s) => deps.onAttempt?.(s.schedule));
    }
    if (search) void searchRequests(t).catch((e: unknown) => console.warn('[ballast] withdrawal request search', e));
  }

  return {
    view,
    exposure,
    async refreshNow(): Promise<PortfolioView> {
      await refresh((t) => t.refresh({ trigger: 'user' }));
      return view();
    },
    onAlarm(name: string): void {
      if (name === ALARM_NAME || name === RETRY_ALARM_NAME) void refresh((t) => t.onAlarm(name));
    },
    /** Registers the 5-minute alarm (same name replaces, so every worker start is fine). */
    startup: (): Promise<void> => get().then((t) => t.start()),
  };
}

export type PortfolioService = ReturnType<typeof createPortfolioService>;
