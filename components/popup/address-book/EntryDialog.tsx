import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { addAddressBookEntry, updateAddressBookEntry, type AddressBookEntryView } from '../../../lib/state/address-book';
import { AppError } from '../../../lib/errors';
import { Address, Button, Dialog, InlineError, Input } from '../../ui';
import { useAction } from '../../hooks/use-action';
import { checkEntryForm, type EntryFormErrors, type EntryFormValues } from './entry-form';

const EMPTY: EntryFormValues = { address: '', name: '', note: '' };

/** Adds an entry (editing undefined) or renames a saved one and edits its note. */
export function EntryDialog({
  open,
  editing,
  book,
  onClose,
}: {
  open: boolean;
  editing?: AddressBookEntryView;
  book: AddressBookEntryView[];
  onClose: () => void;
}) {
  const [values, setValues] = useState<EntryFormValues>(EMPTY);
  const [errors, setErrors] = useState<EntryFormErrors>({});
  useEffect(() => {
    setValues(editing ? { address: editing.address, name: editing.name, note: editing.note ?? '' } : EMPTY);
    setErrors({});
  }, [open, editing]);
  const save = useAction(async (v: EntryFormValues) => {
    const note = v.note.trim() || undefined;
    try {
      return editing
        ? await updateAddressBookEntry({ address: editing.address, name: v.name, note })
        : await addAddressBookEntry({ address: v.address, name: v.name, note });
    } catch (error) {
      // The background's address message belongs under the address field; anything else shows under the form.
      if (error instanceof AppError && error.code === 'wallet.address.invalid' && !editing) {
        setErrors({ address: error.details ?? error.shortMessage });
        return undefined;
      }
      throw error;
    }
  });
  const set = (field: keyof EntryFormValues) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkEntryForm(values, book, editing);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (await save.run(values)) onClose();
  };

  return (
    <Dialog open={open} title={editing ? 'Edit entry' : 'Add an address'} onClose={onClose}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        {editing ? (
          <Address address={editing.address} named={false} />
        ) : (
          <Input
            label="Address"
            name="book-address"
            value={values.address}
            onChange={set('address')}
            error={errors.address}
            autoComplete="off"
            spellCheck={false}
            className="font-mono"
          />
        )}
        <Input label="Name" name="book-name" value={values.name} onChange={set('name')} error={errors.name} autoComplete="off" />
        <Input label="Note (optional)" name="book-note" value={values.note} onChange={set('note')} error={errors.note} autoComplete="off" />
        <InlineError error={save.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.loading}>
            {editing ? 'Save' : 'Add'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
