import type { BrowserApi } from './browser-api';
import { createNetworkClient, createNetworkService } from '../../lib/chain';
import { createItemFlowStore } from '../../lib/flows/store';
import { callFlowsItem } from '../../lib/flows/calls-storage-item';
import type { UiTopic } from '../../lib/messaging';
import { createApprovalQueue, createProviderRouter, type ProviderEvent } from '../../lib/provider';
import {
  accountsItem, activityItem, approvalWindowItem, callBundlesItem, networksItem, pendingItem, permissionsItem,
  sessionSecretsItem, settingsItem, vaultItem, walletMetaItem, watchedAssetsItem,
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
    vault: vaultItem, accounts: accountsItem, meta: walletMetaItem, session: sessionSecretsItem,
    onChange: () => {
      hub.notifyUi('wallet');
      hub.refreshSiteAccounts();
    },
  });
  const networks = createNetworkService({ item: networksItem, onChange: () => hub.notifyUi('networks') });
  const permissions = createPermissionService({ item: permissionsItem, onChange: () => { hub.notifyUi('sites'); hub.refreshSiteAccounts(); } });
  const activity = createActivityService({ item: activityItem, onChange: () => hub.notifyUi('activity') });
  const approvalWindow = createApprovalWindow(browser, approvalWindowItem);
  const approvals = createApprovalQueue({ item: pendingItem, openWindow: approvalWindow.open, onChange: () => { hub.notifyUi('pending'); hub.notifyUi('wallet'); } });
  const client = async () => createNetworkClient(await networks.active());
  const router = createProviderRouter({
    wallet, networks, permissions, approvals, activity, client,
    callBundles: callBundlesItem, watchedAssets: watchedAssetsItem,
    // wallet_sendCalls batches run through the flow executor (stored nonce per call, resumable).
    callFlows: createItemFlowStore(callFlowsItem),
    emit: (origins, event, data) => (event === 'accountsChanged' ? hub.refreshSiteAccounts() : hub.emitProvider(origins, event, data)),
  });
  const autoLock = createAutoLock({
    alarms: browser.alarms,
    minutes: async () => (await walletMetaItem.getValue()).autoLockMinutes,
    isUnlocked: async () => (await wallet.status()) === 'unlocked' && Boolean(await vaultItem.getValue()),
    lock: () => wallet.lock(),
  });
  return { wallet, networks, permissions, activity, approvals, approvalWindow, router, client, autoLock, settings: settingsItem };
}

export type Services = ReturnType<typeof createServices>;
