import { useState } from 'react';
import type { Address as Hex } from 'viem';
import type { AccountView } from '../../../lib/messaging/types';
import { call } from '../../../lib/state';
import { Badge, Button, InlineError, cx, focusRing } from '../../ui';
import { useAction } from '../../hooks/use-action';
import { EditAccountDialog } from './EditAccountDialog';

export function AccountList({ accounts, selectedAddress }: { accounts: AccountView[]; selectedAddress?: Hex }) {
  const [showHidden, setShowHidden] = useState(false);
  const [editing, setEditing] = useState<AccountView>();
  const select = useAction((address: Hex) => call('accounts:select', { address }));
  const hiddenCount = accounts.filter((a) => a.hidden).length;
  const shown = accounts.filter((a) => showHidden || !a.hidden);

  return (
    <section aria-labelledby="accounts-heading" className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h2 id="accounts-heading" className="text-sm font-semibold">
          Accounts
        </h2>
        {hiddenCount > 0 && (
          <Button size="sm" variant="ghost" onClick={() => setShowHidden((v) => !v)}>
            {showHidden ? 'Hide hidden' : `Show hidden (${hiddenCount})`}
          </Button>
        )}
      </div>
      <InlineError error={select.error} />
      <ul className="flex flex-col gap-1.5" data-testid="account-list">
        {shown.map((account) => {
          const isSelected = account.address === selectedAddress;
          return (
            <li
              key={account.address}
              className={cx('flex items-center gap-2 rounded-lg border p-2', isSelected ? 'border-brand' : 'border-line')}
            >
              <button
                type="button"
                aria-pressed={isSelected}
                onClick={() => void select.run(account.address)}
                className={cx('flex min-w-0 flex-1 flex-col items-start rounded text-left', focusRing)}
              >
                <span className="flex items-center gap-1.5 text-sm font-medium">
                  {account.name}
                  {account.kind === 'watch' && <Badge tone="info">Watch-only</Badge>}
                  {account.kind === 'imported' && <Badge>Imported</Badge>}
                  {account.kind === 'ledger' && <Badge>Ledger</Badge>}
                  {account.kind === 'keystone' && <Badge>Keystone</Badge>}
                  {account.hidden && <Badge tone="warn">Hidden</Badge>}
                </span>
                <span className="font-mono text-xs text-ink-muted" data-testid="account-address" title={account.address}>
                  {account.address.slice(0, 6)}…{account.address.slice(-4)}
                </span>
              </button>
              <Button size="sm" variant="ghost" aria-label={`Edit ${account.name}`} onClick={() => setEditing(account)}>
                Edit
              </Button>
            </li>
          );
        })}
      </ul>
      <EditAccountDialog account={editing} onClose={() => setEditing(undefined)} />
    </section>
  );
}
