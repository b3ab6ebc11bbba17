import { useState } from 'react';
import { openLedgerTransport } from '../../lib/hardware/ledger-transport';
import { DERIVATION_SCHEMES, type DerivationScheme } from '../../lib/hardware/derivation';
import { readLedgerAccounts } from '../../lib/hardware/ledger-device';
import { call, toErrorView, type ErrorView } from '../../lib/state';
import { Button, Card, InlineError, Select } from '../ui';
import { AccountRows, useAccountPicker } from './AccountPicker';

const SCHEME_LABELS: Record<DerivationScheme, string> = {
  'ledger-live': "Ledger Live (m/44'/60'/x'/0/0)",
  legacy: "Legacy (m/44'/60'/0'/x)",
  bip44: "BIP-44 (m/44'/60'/0'/0/x)",
};
const PAGE = 5;

/**
 * Import accounts from a Ledger: pick the scheme, connect (the browser asks which device, so this needs the click),
 * read five addresses at a time (nothing is shown on the device), tick the ones to add. Only addresses and paths are
 * stored; the keys stay on the device.
 */
export function LedgerImport() {
  const [scheme, setScheme] = useState<DerivationScheme>('ledger-live');
  const [start, setStart] = useState(0);
  const picker = useAccountPicker();
  const accounts = picker.accounts;
  const [busy, setBusy] = useState<'reading' | 'adding'>();
  const [error, setError] = useState<ErrorView>();
  const [added, setAdded] = useState<number>();

  async function read(from: number, which = scheme) {
    setBusy('reading');
    setError(undefined);
    try {
      picker.setAccounts(await readLedgerAccounts(openLedgerTransport, { scheme: which, start: from, count: PAGE }));
      setStart(from);
    } catch (caught) {
      setError(toErrorView(caught));
    } finally {
      setBusy(undefined);
    }
  }

  async function add() {
    const chosen = picker.chosen();
    setBusy('adding');
    setError(undefined);
    try {
      const done = await call('accounts:addHardware', {
        device: 'ledger',
        accounts: chosen.map(({ address, path }) => ({ address, path })),
      });
      setAdded(done.length);
      picker.clearPicked();
    } catch (caught) {
      setError(toErrorView(caught));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <Card>
      <div className="flex flex-col gap-3">
        <h1 className="text-base font-semibold">Connect a Ledger</h1>
        <p className="text-xs text-ink-muted">
          Plug in the Ledger, unlock it and open the Ethereum app. Ballast stores the addresses you pick and their paths; the keys never
          leave the device.
        </p>
        <Select
          label="Derivation path"
          value={scheme}
          options={DERIVATION_SCHEMES.map((s) => ({ value: s, label: SCHEME_LABELS[s] }))}
          onChange={(e) => {
            const next = e.target.value as DerivationScheme;
            setScheme(next);
            if (accounts) void read(0, next);
          }}
        />
        <Button onClick={() => void read(start)} loading={busy === 'reading'} disabled={busy !== undefined}>
          {accounts ? 'Read again' : 'Connect Ledger'}
        </Button>
        <InlineError error={error} />
        {accounts && (
          <fieldset className="flex flex-col gap-1" aria-label="Accounts on this Ledger">
            <AccountRows picker={picker} device="Ledger" />
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={start === 0 || busy !== undefined} onClick={() => void read(start - PAGE)}>
                Previous
              </Button>
              <Button variant="secondary" size="sm" disabled={busy !== undefined} onClick={() => void read(start + PAGE)}>
                Next
              </Button>
            </div>
          </fieldset>
        )}
        {accounts && (
          <Button onClick={() => void add()} loading={busy === 'adding'} disabled={picker.picked.size === 0 || busy !== undefined}>
            Add {picker.picked.size || ''} account{picker.picked.size === 1 ? '' : 's'}
          </Button>
        )}
        {added !== undefined && (
          <p role="status" className="text-sm">
            Added {added} Ledger account{added === 1 ? '' : 's'}. They appear in the popup; you can close this tab.
          </p>
        )}
      </div>
    </Card>
  );
}
