import type { PublicClient } from 'viem';
import type { ActivityItem } from '../../lib/messaging/types';
import type {
  NetworkState,
  Permission,
  SessionSecrets,
  StoredAccount,
  StoredCallBundle,
  StoredPending,
  WalletMeta,
  WatchedAsset,
} from '../../lib/storage';
import { createNetworkService } from '../../lib/chain/networks';
import { createApprovalQueue, createProviderRouter, type Decision, type ProviderEvent } from '../../lib/provider';
import type { PendingRequestView } from '../../lib/provider/approvals';
import type { ProviderRouterDeps } from '../../lib/provider/context';
import { createActivityService } from '../../lib/wallet/activity';
import { createPermissionService } from '../../lib/wallet/permissions';
import { createWalletService } from '../../lib/wallet/wallet-service';

export const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
export const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
export const ACCOUNT_1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';

/** Real services over fake browser storage; the "user" answers every approval with `answer`. */
/** An in-memory stand-in for a storage item, for suites that run without WXT's fake browser (devnet). */
export function memoryItem<T>(fallback: T) {
  let value = structuredClone(fallback);
  return {
    getValue: async () => structuredClone(value),
    setValue: async (next: T): Promise<void> => {
      value = structuredClone(next);
    },
  };
}

export function memoryItems() {
  return {
    vault: memoryItem<string | null>(null),
    accounts: memoryItem<StoredAccount[]>([]),
    meta: memoryItem<WalletMeta>({ autoLockMinutes: 15, backupPending: false }),
    session: memoryItem<SessionSecrets | null>(null),
    networks: memoryItem<NetworkState | null>(null),
    permissions: memoryItem<Record<string, Permission>>({}),
    activity: memoryItem<ActivityItem[]>([]),
    pending: memoryItem<StoredPending[]>([]),
    callBundles: memoryItem<StoredCallBundle[]>([]),
    watchedAssets: memoryItem<WatchedAsset[]>([]),
  };
}

export type HarnessItems = ReturnType<typeof memoryItems>;

/** `extra` adds optional router deps (callFlows; clientFor for a site on another chain) for suites that exercise them. */
export function createHarness(
  client?: PublicClient,
  items: HarnessItems = memoryItems(),
  extra: Pick<ProviderRouterDeps, 'callFlows' | 'clientFor'> = {},
) {
  const events: { origins: string[] | '*'; event: ProviderEvent; data: unknown }[] = [];
  const approvalsSeen: { kind: string; origin: string; params: unknown; fee?: PendingRequestView['fee'] }[] = [];
  let answer: Decision = { approved: true };
  /** Runs when the window would show a request, before the answer (a test moves the chain there). */
  let beforeAnswer: ((request: PendingRequestView) => Promise<void>) | undefined;
  const wallet = createWalletService({ vault: items.vault, accounts: items.accounts, meta: items.meta, session: items.session });
  const networks = createNetworkService({ item: items.networks });
  const permissions = createPermissionService({ item: items.permissions });
  const activity = createActivityService({ item: items.activity });
  const approvals = createApprovalQueue({
    item: items.pending,
    openWindow: async () => {
      for (const p of await approvals.list()) {
        approvalsSeen.push({ kind: p.kind, origin: p.origin, params: p.params, ...(p.fee ? { fee: p.fee } : {}) });
        await beforeAnswer?.(p);
        await approvals.resolve(p.id, answer);
      }
    },
  });
  const deps: ProviderRouterDeps = {
    wallet,
    networks,
    permissions,
    approvals,
    activity,
    callBundles: items.callBundles,
    watchedAssets: items.watchedAssets,
    client: async () => {
      if (!client) throw new Error('no RPC in unit tests');
      return client;
    },
    emit: (origins, event, data) => void events.push({ origins, event, data }),
    ...extra,
  };
  const router = createProviderRouter(deps);
  const call = (origin: string, method: string, params?: unknown) => router.handle({ origin, method, params });
  return {
    /** The router's dependencies, for code that takes them directly (internalSend, the send service). */
    deps,
    activity,
    wallet,
    networks,
    permissions,
    approvals,
    router,
    events,
    approvalsSeen,
    call,
    answerWith(d: Decision) {
      answer = d;
    },
    beforeAnswer(hook: typeof beforeAnswer) {
      beforeAnswer = hook;
    },
  };
}
