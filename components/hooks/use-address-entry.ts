import { useEffect } from 'react';
import { useStore } from 'zustand';
import { addressBookStore, entryFor, type AddressBookEntryView } from '../../lib/state/address-book';

/**
 * The address-book entry (own account or saved name) for an address, from the one address-book store; the
 * first caller on a page reads the book, later ones share it. Undefined skips the lookup (a hash, not an address).
 */
export function useAddressEntry(address: string | undefined): AddressBookEntryView | undefined {
  const entries = useStore(addressBookStore, (s) => s.data);
  useEffect(() => {
    if (address && addressBookStore.getState().status === 'idle') void addressBookStore.getState().reload();
  }, [address]);
  return address ? entryFor(entries, address) : undefined;
}
