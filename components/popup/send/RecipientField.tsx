import { useEffect, useId, useState } from 'react';
import type { AddressBookEntryView } from '../../../lib/state/address-book';
import type { RecipientView } from '../../../lib/provider/send/recipient';
import { call, toErrorView, type ErrorView } from '../../../lib/state';
import { Input } from '../../ui';

export type RecipientState =
  { status: 'empty' } | { status: 'checking' } | { status: 'ok'; view: RecipientView } | { status: 'error'; error: ErrorView };

/** How long typing pauses before the recipient is looked up (an ENS name asks the RPC). */
const LOOKUP_DELAY_MS = 350;

/**
 * The recipient: a 0x address, an ENS name, or the name of an own account or address-book entry (suggested as
 * the user types). The background resolves it and the field shows the address it will go to, with its name.
 */
export function RecipientField({
  value,
  onChange,
  entries,
  state,
  onState,
}: {
  value: string;
  onChange: (text: string) => void;
  entries: readonly AddressBookEntryView[];
  state: RecipientState;
  onState: (state: RecipientState) => void;
}) {
  const listId = useId();
  const [asked, setAsked] = useState('');
  useEffect(() => {
    const text = value.trim();
    if (text === '') {
      onState({ status: 'empty' });
      return;
    }
    onState({ status: 'checking' });
    let live = true;
    const timer = setTimeout(() => {
      setAsked(text);
      call('send:resolve', { to: text }).then(
        (view) => live && onState({ status: 'ok', view }),
        (error: unknown) => live && onState({ status: 'error', error: toErrorView(error) }),
      );
    }, LOOKUP_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // onState is the parent's setter; a new one each render must not re-run the lookup.
  }, [value]);

  const error = state.status === 'error' ? [state.error.message, state.error.details].filter(Boolean).join(': ') : undefined;
  return (
    <div className="flex flex-col gap-1">
      <Input
        label="Recipient"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        list={listId}
        placeholder="0x…, name.eth or a saved name"
        autoComplete="off"
        spellCheck={false}
        error={error}
        data-testid="send-recipient"
      />
      <datalist id={listId}>
        {entries.map((e) => (
          <option key={e.address} value={e.name}>
            {e.source === 'account' ? 'Your account' : 'Address book'} · {e.address}
          </option>
        ))}
      </datalist>
      <div aria-live="polite" className="min-h-9 text-xs" data-testid="send-recipient-resolved">
        {state.status === 'checking' && <p className="text-ink-muted">Looking up {asked || value.trim()}…</p>}
        {state.status === 'ok' && (
          <p className="rounded-md border border-line px-2 py-1">
            <span className="font-semibold">{state.view.name ?? state.view.ensName ?? 'Address'}</span>
            {state.view.ensName && state.view.name && <span className="text-ink-muted"> ({state.view.ensName})</span>}
            <span className="block break-all font-mono text-ink" data-testid="send-recipient-address">
              {state.view.address}
            </span>
          </p>
        )}
      </div>
    </div>
  );
}
