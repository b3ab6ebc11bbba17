import { useState } from 'react';
import { openLedgerTransport } from '../../lib/hardware/ledger-transport';
import { DERIVATION_SCHEMES, type DerivationScheme } from '../../lib/hardware/derivation';
import { readLedgerAccounts, type LedgerAccount } from '../../lib/hardware/ledger-device';
import { call, toErrorView, type ErrorView } from '../../lib/state';
import { formatEth } from '../../lib/format';
import type { EthBalanceRead } from '../../lib/balances/read';
import { Address, Button, Card, InlineError, Select, cx, focusRing } from '../ui';

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
  const [accounts, setAccounts] = useState<LedgerAccount[]>();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<'reading' | 'adding'>();
  const [error, setError] = useState<ErrorView>();
  const [added, setAdded] = useState<number>();
  // Balances help pick the accounts that hold funds; they are read after the addresses, and their failure is shown per row.
  const [balances, setBalances] = useState<ReadonlyMap<string, EthBalanceRead | { error: string }>>(new Map());

  async function read(from: number, which = scheme) {
    setBusy('reading');
    setError(undefined);
    try {
      const read = await readLedgerAccounts(openLedgerTransport, { scheme: which, start: from, count: PAGE });
      setAccounts(read);
      setStart(from);
      setBalances(new Map());
      void call('balances:ethOf', { addresses: read.map((a) => a.address) }).then(
        (rows) => setBalances(new Map(rows.map((r) => [r.address, r]))),
        (caught: unknown) => setBalances(new Map(read.map((a) => [a.address, { error: toErrorView(caught).message }]))),
      );
    } catch (caught) {
      setError(toErrorView(caught));
    } finally {
      setBusy(undefined);
    }
  }

  async function add() {
    const chosen = (accounts ?? []).filter((a) => picked.has(a.path));
    setBusy('adding');
    setError(undefined);
    try {
      const done = await call('accounts:addHardware', {
        device: 'ledger',
        accounts: chosen.map(({ address, path }) => ({ address, path })),
      });
      setAdded(done.length);
      setPicked(new Set());
    } catch (caught) {
      setError(toErrorView(caught));
    } finally {
      setBusy(undefined);
    }
  }

  const toggle = (path: string) =>
    setPicked((now) => {
      const next = new Set(now);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

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
            {accounts.map((a) => (
              <label key={a.path} className={cx('flex items-center gap-2 rounded-md border border-line p-2 text-sm', focusRing)}>
                <input
                  type="checkbox"
                  checked={picked.has(a.path)}
                  onChange={() => toggle(a.path)}
                  aria-label={`Account ${a.index + 1}, ${a.address}`}
                />
                <span className="w-6 text-ink-muted">{a.index + 1}</span>
                <Address address={a.address} copy={false} named={false} />
                <BalanceText read={balances.get(a.address)} />
                <span className="ml-auto font-mono text-xs text-ink-muted">{a.path}</span>
              </label>
            ))}
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
          <Button onClick={() => void add()} loading={busy === 'adding'} disabled={picked.size === 0 || busy !== undefined}>
            Add {picked.size || ''} account{picked.size === 1 ? '' : 's'}
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

function BalanceText({ read }: { read: EthBalanceRead | { error: string } | undefined }) {
  if (!read) return <span className="text-xs text-ink-muted">reading balance…</span>;
  if ('wei' in read && read.wei !== undefined)
    return (
      <span className="text-xs" data-testid="ledger-balance">
        {formatEth(BigInt(read.wei))}
      </span>
    );
  return (
    <span className="text-xs text-warn" title={read.error}>
      balance unavailable
    </span>
  );
}
