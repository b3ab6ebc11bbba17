import type { Address } from 'viem';
import type { ActivityService } from './activity';
import type { AddressBookService } from './address-book';

/** An address the user knows, and how: an own account, a saved entry, or a recipient in Activity. */
export type KnownAddressView = { address: Address; name?: string; source: 'account' | 'saved' | 'sent' };

/**
 * Everything the user has named or sent to on `chainId` (own accounts, address book, Activity's recipients, an
 * ERC-20 transfer's recipient rather than its token contract):
 * what the recipient checks compare a recipient with (first-time recipient, address poisoning).
 */
export async function knownAddresses(
  deps: { addressBook: Pick<AddressBookService, 'list'>; activity: Pick<ActivityService, 'list'> },
  chainId: number,
): Promise<KnownAddressView[]> {
  const [book, activity] = await Promise.all([deps.addressBook.list(), deps.activity.list()]);
  const named: KnownAddressView[] = book.map((e) => ({ address: e.address, name: e.name, source: e.source }));
  // A token transfer's `to` is the token contract: whom it went to is its recipient.
  const sent: KnownAddressView[] = activity
    .filter((item) => item.chainId === chainId && (item.recipient ?? item.to))
    .map((item) => ({ address: (item.recipient ?? item.to) as Address, source: 'sent' }));
  return [...named, ...sent];
}
