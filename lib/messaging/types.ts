import type { Address } from 'viem';
import type { SerializedError } from '../errors';
import type { AccountView, WalletStatus } from '../wallet/types';

/**
 * Views the background hands to extension pages. Structured-clone safe: bigints travel as decimal strings.
 * Each domain owns its types; messaging re-exports them for the protocol and only defines what combines
 * several domains (WalletStateView) or belongs to the protocol itself (Result).
 */

export type { NetworkView } from '../chain/networks';
export type { AccountKind, AccountView, ActivityItem, ActivityStatus, SiteView, WalletStatus } from '../wallet/types';
export type { PendingKind } from '../storage/items';
export type { PendingRequestView } from '../provider/approvals';

/** Home's view: the wallet's accounts and lock state, the active chain and the approval queue's length. */
export type WalletStateView = {
  status: WalletStatus;
  accounts: AccountView[];
  selectedAddress?: Address;
  chainId: number;
  autoLockMinutes: number;
  /** True until the user passed the mnemonic backup check. */
  backupPending: boolean;
  pendingCount: number;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
