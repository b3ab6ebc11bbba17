import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from '@webext-core/fake-browser';
import type { Address } from 'viem';
import { addressBookItem, type StoredAddressBookEntry } from '../storage/address-book';
import type { StoredAccount } from '../storage/items';
import { createAddressBookService, ADDRESS_BOOK_MAX_ENTRIES } from './address-book';

const OWN = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266' as Address;
const WATCHED = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as Address;
const ALICE = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC' as Address;
const BOB = '0x90F79bf6EB2c4f870365E785982E1f101E93b906' as Address;
const NOW = 1_700_000_000_000;

type Account = Pick<StoredAccount, 'address' | 'name' | 'kind'>;

function setup(initial: StoredAddressBookEntry[] = []) {
  let stored = structuredClone(initial);
  const accounts: Account[] = [
    { address: OWN, name: 'Account 1', kind: 'hd' },
    { address: WATCHED, name: 'Cold wallet', kind: 'watch' },
  ];
  const onChange = vi.fn();
  const book = createAddressBookService({
    item: { getValue: async () => structuredClone(stored), setValue: async (v) => void (stored = structuredClone(v)) },
    accounts: async () => accounts,
    now: () => NOW,
    onChange,
  });
  return { book, accounts, onChange, stored: () => stored };
}

describe('address book service', () => {
  it('lists the wallet accounts first, by default and under their account names, then saved entries by name', async () => {
    const { book } = setup([
      { address: BOB, name: 'Bob', addedAt: 2 },
      { address: ALICE, name: 'Alice', note: 'Rent', addedAt: 1 },
    ]);
    expect(await book.list()).toEqual([
      { address: OWN, name: 'Account 1', source: 'account', accountKind: 'hd' },
      { address: WATCHED, name: 'Cold wallet', source: 'account', accountKind: 'watch' },
      { address: ALICE, name: 'Alice', note: 'Rent', addedAt: 1, source: 'saved' },
      { address: BOB, name: 'Bob', addedAt: 2, source: 'saved' },
    ]);
  });

  it('reads own accounts each time: an account renamed in the wallet is renamed in the book, nothing copied', async () => {
    const { book, accounts, stored } = setup();
    accounts[0] = { ...accounts[0]!, name: 'Main' };
    expect((await book.list())[0]?.name).toBe('Main');
    expect(stored()).toEqual([]);
  });

  it('adds an entry checksummed, trimmed, stamped, and tells the UI', async () => {
    const { book, onChange, stored } = setup();
    const added = await book.add({ address: ALICE.toLowerCase(), name: '  Alice ', note: ' landlord ' });
    expect(added).toEqual({ address: ALICE, name: 'Alice', note: 'landlord', addedAt: NOW, source: 'saved' });
    expect(stored()).toEqual([{ address: ALICE, name: 'Alice', note: 'landlord', addedAt: NOW }]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it.each([
    [{ address: '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293bc', name: 'Alice' }, 'Invalid address', /checksum does not match/],
    [{ address: '0x3C44', name: 'Alice' }, 'Invalid address', /not an address/],
    [{ address: ALICE, name: '   ' }, 'Invalid name', /Give the address a name/],
    [{ address: ALICE, name: 'a'.repeat(41) }, 'Invalid name', /at most 40 characters/],
    [{ address: ALICE, name: 'Alice', note: 'n'.repeat(201) }, 'Invalid note', /at most 200 characters/],
    [{ address: OWN.toLowerCase(), name: 'Me' }, 'Address already in the address book', /your account "Account 1"\. Rename it on Home/],
    [{ address: BOB, name: 'Bob' }, 'Address already in the address book', /saved as "Bob"/],
    [{ address: ALICE, name: 'bob' }, 'Name already used', /"Bob" is already the entry 0x90F7/],
    [{ address: ALICE, name: 'account 1' }, 'Name already used', /already your account/],
  ])('refuses %j with a clear message and stores nothing', async (input, shortMessage, details) => {
    const { book, stored, onChange } = setup([{ address: BOB, name: 'Bob', addedAt: 1 }]);
    await expect(book.add(input)).rejects.toMatchObject({ shortMessage, details: expect.stringMatching(details) });
    expect(stored()).toEqual([{ address: BOB, name: 'Bob', addedAt: 1 }]);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('marks a bad address with the wallet’s address code, so a form can put it under the address field', async () => {
    const { book } = setup();
    await expect(book.add({ address: 'nope', name: 'x' })).rejects.toMatchObject({ code: 'wallet.address.invalid' });
    await expect(book.add({ address: ALICE, name: '' })).rejects.toMatchObject({ code: undefined });
  });

  it('renames a saved entry and replaces its note (empty removes it), keeping when it was added', async () => {
    const { book, stored } = setup([{ address: ALICE, name: 'Alice', note: 'old', addedAt: 5 }]);
    expect(await book.update({ address: ALICE, name: 'Alice B.', note: '' })).toEqual({
      address: ALICE,
      name: 'Alice B.',
      addedAt: 5,
      source: 'saved',
    });
    expect(stored()).toEqual([{ address: ALICE, name: 'Alice B.', addedAt: 5 }]);
    // Its own name in another case is not a clash with itself.
    await book.update({ address: ALICE, name: 'ALICE B.', note: 'x' });
    expect(stored()[0]).toMatchObject({ name: 'ALICE B.', note: 'x' });
  });

  it('refuses to rename or remove an own account (named from the account) or an unknown address', async () => {
    const { book } = setup([{ address: ALICE, name: 'Alice', addedAt: 5 }]);
    await expect(book.update({ address: OWN, name: 'Me' })).rejects.toMatchObject({ details: expect.stringMatching(/rename it on Home/) });
    await expect(book.remove(WATCHED)).rejects.toMatchObject({ details: expect.stringMatching(/stays in the address book/) });
    await expect(book.remove(BOB)).rejects.toMatchObject({ shortMessage: 'Not in the address book' });
    await expect(book.update({ address: ALICE, name: 'Cold Wallet' })).rejects.toMatchObject({ shortMessage: 'Name already used' });
  });

  it('removes a saved entry', async () => {
    const { book, stored, onChange } = setup([
      { address: ALICE, name: 'Alice', addedAt: 1 },
      { address: BOB, name: 'Bob', addedAt: 2 },
    ]);
    await expect(book.remove(ALICE.toLowerCase() as Address)).resolves.toBe(true);
    expect(stored()).toEqual([{ address: BOB, name: 'Bob', addedAt: 2 }]);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('shows a saved address that became an account under the account name, once', async () => {
    const { book } = setup([{ address: WATCHED, name: 'Old name', addedAt: 1 }]);
    const entries = await book.list();
    expect(entries.filter((e) => e.address === WATCHED)).toEqual([
      { address: WATCHED, name: 'Cold wallet', source: 'account', accountKind: 'watch' },
    ]);
  });

  it('two adds at the same moment both land (one write at a time)', async () => {
    const { book, stored } = setup();
    await Promise.all([book.add({ address: ALICE, name: 'Alice' }), book.add({ address: BOB, name: 'Bob' })]);
    expect(stored().map((e) => e.name)).toEqual(['Alice', 'Bob']);
  });

  it('refuses an entry past the limit', async () => {
    const full = Array.from({ length: ADDRESS_BOOK_MAX_ENTRIES }, (_, i) => ({
      address: `0x${(i + 1).toString(16).padStart(40, '0')}` as Address,
      name: `Entry ${i}`,
      addedAt: i,
    }));
    const { book } = setup(full);
    await expect(book.add({ address: ALICE, name: 'Alice' })).rejects.toMatchObject({ shortMessage: 'Address book is full' });
  });
});

describe('address book in storage: faults', () => {
  const KEY = 'ballast.addressBook';
  const good = { address: ALICE, name: 'Alice', addedAt: NOW };
  const service = () => createAddressBookService({ item: addressBookItem, accounts: async () => [], now: () => NOW });
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('a damaged entry is dropped alone; the others are kept', async () => {
    await fakeBrowser.storage.local.set({
      [KEY]: [
        { address: '0xnot-an-address', name: 'Broken', addedAt: NOW },
        good,
        { address: BOB, name: '', addedAt: NOW },
        { address: BOB, name: 'Bob\u202E', addedAt: NOW },
        { address: BOB, name: 'Bob', addedAt: 'yesterday' },
        42,
      ],
    });
    expect(await addressBookItem.getValue()).toEqual([good]);
    expect(await service().list()).toEqual([{ ...good, source: 'saved' }]);
  });

  it('an address stored lower-case reads checksummed; a repeated address keeps its first entry', async () => {
    await fakeBrowser.storage.local.set({
      [KEY]: [
        { ...good, address: ALICE.toLowerCase() },
        { ...good, name: 'Alice again' },
      ],
    });
    expect(await service().list()).toEqual([{ ...good, source: 'saved' }]);
  });

  it.each([
    ['wrong type', 42],
    ['truncated JSON', '[{"address":"0x3C44'],
    ['an object', { [ALICE]: good }],
  ])('a whole value of the %s reads as empty, and the next add starts a readable book', async (_name, bad) => {
    await fakeBrowser.storage.local.set({ [KEY]: bad });
    const book = service();
    expect(await book.list()).toEqual([]);
    await book.add({ address: BOB, name: 'Bob' });
    expect(await addressBookItem.getValue()).toEqual([{ address: BOB, name: 'Bob', addedAt: NOW }]);
  });

  it('what a save writes reads back exactly', async () => {
    const book = service();
    await book.add({ address: ALICE, name: 'Alice', note: 'rent' });
    const raw = (await fakeBrowser.storage.local.get(KEY))[KEY];
    expect(await addressBookItem.getValue()).toEqual(raw);
    expect(raw).toEqual([{ address: ALICE, name: 'Alice', note: 'rent', addedAt: NOW }]);
  });
});
