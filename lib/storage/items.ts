import { storage } from '@wxt-dev/storage';
import type { Address, Hex } from 'viem';
import type { ActivityItem, PendingKind } from '../messaging/types';

/**
 * Every persisted value of the wallet core, versioned so a later release can migrate it.
 * `local:` survives browser restarts; `session:` lives until the browser closes and only trusted
 * extension contexts (not content scripts) can read it — decrypted key material goes only there.
 */

/** The encrypted vault exactly as @metamask/browser-passworder produced it. Never rewritten on a failed read. */
export const vaultItem = storage.defineItem<string | null>('local:ballast.vault', { fallback: null, version: 1 });

export type StoredAccount = {
  address: Address;
  name: string;
  kind: 'hd' | 'imported' | 'watch';
  hidden: boolean;
  index?: number;
};

/** Public account metadata; readable while locked so the popup can show names and watch-only balances. */
export const accountsItem = storage.defineItem<StoredAccount[]>('local:ballast.accounts', { fallback: [], version: 1 });

export type WalletMeta = { selectedAddress?: Address; autoLockMinutes: number; backupPending: boolean };
export const walletMetaItem = storage.defineItem<WalletMeta>('local:ballast.walletMeta', {
  fallback: { autoLockMinutes: 15, backupPending: false },
  version: 1,
});

export type SessionSecrets = {
  mnemonic?: string;
  /** Private keys of imported accounts, keyed by lowercase address. */
  importedKeys: Record<string, Hex>;
  /** Exported AES key of the vault so adding an account re-encrypts without asking for the password again. */
  exportedKey: string;
  salt: string;
};
export const sessionSecretsItem = storage.defineItem<SessionSecrets | null>('session:ballast.secrets', { fallback: null, version: 1 });

export type Permission = { origin: string; accounts: Address[]; connectedAt: number };
export const permissionsItem = storage.defineItem<Record<string, Permission>>('local:ballast.permissions', { fallback: {}, version: 1 });

export type StoredNetwork = {
  /** Stable key: the devnet and mainnet share chain id 1, so networks are keyed by this, not by chainId. */
  key: string;
  chainId: number;
  name: string;
  rpcUrls: string[];
  nativeSymbol: string;
  explorerUrl?: string;
  builtIn: boolean;
};
export type NetworkState = { networks: StoredNetwork[]; activeKey: string };
export const networksItem = storage.defineItem<NetworkState | null>('local:ballast.networks', { fallback: null, version: 1 });

export type StoredPending = {
  id: string;
  origin: string;
  kind: PendingKind;
  method: string;
  params: unknown;
  createdAt: number;
  chainId: number;
  /** origin + page request id: a page that re-sends after a worker restart finds its request again. */
  dedupeKey?: string;
  /** Set when the user answered while no one was waiting (the worker had restarted). */
  decision?: { approved: boolean; accounts?: Address[] };
};
export const pendingItem = storage.defineItem<StoredPending[]>('session:ballast.pending', { fallback: [], version: 1 });

export const activityItem = storage.defineItem<ActivityItem[]>('local:ballast.activity', { fallback: [], version: 1 });

export type Settings = { defaultWallet: boolean; guardMode: boolean; theme: 'system' | 'light' | 'dark' };
export const settingsItem = storage.defineItem<Settings>('local:ballast.settings', {
  fallback: { defaultWallet: false, guardMode: true, theme: 'system' },
  version: 1,
});

export type WatchedAsset = { chainId: number; address: Address; symbol: string; decimals: number; image?: string };
export const watchedAssetsItem = storage.defineItem<WatchedAsset[]>('local:ballast.watchedAssets', { fallback: [], version: 1 });

/** Time of the last user/dApp activity; the auto-lock alarm compares against it. */
export const lastActivityItem = storage.defineItem<number>('session:ballast.lastActivity', { fallback: 0, version: 1 });

/** EIP-5792 bundles sent as sequential transactions. */
export type StoredCallBundle = { id: string; origin: string; chainId: number; from: Address; hashes: Hex[]; error?: string; createdAt: number };
export const callBundlesItem = storage.defineItem<StoredCallBundle[]>('local:ballast.callBundles', { fallback: [], version: 1 });

/** Id of the open approval window, so a second request focuses it instead of opening another. */
export const approvalWindowItem = storage.defineItem<number | null>('session:ballast.approvalWindow', { fallback: null, version: 1 });
