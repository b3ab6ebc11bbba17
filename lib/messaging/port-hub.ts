import {
  accountsFor,
  siteNetwork,
  type ApprovalQueue,
  type ProviderEvent,
  type ProviderRouter,
  type ProviderRouterDeps,
} from '../provider';
import type { Settings } from '../storage/items';
import { isExtensionPage, originOf, type ExtensionRuntime, type RuntimePort as Port } from './extension-api';
import { PROVIDER_PORT_NAME, UI_PORT_NAME, type UiEvent, type UiTopic } from './ui-events';

/** What the ports reach: the provider router and what answering a page's connection needs. */
export type PortHubServices = Pick<ProviderRouterDeps, 'wallet' | 'permissions' | 'networks'> & {
  router: ProviderRouter;
  approvals: Pick<ApprovalQueue, 'withdraw'>;
  autoLock: { enforce(): Promise<void> };
  settings: { getValue(): Promise<Settings> };
};

/** Messages on the provider port. The page's request id is only used to match answers and dedupe. */
export type PortRequest = { type: 'request'; id: string; method: string; params?: unknown };
export type PortMessage =
  | { type: 'response'; id: string; result?: unknown; error?: { code: number; message: string; data?: unknown } }
  | { type: 'event'; event: ProviderEvent; data: unknown }
  | { type: 'state'; chainId: string; accounts: string[]; defaultWallet: boolean };

const MAX_ID_LENGTH = 100;
/** A page's port: its origin and what it was last told (accounts, chain id), so it hears only changes. */
type PortInfo = { origin: string; lastAccounts: string; lastChainId?: string; inFlight: Set<string>; touched: Promise<void> };
const toHex = (n: number) => `0x${n.toString(16)}`;

/**
 * The background's two kinds of runtime Port: provider ports from our content script in each dApp tab
 * (EIP-1193 requests in, answers and events out, by the tab's own origin) and UI ports from our pages
 * (the 'changed' push that makes them re-read).
 */
export function createPortHub(runtime: ExtensionRuntime, services: () => PortHubServices) {
  const uiPorts = new Set<Port>();
  const providerPorts = new Map<Port, PortInfo>();

  const post = (port: Port, message: PortMessage | UiEvent) => {
    try {
      port.postMessage(message);
    } catch {
      // Port closed between our check and the post; its onDisconnect cleans up.
    }
  };

  async function refreshSiteAccounts() {
    for (const [port, info] of providerPorts) {
      const accounts = await accountsFor(info.origin, depsOf());
      const key = accounts.join(',');
      if (key === info.lastAccounts) continue;
      info.lastAccounts = key;
      post(port, { type: 'event', event: 'accountsChanged', data: accounts });
    }
  }

  /** Each page hears chainChanged when its own chain changed: its site switched, or it follows the wallet's and that changed. */
  let chainRefresh: Promise<void> = Promise.resolve();
  async function refreshSiteChains() {
    const s = services();
    for (const [port, info] of providerPorts) {
      if (info.lastChainId === undefined) continue; // its first state message is still on the way and will carry the chain
      const chainId = toHex((await siteNetwork(info.origin, s)).chainId);
      if (chainId === info.lastChainId) continue;
      info.lastChainId = chainId;
      post(port, { type: 'event', event: 'chainChanged', data: chainId });
    }
  }

  const depsOf = () => {
    const s = services();
    return { wallet: s.wallet, permissions: s.permissions } as Parameters<typeof accountsFor>[1];
  };

  function onProviderPort(port: Port) {
    const origin = originOf(port.sender);
    if (!port.sender?.tab || !origin) return port.disconnect();
    const info: PortInfo = { origin, lastAccounts: '', inFlight: new Set<string>(), touched: Promise.resolve() };
    providerPorts.set(port, info);
    void (async () => {
      const s = services();
      const accounts = await accountsFor(origin, depsOf());
      info.lastAccounts = accounts.join(',');
      const chainId = toHex((await siteNetwork(origin, s)).chainId);
      info.lastChainId = chainId;
      post(port, { type: 'state', chainId, accounts, defaultWallet: (await s.settings.getValue()).defaultWallet });
    })();
    port.onMessage.addListener((raw: unknown) => {
      const msg = raw as Partial<PortRequest> | null;
      if (!msg || msg.type !== 'request' || typeof msg.id !== 'string' || msg.id.length > MAX_ID_LENGTH || typeof msg.method !== 'string')
        return;
      const id = msg.id;
      info.inFlight.add(id);
      const s = services();
      // The auto-lock check runs before the request: a deadline that passed while the worker was
      // stopped locks first. Chained per port, so requests still reach the router in page order.
      info.touched = info.touched.then(() => s.autoLock.enforce()).catch(() => undefined);
      void info.touched
        .then(() => s.router.handle({ origin, method: msg.method as string, params: msg.params, dedupeKey: `${origin}|${id}` }))
        .then((response) => {
          info.inFlight.delete(id);
          post(port, { type: 'response', id, ...response });
        });
    });
    port.onDisconnect.addListener(() => {
      providerPorts.delete(port);
      const keys = new Set([...info.inFlight].map((id) => `${origin}|${id}`));
      // The page is gone: nobody will read an answer, so its open approvals are withdrawn.
      if (keys.size > 0) void services().approvals.withdraw((p) => p.dedupeKey !== undefined && keys.has(p.dedupeKey));
    });
  }

  function onUiPort(port: Port) {
    if (!isExtensionPage(runtime, port.sender)) return port.disconnect();
    uiPorts.add(port);
    port.onDisconnect.addListener(() => uiPorts.delete(port));
  }

  return {
    onConnect(port: Port) {
      if (port.name === PROVIDER_PORT_NAME) onProviderPort(port);
      else if (port.name === UI_PORT_NAME) onUiPort(port);
    },
    notifyUi(topic: UiTopic) {
      for (const port of uiPorts) post(port, { type: 'changed', topic });
    },
    emitProvider(origins: string[] | '*', event: ProviderEvent, data: unknown) {
      for (const [port, info] of providerPorts)
        if (origins === '*' || origins.includes(info.origin)) post(port, { type: 'event', event, data });
    },
    refreshSiteAccounts: () => void refreshSiteAccounts(),
    // One refresh at a time: two triggers of one change (the site's permission and the router's event) post once.
    refreshSiteChains: () => void (chainRefresh = chainRefresh.then(refreshSiteChains).catch(() => undefined)),
  };
}
