import { useState } from 'react';
import { addressBookStore, removeAddressBookEntry, type AddressBookEntryView } from '../../../lib/state/address-book';
import { Badge, Button, Dialog, EmptyState, InlineError, shortAddress } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { ResourceView } from '../ResourceView';
import { EntryDialog } from './EntryDialog';

const kindBadge = { hd: undefined, imported: 'Imported', watch: 'Watch-only', ledger: 'Ledger', keystone: 'Keystone' } as const;

function EntryText({ entry }: { entry: AddressBookEntryView }) {
  const badge = entry.source === 'account' ? (entry.accountKind ? kindBadge[entry.accountKind] : undefined) : undefined;
  return (
    <div className="flex min-w-0 flex-1 flex-col">
      <span className="flex items-center gap-1.5 text-sm font-medium">
        <span className="truncate" data-testid="book-entry-name">
          {entry.name}
        </span>
        {badge && <Badge tone="info">{badge}</Badge>}
      </span>
      <span className="font-mono text-xs text-ink-muted" title={entry.address}>
        {shortAddress(entry.address)}
      </span>
      {entry.note && <span className="truncate text-xs text-ink-muted">{entry.note}</span>}
    </div>
  );
}

/** Names for addresses: the wallet's accounts (by their account names) and the entries the user saved. */
export function AddressBookScreen({ onBack }: { onBack: () => void }) {
  const book = useResource(addressBookStore);
  const [dialog, setDialog] = useState<{ editing?: AddressBookEntryView }>();
  const [removing, setRemoving] = useState<AddressBookEntryView>();
  const remove = useAction(async (entry: AddressBookEntryView) => {
    await removeAddressBookEntry(entry.address);
    setRemoving(undefined);
  });
  const entries = book.data ?? [];

  return (
    <Screen
      title="Address book"
      onBack={onBack}
      actions={
        <Button size="sm" onClick={() => setDialog({})}>
          Add
        </Button>
      }
    >
      <ResourceView resource={book} what="the address book">
        {(list) => {
          const own = list.filter((e) => e.source === 'account');
          const saved = list.filter((e) => e.source === 'saved');
          return (
            <div className="flex flex-col gap-4">
              <section aria-labelledby="book-saved" className="flex flex-col gap-1.5">
                <h2 id="book-saved" className="text-sm font-semibold">
                  Saved addresses
                </h2>
                {saved.length === 0 ? (
                  <EmptyState title="No saved addresses">
                    Name an address you send to, and the name shows wherever that address appears: approvals, previews, Activity.
                  </EmptyState>
                ) : (
                  <ul className="flex flex-col gap-1.5" data-testid="book-saved">
                    {saved.map((entry) => (
                      <li key={entry.address} className="flex items-center gap-2 rounded-lg border border-line p-2">
                        <EntryText entry={entry} />
                        <Button size="sm" variant="ghost" aria-label={`Edit ${entry.name}`} onClick={() => setDialog({ editing: entry })}>
                          Edit
                        </Button>
                        <Button size="sm" variant="ghost" aria-label={`Remove ${entry.name}`} onClick={() => setRemoving(entry)}>
                          Remove
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <section aria-labelledby="book-own" className="flex flex-col gap-1.5">
                <h2 id="book-own" className="text-sm font-semibold">
                  Your accounts
                </h2>
                <p className="text-xs text-ink-muted">In the address book by their account names. Rename them on Home.</p>
                <ul className="flex flex-col gap-1.5" data-testid="book-own">
                  {own.map((entry) => (
                    <li key={entry.address} className="flex items-center gap-2 rounded-lg border border-line p-2">
                      <EntryText entry={entry} />
                    </li>
                  ))}
                </ul>
              </section>
            </div>
          );
        }}
      </ResourceView>
      <EntryDialog open={!!dialog} editing={dialog?.editing} book={entries} onClose={() => setDialog(undefined)} />
      <Dialog open={!!removing} title="Remove this address?" onClose={() => setRemoving(undefined)}>
        {removing && (
          <div className="flex flex-col gap-3">
            <p className="text-sm">
              <strong>{removing.name}</strong> <span className="break-all font-mono text-xs">{removing.address}</span>
            </p>
            <p className="text-xs text-ink-muted">Its name stops showing next to this address. Nothing on chain changes.</p>
            <InlineError error={remove.error} />
            <div className="flex justify-end gap-2">
              <Button variant="secondary" onClick={() => setRemoving(undefined)}>
                Cancel
              </Button>
              <Button variant="danger" loading={remove.loading} onClick={() => void remove.run(removing)}>
                Remove
              </Button>
            </div>
          </div>
        )}
      </Dialog>
    </Screen>
  );
}
