import type { BrowserApi } from './browser-api';
import { createNetworkClient, createNetworkService } from '../../lib/chain';
import { createItemFlowStore } from '../../lib/flows/store';
import { callFlowsItem } from '../../lib/flows/calls-storage-item';
import type { ProviderRouterDeps } from '../../lib/provider/context';
import { resumeCallFlows } from '../../lib/provider/methods/calls-flow';
import type { UiTopic } from '../../lib/messaging';
import { createApprovalQueue, createProviderRouter, type ProviderEvent } from '../../lib/provider';
import {
  accountsItem,
  activityItem,
  approvalWindowItem,
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
import { createActivityService } from '../../lib/wallet/activity';
import { createAutoLock } from '../../lib/wallet/auto-lock';
import { createPermissionService } from '../../lib/wallet/permissions';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { createApprovalWindow } from './approval-window';

export type Hub = {
  notifyUi: (topic: UiTopic) => void;
  emitProvider: (origins: string[] | '*', event: ProviderEvent, data: unknown) => void;
  refreshSiteAccounts: () => void;
};

/** Wires lib/* together with explicit dependencies; no module-level singletons. */
export function createServices(browser: BrowserApi, hub: Hub) {
  const wallet = createWalletService({
    vault: vaultItem,
    accounts: accountsItem,
    meta: walletMetaItem,
    session: sessionSecretsItem,
    onChange: () => {
      hub.notifyUi('wallet');
      hub.refreshSiteAccounts();
    },
  });
  const networks = createNetworkService({ item: networksItem, onChange: () => hub.notifyUi('networks') });
  const permissions = createPermissionService({
    item: permissionsItem,
    onChange: () => {
      hub.notifyUi('sites');
      hub.refreshSiteAccounts();
    },
  });
  const activity = createActivityService({ item: activityItem, onChange: () => hub.notifyUi('activity') });
  const approvalWindow = createApprovalWindow(browser, approvalWindowItem);
  const approvals = createApprovalQueue({
    item: pendingItem,
    openWindow: approvalWindow.open,
    onChange: () => {
      hub.notifyUi('pending');
      hub.notifyUi('wallet');
    },
  });
  const client = async () => createNetworkClient(await networks.active());
  // wallet_sendCalls batches run through the flow executor (stored nonce per call, resumable).
  const callFlows = createItemFlowStore(callFlowsItem);
  const routerDeps: ProviderRouterDeps = {
    wallet,
    networks,
    permissions,
    approvals,
    activity,
    client,
    callBundles: callBundlesItem,
    watchedAssets: watchedAssetsItem,
    callFlows,
    emit: (origins, event, data) => (event === 'accountsChanged' ? hub.refreshSiteAccounts() : hub.emitProvider(origins, event, data)),
  };
  const router = createProviderRouter(routerDeps);
  // A worker stopped mid-batch: the batches it was sending carry on now, not only at the dApp's next status poll.
  void resumeCallFlows(routerDeps, callFlows).catch((error: unknown) => console.warn('Ballast: resuming dApp batches failed', error));
  const autoLock = createAutoLock({
    alarms: browser.alarms,
    minutes: async () => (await walletMetaItem.getValue()).autoLockMinutes,
    isUnlocked: async () => (await wallet.status()) === 'unlocked' && Boolean(await vaultItem.getValue()),
    lock: () => wallet.lock(),
  });
  return { wallet, networks, permissions, activity, approvals, approvalWindow, router, client, autoLock, settings: settingsItem };
}

export type Services = ReturnType<typeof createServices>;
