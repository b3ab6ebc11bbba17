import { isAddressEqual, type Address } from 'viem';
import { AppError } from '../errors';
import { readAddressInput, readEntryName, readEntryNote, type InputReading } from '../format/address-book-input';
import type { StoredAddressBookEntry } from '../storage/address-book';
import type { Item } from '../storage/item';
import type { StoredAccount } from '../storage/items';
import { createMutex } from '../storage/mutex';

/** How many saved entries the book holds: far more than a person names, small enough to read at every open. */
export const ADDRESS_BOOK_MAX_ENTRIES = 1_000;

/**
 * One name for one address, as every screen shows it. `account` entries are the wallet's own accounts, read
 * from the accounts each time (never copied), so renaming an account renames it everywhere; `saved` entries
 * are the ones the user added.
 */
export type AddressBookEntryView = {
  address: Address;
  name: string;
  note?: string;
  source: 'account' | 'saved';
  /** Own accounts: hd, imported or watch (a watch-only account is named like the others). */
  accountKind?: StoredAccount['kind'];
  /** Saved entries: when the user added it (ms). */
  addedAt?: number;
};

export type AddressBookInput = { address: string; name: string; note?: string };

export type AddressBookServiceDeps = {
  item: Item<StoredAddressBookEntry[]>;
  accounts: () => Promise<Pick<StoredAccount, 'address' | 'name' | 'kind'>[]>;
  now?: () => number;
  /** Called after a change the UI shows. */
  onChange?: () => void;
};

export type AddressBookService = ReturnType<typeof createAddressBookService>;

const refused = (message: string, details: string, address = false) =>
  new AppError(message, { details, ...(address ? { code: 'wallet.address.invalid' as const } : {}) });

function accepted<T>(reading: InputReading<T>, what: string, address = false): T {
  if (!reading.ok) throw refused(`Invalid ${what}`, reading.message, address);
  return reading.value;
}

/** A lookup key, not a comparison: a thousand entries are matched by set membership, not pair by pair. */
const lookupKey = (address: Address) => address.toLowerCase();

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

export function createAddressBookService(deps: AddressBookServiceDeps) {
  const exclusive = createMutex();
  const now = deps.now ?? Date.now;

  /** Saved entries, one per address (a value edited outside Ballast may repeat one: the first is kept). */
  async function saved(): Promise<StoredAddressBookEntry[]> {
    const seen = new Set<string>();
    return (await deps.item.getValue()).filter((e) => !seen.has(lookupKey(e.address)) && seen.add(lookupKey(e.address)));
  }

  async function list(): Promise<AddressBookEntryView[]> {
    const [accounts, entries] = await Promise.all([deps.accounts(), saved()]);
    const own: AddressBookEntryView[] = accounts.map((a) => ({ address: a.address, name: a.name, source: 'account', accountKind: a.kind }));
    // An address that later became an account (imported, watched) shows under the account's name.
    const ownKeys = new Set(accounts.map((a) => lookupKey(a.address)));
    const others = entries
      .filter((e) => !ownKeys.has(lookupKey(e.address)))
      .map((e): AddressBookEntryView => ({ ...e, source: 'saved' }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return [...own, ...others];
  }

  /** Refuses a name another entry (or account) already has: two "Alice" would make a name mean nothing. */
  function requireUniqueName(name: string, book: AddressBookEntryView[], self?: Address) {
    const clash = book.find((e) => sameName(e.name, name) && !(self && isAddressEqual(e.address, self)));
    if (clash) {
      const whose = clash.source === 'account' ? 'your account' : 'the entry';
      throw refused('Name already used', `"${clash.name}" is already ${whose} ${clash.address}. Pick another name.`);
    }
  }

  function requireSaved(book: AddressBookEntryView[], address: Address, action: string): AddressBookEntryView {
    const entry = book.find((e) => isAddressEqual(e.address, address));
    if (!entry) throw refused('Not in the address book', `${address} has no entry to ${action}. Reopen the address book and try again.`);
    if (entry.source === 'account') {
      throw refused(
        'This is one of your accounts',
        `"${entry.name}" is an account of this wallet, named from the account itself: ${action === 'remove' ? 'it stays in the address book' : 'rename it on Home'}.`,
      );
    }
    return entry;
  }

  function write(next: StoredAddressBookEntry[]) {
    return deps.item.setValue(next).then(() => deps.onChange?.());
  }

  return {
    list,

    /** Adds a new entry; refuses a bad address or checksum, an address already in the book, a bad or used name. */
    async add(input: AddressBookInput): Promise<AddressBookEntryView> {
      const address = accepted(readAddressInput(input.address), 'address', true);
      const name = accepted(readEntryName(input.name), 'name');
      const note = accepted(readEntryNote(input.note), 'note');
      return exclusive(async () => {
        const book = await list();
        const existing = book.find((e) => isAddressEqual(e.address, address));
        if (existing) {
          throw refused(
            'Address already in the address book',
            existing.source === 'account'
              ? `${address} is your account "${existing.name}". Rename it on Home.`
              : `${address} is saved as "${existing.name}". Edit that entry instead.`,
          );
        }
        requireUniqueName(name, book);
        const entries = await saved();
        if (entries.length >= ADDRESS_BOOK_MAX_ENTRIES) {
          throw refused('Address book is full', `It holds ${ADDRESS_BOOK_MAX_ENTRIES} entries. Remove one you no longer use first.`);
        }
        const entry: StoredAddressBookEntry = { address, name, ...(note ? { note } : {}), addedAt: now() };
        await write([...entries, entry]);
        return { ...entry, source: 'saved' };
      });
    },

    /** Renames a saved entry and replaces its note (an empty note removes it). */
    async update(input: { address: Address; name: string; note?: string }): Promise<AddressBookEntryView> {
      const name = accepted(readEntryName(input.name), 'name');
      const note = accepted(readEntryNote(input.note), 'note');
      return exclusive(async () => {
        const book = await list();
        const current = requireSaved(book, input.address, 'rename');
        requireUniqueName(name, book, current.address);
        const entries = await saved();
        const next = entries.map((e) => {
          if (!isAddressEqual(e.address, current.address)) return e;
          const { note: _old, ...rest } = e;
          return { ...rest, name, ...(note ? { note } : {}) };
        });
        await write(next);
        return { ...next.find((e) => isAddressEqual(e.address, current.address))!, source: 'saved' };
      });
    },

    remove(address: Address): Promise<true> {
      return exclusive(async () => {
        const current = requireSaved(await list(), address, 'remove');
        await write((await saved()).filter((e) => !isAddressEqual(e.address, current.address)));
        return true as const;
      });
    },
  };
}
