import type { BrowserApi } from './browser-api';
import { createNetworkClient, createNetworkService } from '../../lib/chain';
import { createAlertsService } from '../../lib/alerts/service';
import { createItemFlowStore } from '../../lib/flows/store';
import { callFlowsItem } from '../../lib/flows/calls-storage-item';
import { flowPreviewItem, flowsItem } from '../../lib/flows/storage-item';
import { createFlowsService } from '../../lib/flows/service';
import { createInsightsService } from '../../lib/insights/service';
import type { ProtocolServices } from '../../lib/messaging/handlers';
import type { UiTopic } from '../../lib/messaging';
import { createPreviewService } from '../../lib/preview/service';
import type { ProviderRouterDeps } from '../../lib/provider/context';
import { resumeCallFlows } from '../../lib/provider/methods/calls-flow';
import { createApprovalQueue, createProviderRouter, siteNetwork, type ProviderEvent } from '../../lib/provider';
import { createApprovalWindow } from '../../lib/provider/approval-window';
import { createSendService } from '../../lib/provider/send/service';
import {
  accountsItem,
  activityItem,
  approvalWindowItem,
  deviceWindowItem,
  callBundlesItem,
  networksItem,
  pendingItem,
  permissionsItem,
  sessionSecretsItem,
  settingsItem,
  vaultItem,
  walletMetaItem,
  watchedAssetsItem,
} from '../../lib/storage';
import { createPortfolioService } from '../../lib/tracker/portfolio-service';
import { queueIdsItem } from '../../lib/tracker/queue-ids/item';
import { mayRequest } from '../../lib/tracker/queue-ids/queues';
import { createQueueIdsService } from '../../lib/tracker/queue-ids/service';
import { createQueueIdsStore } from '../../lib/tracker/queue-ids/store';
import { createActivityService, type ActivityTransition } from '../../lib/wallet/activity';
import { transactionNotice } from '../../lib/wallet/activity-notice';
import { createActivityWatcher } from '../../lib/wallet/activity-watch';
import { replaceTransaction, type ReplaceMode } from '../../lib/provider/replace';
import { isAddressEqual, type Hex } from 'viem';
import { addressBookItem } from '../../lib/storage/address-book';
import { balancesSnapshotsItem, customTokensItem } from '../../lib/storage/balances';
import { createBalancesService } from '../../lib/balances/service';
import { createEthUsdSource } from '../../lib/balances/eth-usd';
import { createAddressBookService } from '../../lib/wallet/address-book';
import { createAutoLock } from '../../lib/wallet/auto-lock';
import { knownAddresses } from '../../lib/wallet/known-addresses';
import { createPermissionService } from '../../lib/wallet/permissions';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { createDeviceBridge } from '../../lib/wallet/hardware/bridge';

export type Hub = {
  notifyUi: (topic: UiTopic) => void;
  emitProvider: (origins: string[] | '*', event: ProviderEvent, data: unknown) => void;
  refreshSiteAccounts: () => void;
  /** Posts chainChanged to each page whose site's chain moved (its own switch, or the wallet's network it follows). */
  refreshSiteChains: () => void;
};

