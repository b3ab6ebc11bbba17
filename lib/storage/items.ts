import { storage } from '@wxt-dev/storage';
import type { Address, Hex } from 'viem';
import { defineCheckedItem } from './checked-item';
import type { StoredFeeQuote } from './fee-quote';
import {
  accountsSchema,
  activitySchema,
  callBundlesSchema,
  networkStateSchema,
  pendingKindSchema,
  pendingSchema,
  permissionsSchema,
  sessionSecretsSchema,
  settingsSchema,
  walletMetaSchema,
  watchedAssetsSchema,
} from './schemas';
import { z } from 'zod';

/**
 * Every persisted value of the wallet core, versioned so a later release can migrate it.
 * `local:` survives browser restarts; `session:` lives until the browser closes and only trusted
 * extension contexts (not content scripts) can read it — decrypted key material goes only there.
 * Every item but the vault is read through a schema (defineCheckedItem): a damaged value gives a
 * clear error naming the item, or the defaults where that loses nothing the user cannot recreate.
 */

/** The encrypted vault exactly as @metamask/browser-passworder produced it. Never rewritten on a failed read. */
export const vaultItem = storage.defineItem<string | null>('local:ballast.vault', { fallback: null, version: 1 });

export type StoredAccount = {
  address: Address;
  name: string;
  kind: 'hd' | 'imported' | 'watch' | 'ledger' | 'keystone';
  hidden: boolean;
  /** HD index for kind 'hd'. */
  index?: number;
  /** For 'ledger' and 'keystone': where the key lives on the device. No secret: the device keeps the key. */
  hardware?: HardwareAccountInfo;
};

export type HardwareAccountInfo = {
  /** Derivation path in hw-app-eth form, e.g. `44'/60'/0'/0/0`. */
  path: string;
  /** Keystone: master fingerprint (hex) the sign requests name. */
  xfp?: string;
};

/** Public account metadata; readable while locked so the popup can show names and watch-only balances. */
export const accountsItem = defineCheckedItem<StoredAccount[]>('local:ballast.accounts', {
  label: 'accounts',
  schema: accountsSchema,
  fallback: [],
  version: 1,
  onCorrupt: {
    message: 'Stored accounts are unreadable',
    details:
      'Your recovery phrase and imported keys are safe in the encrypted vault, which was not changed. Re-import your recovery phrase (and any imported keys) to rebuild the account list, then add watch-only addresses again.',
  },
});

export type WalletMeta = { selectedAddress?: Address; autoLockMinutes: number; backupPending: boolean };
export const walletMetaItem = defineCheckedItem<WalletMeta>('local:ballast.walletMeta', {
  label: 'wallet preferences',
  schema: walletMetaSchema,
  fallback: { autoLockMinutes: 15, backupPending: false },
  version: 1,
  onCorrupt: 'reset',
});

export type SessionSecrets = {
  mnemonic?: string;
  /** Private keys of imported accounts, keyed by lowercase address. */
  importedKeys: Record<string, Hex>;
  /** Exported AES key of the vault so adding an account re-encrypts without asking for the password again. */
  exportedKey: string;
  salt: string;
};
/** Unreadable session secrets read as "locked": the password unlocks the vault again. */
export const sessionSecretsItem = defineCheckedItem<SessionSecrets | null>('session:ballast.secrets', {
  label: 'session',
  schema: sessionSecretsSchema,
  fallback: null,
  version: 1,
  onCorrupt: 'reset',
});

/** `chainId`: the site's own network (chain a site switched to); absent, it follows the wallet's network. */
export type Permission = { origin: string; accounts: Address[]; connectedAt: number; chainId?: number };
/** A damaged site entry is dropped: the site asks to connect again. */
export const permissionsItem = defineCheckedItem<Record<string, Permission>>('local:ballast.permissions', {
  label: 'connected sites',
  schema: permissionsSchema,
  fallback: {},
  version: 1,
  onCorrupt: 'reset',
});

export type StoredNetwork = {
  /** Stable name for the popup: a dev/test build lists a devnet twin beside the real network of its chain id. */
  key: string;
  chainId: number;
  name: string;
  rpcUrls: string[];
  nativeSymbol: string;
  explorerUrl?: string;
  builtIn: boolean;
};
export type NetworkState = { networks: StoredNetwork[]; activeKey: string };
/** Damaged entries are dropped; with none left the built-in networks (devnet active) apply and custom RPC URLs are entered again. */
export const networksItem = defineCheckedItem<NetworkState | null>('local:ballast.networks', {
  label: 'networks',
  schema: networkStateSchema,
  fallback: null,
  version: 1,
  onCorrupt: 'reset',
});

