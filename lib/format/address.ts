import { isAddress, isAddressEqual } from 'viem';

/** 0xf39F…2266: the first 4 and last 4 hex digits, as wallets and explorers show them. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/**
 * viem's isAddressEqual (case-insensitive, checksum not required), but false instead of a throw when
 * either side is missing or not a 20-byte hex address: a dApp's parameter, a message field, an optional
 * value. Where both sides are known addresses, call isAddressEqual itself.
 */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || !isAddress(a, { strict: false }) || !isAddress(b, { strict: false })) return false;
  return isAddressEqual(a, b);
}
