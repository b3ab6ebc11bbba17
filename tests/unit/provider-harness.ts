import type { PublicClient } from 'viem';
import { createNetworkService } from '../../lib/chain/networks';
import { createApprovalQueue, createProviderRouter, type Decision, type ProviderEvent } from '../../lib/provider';
import {
  accountsItem, activityItem, callBundlesItem, networksItem, pendingItem, permissionsItem, sessionSecretsItem, vaultItem, walletMetaItem, watchedAssetsItem,
} from '../../lib/storage';
import { createActivityService } from '../../lib/wallet/activity';
import { createPermissionService } from '../../lib/wallet/permissions';
import { createWalletService } from '../../lib/wallet/wallet-service';

export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
export const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const ACCOUNT_1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** Real services over fake browser storage; the "user" answers every approval with `answer`. */
export function createHarness(client?: PublicClient) {
  const events: { origins: string[] | '*'; event: ProviderEvent; data: unknown }[] = [];
  const approvalsSeen: { kind: string; origin: string; params: unknown }[] = [];
  let answer: Decision = { approved: true };
  const wallet = createWalletService({ vault: vaultItem, accounts: accountsItem, meta: walletMetaItem, session: sessionSecretsItem });
  const networks = createNetworkService({ item: networksItem });
  const permissions = createPermissionService({ item: permissionsItem });
  const activity = createActivityService({ item: activityItem });
  const approvals = createApprovalQueue({
    item: pendingItem,
    openWindow: async () => {
      for (const p of await approvals.list()) {
        approvalsSeen.push({ kind: p.kind, origin: p.origin, params: p.params });
        await approvals.resolve(p.id, answer);
      }
    },
  });
  const router = createProviderRouter({
    wallet, networks, permissions, approvals, activity,
    callBundles: callBundlesItem,
    watchedAssets: watchedAssetsItem,
    client: async () => {
      if (!client) throw new Error('no RPC in unit tests');
      return client;
    },
    emit: (origins, event, data) => events.push({ origins, event, data }),
  });
  const call = (origin: string, method: string, params?: unknown) => router.handle({ origin, method, params });
  return {
    wallet, networks, permissions, approvals, router, events, approvalsSeen, call,
    answerWith(d: Decision) { answer = d; },
  };
}
