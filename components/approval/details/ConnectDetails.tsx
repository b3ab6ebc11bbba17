import type { Address as Hex } from 'viem';
import type { AccountView } from '../../../lib/messaging/types';
import { Badge, focusRing, cx } from '../../ui';

/** Which accounts the site may see. Watch-only accounts cannot sign, so they are not offered. */
export function ConnectDetails({
  accounts,
  chosen,
  onChange,
}: {
  accounts: AccountView[];
  chosen: Hex[];
  onChange: (next: Hex[]) => void;
}) {
  const offered = accounts.filter((a) => a.kind !== 'watch' && !a.hidden);
  return (
    <fieldset className="flex flex-col gap-1.5">
      <legend className="mb-1 text-xs text-ink-muted">Accounts this site will see (its address, balances and activity):</legend>
      {offered.map((a) => {
        const checked = chosen.includes(a.address);
        return (
          <label
            key={a.address}
            className={cx('flex cursor-pointer items-center gap-2 rounded-md border p-2 text-sm', checked ? 'border-brand' : 'border-line')}
          >
            <input
              type="checkbox"
              checked={checked}
              onChange={() => onChange(checked ? chosen.filter((x) => x !== a.address) : [...chosen, a.address])}
              className={cx('size-4 accent-brand', focusRing)}
            />
            <span className="flex-1">{a.name}</span>
            {a.kind === 'imported' && <Badge>Imported</Badge>}
            <span className="font-mono text-xs text-ink-muted" title={a.address}>
              {a.address.slice(0, 6)}…{a.address.slice(-4)}
            </span>
          </label>
        );
      })}
      {offered.length === 0 && <p className="text-xs text-danger">No account can connect: add or import an account that holds a key.</p>}
    </fieldset>
  );
}
