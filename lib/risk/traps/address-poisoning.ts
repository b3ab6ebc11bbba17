import type { Address } from 'viem';
import type { RiskFlag } from '../flag';

/**
 * Address poisoning: a scammer sends dust (or a zero-value token transfer) from an address made to share the
 * first and last characters of one the victim uses, so it lands in their history; a victim who copies "the
 * same" address from there sends to the scammer. Wallets show addresses shortened to exactly those characters
 * (0x1234…abcd), which is why these two counts: 4 hex characters after 0x and the last 4.
 */
export const POISON_PREFIX_CHARS = 4;
export const POISON_SUFFIX_CHARS = 4;

/** An address the user knows: an own account, a saved address-book entry, or one they sent to (Activity). */
export type KnownAddress = { address: Address; name?: string; source: 'account' | 'saved' | 'sent' };

const hex = (address: string) => address.toLowerCase().replace(/^0x/, '');

/** The head…tail a shortened address shows, lower case: what a lookalike copies. */
export const visibleEnds = (address: string) => {
  const digits = hex(address);
  return `${digits.slice(0, POISON_PREFIX_CHARS)}…${digits.slice(-POISON_SUFFIX_CHARS)}`;
};

/**
 * The known addresses `recipient` imitates: same first 4 and last 4 hex characters (case-insensitive), a
 * different address. Each lookalike once, names first (a name says more than "an address you sent to").
 */
export function lookalikesOf(recipient: Address, known: readonly KnownAddress[]): KnownAddress[] {
  const target = hex(recipient);
  const ends = visibleEnds(recipient);
  const seen = new Map<string, KnownAddress>();
  for (const k of known) {
    const key = hex(k.address);
    if (key === target || visibleEnds(k.address) !== ends) continue;
    const before = seen.get(key);
    if (!before || (!before.name && k.name)) seen.set(key, k);
  }
  return [...seen.values()];
}

const describe = (k: KnownAddress) =>
  k.source === 'account'
    ? `your account "${k.name ?? k.address}"`
    : k.source === 'saved'
      ? `"${k.name ?? k.address}" in your address book`
      : `an address you sent to before`;

/** Danger: the recipient looks like a known address but is not it. */
export function addressPoisoningFlags(recipient: Address, known: readonly KnownAddress[]): RiskFlag[] {
  return lookalikesOf(recipient, known).map((k) => ({
    id: 'recipient.poisoning',
    severity: 'danger',
    title: `Looks like ${describe(k)}, but is a different address`,
    numbers: { recipient, lookalike: k.address, ...(k.name ? { name: k.name } : {}) },
    why: `It shares the first and last characters (${visibleEnds(recipient)}) with ${k.address} but differs in between: the trick of address poisoning, where a scammer plants a lookalike in your history. Compare every character, or pick the recipient from your address book.`,
  }));
}
