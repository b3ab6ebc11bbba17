import { getAddress, type Address } from 'viem';
import { z } from 'zod';
import { readEntryName, readEntryNote } from '../format/address-book-input';
import { defineCheckedItem } from './checked-item';
import { addressSchema, salvagedArray } from './schemas';

/** A name the user gave an address. The wallet's own accounts are not stored here: they are read from the accounts. */
export type StoredAddressBookEntry = { address: Address; name: string; note?: string; addedAt: number };

/** Stored values are held to the rules the form applies, so a value edited outside Ballast is no looser than a typed one. */
const storedEntrySchema = z.object({
  address: addressSchema.transform((a) => getAddress(a)),
  name: z.string().refine((v) => readEntryName(v).ok && v === v.trim(), 'not a valid name'),
  note: z
    .string()
    .refine((v) => readEntryNote(v).ok && v === v.trim() && v !== '', 'not a valid note')
    .optional(),
  addedAt: z.number().int().nonnegative(),
});

/** Each entry stands alone: a damaged one is dropped and the others are kept. */
export const addressBookSchema = salvagedArray(storedEntrySchema);

/**
 * The address book. An unreadable whole (not a list) reads as empty: names are the user's to retype, and no
 * funds or keys depend on them; the bytes stay until the next save.
 */
export const addressBookItem = defineCheckedItem<StoredAddressBookEntry[]>('local:ballast.addressBook', {
  label: 'address book',
  schema: addressBookSchema,
  fallback: [],
  version: 1,
  onCorrupt: 'reset',
});
