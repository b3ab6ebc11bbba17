import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../lib/state';
import { Button, InlineError, Input } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';

export const addressPattern = /^0x[0-9a-fA-F]{40}$/;

/** Adds an address Ballast tracks but never signs for. Used in onboarding and from the accounts screen. */
export function WatchAddress({ onDone, onBack }: { onDone: () => void; onBack: () => void }) {
  const [address, setAddress] = useState('');
  const [name, setName] = useState('');
  const [addressError, setAddressError] = useState<string>();
  const watch = useAction((a: string, n: string) => call('wallet:addWatchOnly', { address: a, name: n || undefined }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = address.trim();
    const error = addressPattern.test(trimmed) ? undefined : 'An address is 0x followed by 40 hex digits.';
    setAddressError(error);
    if (error) return;
    if (await watch.run(trimmed, name.trim())) onDone();
  };

  return (
    <Screen title="Watch an address" onBack={onBack}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <p className="text-xs text-ink-muted">Ballast tracks its positions and risk. It cannot sign for it.</p>
        <Input
          label="Address"
          name="watch-address"
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={addressError}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
        />
        <Input label="Name (optional)" name="watch-name" value={name} onChange={(e) => setName(e.target.value)} />
        <InlineError error={watch.error} />
        <Button type="submit" block loading={watch.loading}>
          Watch address
        </Button>
      </form>
    </Screen>
  );
}
