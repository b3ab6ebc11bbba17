import { isAddress, isAddressEqual } from 'viem';

/**
 * viem's isAddressEqual (case-insensitive, checksum not required), but false instead of a throw when
 * either side is missing or not a 20-byte hex address: a dApp's parameter, a message field, an optional
 * value. Where both sides are known addresses, call isAddressEqual itself.
 */
export function sameAddress(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || !isAddress(a, { strict: false }) || !isAddress(b, { strict: false })) return false;
  return isAddressEqual(a, b);
}
