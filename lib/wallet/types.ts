import type { Permission, StoredAccount, StoredActivity } from '../storage/items';

/**
 * The wallet's views, as the background hands them to extension pages. Each is picked from the
 * stored shape it is read from, so a field added to storage never reaches the UI unless named here,
 * and no shape is written twice. lib/messaging re-exports them for the protocol.
 */

export type AccountKind = StoredAccount['kind'];

export type AccountView = Pick<StoredAccount, 'address' | 'name' | 'kind' | 'hidden' | 'index'>;

export type WalletStatus = 'uninitialized' | 'locked' | 'unlocked';

/** A connected site (origin) and the accounts it may see. */
/** `chainId`: the chain the site switched to; absent, it follows the wallet's network. */
export type SiteView = Pick<Permission, 'origin' | 'accounts' | 'connectedAt' | 'chainId'>;

export type ActivityStatus = StoredActivity['status'];

/** One sent transaction in Activity. Structured-clone safe: the value is a decimal string. */
export type ActivityItem = Pick<
  StoredActivity,
  | 'hash'
  | 'from'
  | 'to'
  | 'value'
  | 'chainId'
  | 'status'
  | 'submittedAt'
  | 'origin'
  | 'blockNumber'
  | 'nonce'
  | 'fee'
  | 'kind'
  | 'replaces'
  | 'replacedBy'
  | 'recipient'
  | 'token'
  | 'amount'
>;
