import { sameAddress } from '../../../lib/format';
import { readAddressInput, readEntryName, readEntryNote, type AddressBookEntryView } from '../../../lib/state/address-book';

export type EntryFormValues = { address: string; name: string; note: string };
export type EntryFormErrors = Partial<Record<keyof EntryFormValues, string>>;

const sameName = (a: string, b: string) => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/**
 * The form's own check, before anything is sent: the background's rules (lib/format) plus the duplicates the
 * list on screen already shows. The background checks again and has the last word.
 */
export function checkEntryForm(values: EntryFormValues, book: AddressBookEntryView[], editing?: AddressBookEntryView): EntryFormErrors {
  const errors: EntryFormErrors = {};
  const address = editing ? { ok: true as const, value: editing.address } : readAddressInput(values.address);
  if (!address.ok) errors.address = address.message;
  else if (!editing) {
    const existing = book.find((e) => sameAddress(e.address, address.value));
    if (existing) {
      errors.address = existing.source === 'account' ? `This is your account "${existing.name}".` : `Already saved as "${existing.name}".`;
    }
  }
  const name = readEntryName(values.name);
  if (!name.ok) errors.name = name.message;
  else {
    const clash = book.find((e) => sameName(e.name, name.value) && !sameAddress(e.address, editing?.address));
    if (clash)
      errors.name = `"${clash.name}" is already ${clash.source === 'account' ? 'one of your accounts' : 'in the address book'}. Pick another name.`;
  }
  const note = readEntryNote(values.note);
  if (!note.ok) errors.note = note.message;
  return errors;
}
