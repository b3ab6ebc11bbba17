import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { AccountView } from '../../../lib/messaging/types';
import { call } from '../../../lib/state';
import { Address, Button, Dialog, InlineError, Input, Toggle } from '../../ui';
import { useAction } from '../../hooks/use-action';

/** Rename an account, or hide it from the list (a hidden account keeps its keys and positions). */
export function EditAccountDialog({ account, onClose }: { account?: AccountView; onClose: () => void }) {
  const [name, setName] = useState('');
  const [hidden, setHidden] = useState(false);
  useEffect(() => {
    setName(account?.name ?? '');
    setHidden(account?.hidden ?? false);
  }, [account]);
  const save = useAction(async (a: AccountView, nextName: string, nextHidden: boolean) => {
    if (nextName.trim() !== a.name) await call('accounts:rename', { address: a.address, name: nextName.trim() });
    if (nextHidden !== a.hidden) await call('accounts:setHidden', { address: a.address, hidden: nextHidden });
    return true;
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (account && (await save.run(account, name, hidden))) onClose();
  };
  return (
    <Dialog open={!!account} title="Edit account" onClose={onClose}>
      {account && (
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <Address address={account.address} named={false} />
          <Input
            label="Name"
            name="account-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={name.trim() ? undefined : 'Give the account a name.'}
          />
          <Toggle
            label="Hide this account"
            description="Hidden accounts stay in the wallet but leave the list."
            checked={hidden}
            onChange={setHidden}
          />
          <InlineError error={save.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.loading} disabled={!name.trim()}>
              Save
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