/** Wires lib/* together with explicit dependencies; no module-level singletons. */
export function createServices(browser: BrowserApi, hub: Hub) {
  const notify = hub.notifyUi;
  const wallet = createWalletService({
    vault: vaultItem,
    accounts: accountsItem,
    meta: walletMetaItem,
    session: sessionSecretsItem,
    onChange: () => {
      notify('wallet');
      // Own accounts are address-book entries by their account names: a rename is shown wherever the address is.
      notify('addressBook');
      hub.refreshSiteAccounts();
    },
  });
  // Hardware accounts sign in an extension page (WebHID / camera need a document); the background waits with a timeout.
  const deviceWindow = createApprovalWindow(
    {
      url: browser.runtime.getURL('/device.html'),
      focus: (id) => browser.windows.update(id, { focused: true }),
      create: (options) => browser.windows.create(options),
    },
    deviceWindowItem,
  );
  const devices = createDeviceBridge({
    onChange: (pending) => {
      notify('devices');
      if (pending.length > 0) void deviceWindow.open().catch((e: unknown) => console.warn('Ballast: the device window did not open', e));
    },
  });
  const networks = createNetworkService({ item: networksItem, onChange: () => notify('networks') });
  const network = () => networks.active();
  const permissions = createPermissionService({
    item: permissionsItem,
    onChange: () => {
      notify('sites');
      hub.refreshSiteAccounts();
    },
  });
  let onActivity: (transitions: ActivityTransition[]) => void = () => undefined;
  const activity = createActivityService({
    item: activityItem,
    onChange: (transitions) => {
      notify('activity');
      onActivity(transitions);
    },
  });
  const approvalWindow = createApprovalWindow(
    {
      url: browser.runtime.getURL('/approval.html'),
      focus: (id) => browser.windows.update(id, { focused: true }),
      create: (options) => browser.windows.create(options),
    },
    approvalWindowItem,
  );
  const approvals = createApprovalQueue({
    item: pendingItem,
    openWindow: approvalWindow.open,
    onChange: () => {
      notify('pending');
      notify('wallet');
    },
  });
  const client = async () => createNetworkClient(await network());
  // A transaction is followed on the chain it was sent on, whichever network the wallet shows now.
  const clientForChain = async (chainId: number) => {
    const n = await networks.forChain(chainId);
    return n && n.rpcUrls.length > 0 ? createNetworkClient(n) : undefined;
  };
  const activityWatcher = createActivityWatcher({ alarms: browser.alarms, activity, clientFor: clientForChain });
  // Known withdrawal request ids (issue #16): a confirmed request's receipt names its id.
  const queueIds = createQueueIdsService({ store: createQueueIdsStore(queueIdsItem) });
  async function recordRequest(chainId: number, hash: Hex): Promise<void> {
    const [c, own] = await Promise.all([clientForChain(chainId), wallet.accounts()]);
    if (!c) return;
    await queueIds.recordReceipt(c, chainId, hash, (a) => own.some((o) => isAddressEqual(o.address, a)));
  }
  const reportRecord = (e: unknown) => console.warn('Ballast: reading a withdrawal request id from a receipt failed', e);
  onActivity = (transitions) => {
    for (const t of transitions)
      if (t.item.status === 'confirmed' && mayRequest(t.item.to)) void recordRequest(t.item.chainId, t.item.hash).catch(reportRecord);
    void activityWatcher.sync().catch((e: unknown) => console.warn('Ballast: following pending transactions failed', e));
    void notifyTransactions(transitions).catch((e: unknown) => console.warn('Ballast: a transaction notification failed', e));
  };
  /** "Confirmed" / "failed" / "cancelled" as system notifications, unless the user turned them off in Settings. */
  async function notifyTransactions(transitions: ActivityTransition[]): Promise<void> {
    if (transitions.length === 0 || !(await settingsItem.getValue()).txNotifications) return;
    for (const notice of transitions.map(transactionNotice)) {
      if (!notice) continue;
      await browser.notifications.create(notice.id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title: notice.title,
        message: notice.message,
      });
    }
  }
  // wallet_sendCalls batches run through the flow executor (stored nonce per call, resumable).
  const callFlows = createItemFlowStore(callFlowsItem);
  const routerDeps: ProviderRouterDeps = {
    wallet,
    devices,
    networks,
    permissions,
    approvals,
    activity,
    client,
    callBundles: callBundlesItem,
    watchedAssets: watchedAssetsItem,
    callFlows,
    clientFor: async (n) => createNetworkClient(n),
    emit: (origins, event, data) =>
      event === 'accountsChanged'
        ? hub.refreshSiteAccounts()
        : event === 'chainChanged'
          ? hub.refreshSiteChains()
          : hub.emitProvider(origins, event, data),
  };
  const autoLock = createAutoLock({
    alarms: browser.alarms,
    minutes: async () => (await walletMetaItem.getValue()).autoLockMinutes,
    isUnlocked: async () => (await wallet.status()) === 'unlocked' && Boolean(await vaultItem.getValue()),
    lock: () => wallet.lock(),
  });
  const addressBook = createAddressBookService({
    item: addressBookItem,
    accounts: () => wallet.accounts(),
    onChange: () => notify('addressBook'),
  });
  // A request is previewed on its site's chain; Ballast's own (Send, flows) have no permission and get the wallet's.
  const siteNet = (origin: string) => siteNetwork(origin, { networks, permissions });
  // A queued request is previewed on the chain it was made for (a speed-up of a site's Base tx: Base).
  const previewNet = async (origin: string, chainId?: number) => {
    const site = await siteNet(origin);
    return chainId === undefined || chainId === site.chainId ? site : ((await networks.forChain(chainId)) ?? site);
  };
  const previews = createPreviewService({
    client: async (origin, chainId) => createNetworkClient(await previewNet(origin, chainId)),
    network: previewNet,
    pending: () => pendingItem.getValue(),
    watchPending: (fn) => pendingItem.watch(fn),
    selectedAddress: async () => (await wallet.meta()).selectedAddress ?? undefined,
    // The recipient checks (first-time, address poisoning) compare with what the user named or sent to.
    known: (chainId) => knownAddresses({ addressBook, activity }, chainId),
    // The concentration check (#15 item 5): the sender's exposure from the portfolio's last snapshot.
    exposure: (account) => portfolio.exposure(account),
    onReady: () => notify('pending'),
  });
  const alerts = createAlertsService({
    network,
    // iconUrl is required by Chrome for 'basic' notifications; without it create() fails.
    showNotification: ({ id, title, message, buttons }) =>
      browser.notifications.create(id, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('/icon/128.png'),
        title,
        message,
        ...(buttons ? { buttons } : {}),
        priority: 2,
      }),
    clearNotification: (id) => browser.notifications.clear(id),
    setBadge: async (count) => {
      await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
      // Red like the danger tone of the popup: the badge only ever counts unread danger alerts.
      await browser.action.setBadgeBackgroundColor({ color: '#b91c1c' });
    },
    // action.openPopup needs a focused browser window; a small popup window always works.
    openPopup: (route) =>
      browser.windows.create({ url: browser.runtime.getURL(`/popup.html${route}`), type: 'popup', width: 360, height: 640, focused: true }),
    onChange: () => notify('alerts'),
  });
  const portfolio = createPortfolioService({
    network,
    accounts: () => wallet.accounts(),
    alarms: browser.alarms,
    onChange: () => notify('portfolio'),
    onSnapshot: alerts.handleSnapshot,
    onAttempt: alerts.handleAttempt,
    ethUsd: createEthUsdSource({ snapshots: () => balancesSnapshotsItem.getValue(), network, client }),
    queueIds,
    // Issue #18: the L2s beside the active network (its devnet twins, or the user's L2 RPC URLs), one request each.
    networks: async () => (await networks.state()).networks,
  });
  const services = {
    wallet,
    devices,
    deviceWindow,
    networks,
    permissions,
    activity,
    approvals,
    approvalWindow,
    router: createProviderRouter(routerDeps),
    client,
    autoLock,
    settings: settingsItem,
    previews,
    alerts,
    portfolio,
    balances: createBalancesService({
      network,
      selectedAddress: async () => (await wallet.meta()).selectedAddress ?? undefined,
      client,
      watched: watchedAssetsItem,
      custom: customTokensItem,
      snapshots: balancesSnapshotsItem,
      onChange: () => notify('balances'),
    }),
    insights: createInsightsService({ network }),
    flows: createFlowsService({
      wallet,
      devices,
      activity,
      network,
      client,
      alarms: browser.alarms,
      store: createItemFlowStore(flowsItem),
      previewItem: flowPreviewItem,
      onUpdate: () => notify('flows'),
      onRequestMined: ({ chainId, hash }) => void recordRequest(chainId, hash).catch(reportRecord),
    }),
    addressBook,
    send: createSendService({
      router: routerDeps,
      book: () => addressBook.list(),
      onSendError: (error) => console.warn('Ballast: a send stopped', error),
    }),
    replaceTransaction: (hash: Hex, mode: ReplaceMode) => replaceTransaction(routerDeps, hash, mode),
    activityWatcher,
    refreshActivity: () => activityWatcher.refresh(),
    notify,
  } satisfies ProtocolServices & Record<string, unknown>;
  // A worker stopped mid-batch: the batches it was sending carry on now, not only at the dApp's next status poll.
  void resumeCallFlows(routerDeps, callFlows).catch((error: unknown) => console.warn('Ballast: resuming dApp batches failed', error));
  return services;
}

export type Services = ReturnType<typeof createServices>;
