import { type Address, type Client } from 'viem';
import { looksLikeEnsName, resolveEnsName } from '../../chain/ens';
import { AppError } from '../../errors';
import { sameAddress } from '../../format';
import { readAddressInput } from '../../format/address-book-input';
import { checksumProblem } from '../../risk';
import type { AddressBookEntryView } from '../../wallet/address-book';

/** A recipient as the Send form shows it: the address, and where it came from (what the user typed). */
export type RecipientView = {
  address: Address;
  /** The ENS name typed (normalised), when it came from ENS. */
  ensName?: string;
  /** The own account or address-book entry of this address. */
  name?: string;
  source: 'address' | 'ens' | 'account' | 'saved';
};

const refuse = (code: 'send.recipient.empty' | 'send.recipient.invalid' | 'send.recipient.checksum', message: string, details: string) =>
  new AppError(message, { code, details });

/**
 * What the user typed in the recipient field: a 0x address (a mixed-case one must match its EIP-55 checksum),
 * an ENS name (resolved on the active network) or the exact name of an own account or address-book entry.
 */
export async function resolveRecipient(
  text: string,
  deps: { client: () => Promise<Client>; book: () => Promise<AddressBookEntryView[]> },
): Promise<RecipientView> {
  const input = text.trim();
  if (input === '')
    throw refuse('send.recipient.empty', 'Enter a recipient', 'An address (0x…), an ENS name (name.eth) or a name from your address book.');
  const book = await deps.book();
  const entryOf = (address: Address) => book.find((e) => sameAddress(e.address, address));
  if (/^0x/i.test(input)) {
    const problem = checksumProblem(input);
    if (problem)
      throw refuse('send.recipient.checksum', 'The address checksum does not match', `${problem}. Copy the address again from its source.`);
    const reading = readAddressInput(input);
    if (!reading.ok) throw refuse('send.recipient.invalid', 'Not an address', reading.message);
    const entry = entryOf(reading.value);
    return { address: reading.value, source: entry ? entry.source : 'address', ...(entry ? { name: entry.name } : {}) };
  }
  const named = book.find((e) => e.name.localeCompare(input, undefined, { sensitivity: 'accent' }) === 0);
  if (named) return { address: named.address, name: named.name, source: named.source };
  if (looksLikeEnsName(input)) {
    const { name, address } = await resolveEnsName(await deps.client(), input);
    const entry = entryOf(address);
    return { address, ensName: name, source: 'ens', ...(entry ? { name: entry.name } : {}) };
  }
  throw refuse(
    'send.recipient.invalid',
    'Unknown recipient',
    `"${input.slice(0, 40)}" is not an address, an ENS name (name.eth) or a name in your address book.`,
  );
}