/** What a dApp request waits for the user to approve; the schema holds the list. */
export type PendingKind = z.infer<typeof pendingKindSchema>;

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
  /** Transactions and batches: the network fee decided before the request is shown (and signed as shown). */
  fee?: StoredFeeQuote;
  /** Set when the user answered while no one was waiting (the worker had restarted); an approval carries the fee approved. */
  decision?: { approved: boolean; accounts?: Address[]; fee?: StoredFeeQuote };
  /** The decision went to a live waiter; kept (without params) so a re-send after a restart never runs it twice. */
  handedOver?: boolean;
};
/** A damaged request is dropped (its page gets no answer and may ask again). */
export const pendingItem = defineCheckedItem<StoredPending[]>('session:ballast.pending', {
  label: 'pending requests',
  schema: pendingSchema,
  fallback: [],
  version: 1,
  onCorrupt: 'reset',
});

/** One transaction Ballast sent, as the Activity log keeps it. */
export type StoredActivity = {
  hash: Hex;
  from: Address;
  to?: Address;
  /** wei, decimal string */
  value: string;
  chainId: number;
  /** replaced: another transaction at its nonce was mined (a speed-up, or one sent elsewhere); cancelled: the user's cancel was. */
  status: 'pending' | 'confirmed' | 'failed' | 'replaced' | 'cancelled';
  submittedAt: number;
  origin: string;
  blockNumber?: string;
  /** What was signed, kept so a pending transaction can be sped up or cancelled (absent on entries from before). */
  nonce?: number;
  fee?: StoredActivityFee;
  /** Call data, kept only while pending (a speed-up re-signs it); dropped once the transaction settles. */
  data?: Hex;
  /** A speed-up or cancel names the transaction it replaces; the replaced one names its replacement. */
  kind?: 'transaction' | 'speed-up' | 'cancel';
  replaces?: Hex;
  replacedBy?: Hex;
  /**
   * An ERC-20 `transfer(to, amount)`: whom the tokens went to (`to` is the token contract), the token and the amount
   * in its smallest unit (decimal string). Absent for any other call and on entries from before.
   */
  recipient?: Address;
  token?: Address;
  amount?: string;
};
/** Gas limit and fee per gas as signed: wei and gas as decimal strings. */
export type StoredActivityFee =
  { type: 'eip1559'; gas: string; maxFeePerGas: string; maxPriorityFeePerGas: string } | { type: 'legacy'; gas: string; gasPrice: string };
/** A log of what was sent; the transactions themselves stay on chain, so damaged entries are dropped. */
export const activityItem = defineCheckedItem<StoredActivity[]>('local:ballast.activity', {
  label: 'activity',
  schema: activitySchema,
  fallback: [],
  version: 1,
  onCorrupt: 'reset',
});

export type Settings = {
  defaultWallet: boolean;
  guardMode: boolean;
  theme: 'system' | 'light' | 'dark';
  /** A system notification when a sent transaction confirms, fails or is cancelled. */
  txNotifications: boolean;
};
export const settingsItem = defineCheckedItem<Settings>('local:ballast.settings', {
  label: 'settings',
  schema: settingsSchema,
  fallback: { defaultWallet: false, guardMode: true, theme: 'system', txNotifications: true },
  version: 1,
  onCorrupt: 'reset',
});

export type WatchedAsset = { chainId: number; address: Address; symbol: string; decimals: number; image?: string };
export const watchedAssetsItem = defineCheckedItem<WatchedAsset[]>('local:ballast.watchedAssets', {
  label: 'watched tokens',
  schema: watchedAssetsSchema,
  fallback: [],
  version: 1,
  onCorrupt: 'reset',
});

/** Time of the last user/dApp activity; the auto-lock alarm compares against it. */
/** Unreadable reads as 0 ("idle since long ago"): the auto-lock errs towards locking. */
export const lastActivityItem = defineCheckedItem<number>('session:ballast.lastActivity', {
  label: 'last activity time',
  schema: z.number(),
  fallback: 0,
  version: 1,
  onCorrupt: 'reset',
});

/** EIP-5792 bundles sent as sequential transactions. */
export type StoredCallBundle = {
  id: string;
  origin: string;
  chainId: number;
  from: Address;
  hashes: Hex[];
  error?: string;
  createdAt: number;
  /** The flow that runs the batch (its hashes live there). */ flowId?: string;
};
export const callBundlesItem = defineCheckedItem<StoredCallBundle[]>('local:ballast.callBundles', {
  label: 'call bundles',
  schema: callBundlesSchema,
  fallback: [],
  version: 1,
  onCorrupt: 'reset',
});

/** Id of the open device window (hardware signing), like the approval window's. */
export const deviceWindowItem = defineCheckedItem<number | null>('session:ballast.deviceWindow', {
  label: 'device window id',
  schema: z.number().int().nullable(),
  fallback: null,
  version: 1,
  onCorrupt: 'reset',
});

/** Id of the open approval window, so a second request focuses it instead of opening another. */
export const approvalWindowItem = defineCheckedItem<number | null>('session:ballast.approvalWindow', {
  label: 'approval window id',
  schema: z.number().int().nullable(),
  fallback: null,
  version: 1,
  onCorrupt: 'reset',
});
