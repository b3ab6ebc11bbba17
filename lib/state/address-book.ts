import type { Address } from 'viem';
import type { AddressBookEntryView } from '../wallet/address-book';
import { call } from './call';
import { createResourceStore } from './resource';

export type { AddressBookEntryView };
export { readAddressInput, readEntryName, readEntryNote, ENTRY_NAME_MAX, ENTRY_NOTE_MAX } from '../format/address-book-input';

/**
 * The one source of names for addresses in the UI: the wallet's accounts and the saved entries. Every
 * Address on every screen reads from this store, so a name added or an account renamed shows everywhere.
 * The background announces 'addressBook' after a change to either.
 */
export const addressBookStore = createResourceStore('addressBook', () => call('addressBook:list'));

const namesByList = new WeakMap<AddressBookEntryView[], Map<string, AddressBookEntryView>>();

/** The entry for an address, or undefined; the lookup table is built once per list the store holds. */
export function entryFor(entries: AddressBookEntryView[] | undefined, address: string): AddressBookEntryView | undefined {
  if (!entries) return undefined;
  let table = namesByList.get(entries);
  if (!table) {
    // A lookup key, not a comparison: one map read per shown address instead of a scan of the book.
    table = new Map(entries.map((e) => [e.address.toLowerCase(), e]));
    namesByList.set(entries, table);
  }
  return table.get(address.toLowerCase());
}

export const addAddressBookEntry = (entry: { address: string; name: string; note?: string }) => call('addressBook:add', entry);
export const updateAddressBookEntry = (entry: { address: Address; name: string; note?: string }) => call('addressBook:update', entry);
export const removeAddressBookEntry = (address: Address) => call('addressBook:remove', { address });
