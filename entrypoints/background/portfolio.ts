import { fallback, http, type Transport } from 'viem';
import { chainOf } from '../../lib/chain';
import { AppError, serializeError } from '../../lib/errors';
import { onMessage, type Result, type UiTopic } from '../../lib/messaging';
import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import {
  ALARM_NAME,
  RETRY_ALARM_NAME,
  createStorageTrackerStore,
  createTracker,
  toStateView,
  type ScheduleState,
  type Tracker,
  type TrackerSnapshot,
} from '../../lib/tracker';
import type { BrowserApi, MessageSender } from './browser-api';
import { isExtensionPage } from './ports';
import type { Services } from './services';

export type PortfolioOptions = {
  /** Called after every successful refresh (alerts hook in here). */
  onSnapshot?: (snapshot: TrackerSnapshot) => void;
  /** Called after every refresh attempt, failed ones included, with the schedule (the alerts watchdog). */
  onAttempt?: (schedule: ScheduleState) => void;
};

/**
 * The position tracker wired to the wallet: accounts are every visible wallet account plus watch-only
 * addresses, the transport is the active network's RPC list (read at each refresh, so switching network
 * or editing URLs applies at once). Refreshes on the tracker's alarms and on popup open; every attempt,
 * failed ones included, is announced on the UI topic 'portfolio'.
 */
export function registerPortfolio(
  browser: BrowserApi,
  services: () => Services,
  notify: (topic: UiTopic) => void,
  options: PortfolioOptions = {},
) {
  let tracker: Tracker | undefined;
  let refreshing = false;

  const transportOf = (rpcUrls: string[]): Transport => {
    if (rpcUrls.length === 0)
      throw new AppError('No RPC URL set for the active network', {
        details: 'Add the URL of an Ethereum node in More → Networks, then refresh.',
        code: 'no_rpc',
      });
    // No viem retries: the tracker's own backoff decides when to try again.
    const transports = rpcUrls.map((url) => http(url, { retryCount: 0, timeout: 15_000 }));
    return transports.length === 1 ? transports[0]! : fallback(transports);
  };

  const visibleAccounts = async () => (await services().wallet.accounts()).filter((a) => !a.hidden);

  async function get(): Promise<Tracker> {
    // The chain object is per network; chain 1 (devnet and mainnet) shares mainnet's Multicall3.
    const network = await services().networks.active();
    tracker ??= createTracker({
      chain: chainOf(network),
      getTransport: async () => transportOf((await services().networks.active()).rpcUrls),
      getAccounts: async () => (await visibleAccounts()).map((a) => a.address),
      store: createStorageTrackerStore(),
      alarms: browser.alarms,
      onSnapshot: (s) => options.onSnapshot?.(s),
    });
    return tracker;
  }

  async function view(): Promise<PortfolioView> {
    const t = await get();
    const [state, history, accounts, network] = await Promise.all([
      t.getSnapshot(),
      t.getHistory(),
      visibleAccounts(),
      services().networks.active(),
    ]);
    return {
      ...toStateView(state),
      history,
      accounts: accounts.map((a) => ({ address: a.address, name: a.name, watchOnly: a.kind === 'watch' })),
      refreshing,
      network: { name: network.name, rpcUrls: [...network.rpcUrls] },
    };
  }

  async function refresh(run: (t: Tracker) => Promise<unknown>): Promise<void> {
    const t = await get();
    refreshing = true;
    notify('portfolio');
    try {
      await run(t);
    } finally {
      refreshing = false;
      notify('portfolio');
      if (options.onAttempt) void t.getSnapshot().then((s) => options.onAttempt?.(s.schedule));
    }
  }

  function handle(key: 'portfolio:get' | 'portfolio:refresh', fn: () => Promise<PortfolioView>) {
    onMessage(key, (async ({ sender }: { sender: MessageSender }): Promise<Result<PortfolioView>> => {
      try {
        if (!isExtensionPage(browser, sender)) {
          throw new AppError('Refused: not an extension page', {
            details: 'Only Ballast pages may read the portfolio.',
            code: 'forbidden_sender',
          });
        }
        return { ok: true, value: await fn() };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    }) as never);
  }

  handle('portfolio:get', view);
  handle('portfolio:refresh', async () => {
    await refresh((t) => t.refresh({ trigger: 'user' }));
    return view();
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM_NAME || alarm.name === RETRY_ALARM_NAME) void refresh((t) => t.onAlarm(alarm.name));
  });
  // Registers the 5-minute alarm (same name replaces, so every worker start is fine).
  void get().then((t) => t.start());
}
