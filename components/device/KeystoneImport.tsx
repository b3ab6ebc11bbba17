import { useRef, useState } from 'react';
import type { DerivationScheme } from '../../lib/hardware/derivation';
import { keystoneAccountCount, keystoneAccounts, keystoneSyncReader, type KeystoneSync } from '../../lib/hardware/keystone/sync';
import { call, toErrorView, type ErrorView } from '../../lib/state';
import { Button, Card, InlineError, Select } from '../ui';
import { AccountRows, useAccountPicker } from './AccountPicker';
import { QrScanner } from './QrScanner';

const PAGE = 5;
const SCHEME_LABELS: Record<DerivationScheme, string> = {
  bip44: "BIP-44 standard (m/44'/60'/0'/0/x)",
  'ledger-live': "Ledger Live (m/44'/60'/x'/0/0)",
  legacy: "Ledger legacy (m/44'/60'/0'/x)",
};
/** Stored paths are written as hw-app-eth takes them, without `m/` (the schema's form for every device). */
const storedPath = (path: string) => path.replace(/^m\//, '');

/**
 * Sync a Keystone: on the device, "Connect software wallet" shows its account keys as a QR code (BIP-44 standard, Ledger
 * legacy, or a multi-account code with Ledger Live's keys); the camera reads it here, addresses come from those keys
 * without the device, and the ticked ones are added with the device's fingerprint (every sign request names it). A
 * code with several schemes offers each. No secret is read or stored.
 */
export function KeystoneImport() {
  const picker = useAccountPicker();
  const [sync, setSync] = useState<KeystoneSync>();
  const [scanning, setScanning] = useState(false);
  const [progress, setProgress] = useState<string>();
  const [error, setError] = useState<ErrorView>();
  const [added, setAdded] = useState<number>();
  const [start, setStart] = useState(0);
  const [scheme, setScheme] = useState<DerivationScheme>();
  const reader = useRef(keystoneSyncReader());

  function show(from: number, key = sync, which = scheme) {
    if (!key) return;
    picker.setAccounts(keystoneAccounts(key, from, PAGE, which).map((a) => ({ ...a, path: storedPath(a.path) })));
    setStart(from);
  }

  function scanned(text: string): boolean {
    try {
      const complete = reader.current.receive(text);
      setProgress(complete ? 'Sync code read.' : `Reading the sync code: ${Math.round(reader.current.progress() * 100)} %`);
      if (!complete) return false;
      const key = reader.current.result();
      const first = key.keysets[0]!.scheme;
      setSync(key);
      setScheme(first);
      setScanning(false);
      show(0, key, first);
      return true;
    } catch (caught) {
      setError(toErrorView(caught));
      reader.current = keystoneSyncReader();
      setScanning(false);
      return true;
    }
  }

  async function add() {
    if (!sync) return;
    setError(undefined);
    try {
      const chosen = picker.chosen().map(({ address, path }) => ({ address, path, xfp: sync.xfp }));
      setAdded((await call('accounts:addHardware', { device: 'keystone', accounts: chosen })).length);
      picker.clearPicked();
    } catch (caught) {
      setError(toErrorView(caught));
    }
  }

  return (
    <Card>
      <div className="flex flex-col gap-3">
        <h1 className="text-base font-semibold">Sync a Keystone</h1>
        <p className="text-xs text-ink-muted">
          On the Keystone open “Connect software wallet”, pick MetaMask (BIP-44 standard, Ledger Live or Ledger legacy) and hold its QR code
          to the camera. Ballast reads the account keys and the device fingerprint; the private keys stay on the device.
        </p>
        {scanning ? (
          <QrScanner label="Camera: hold the Keystone's sync QR code in view" onText={scanned} progress={progress} />
        ) : (
          <Button
            onClick={() => {
              setError(undefined);
              setScanning(true);
            }}
          >
            {sync ? 'Scan again' : 'Scan the sync code'}
          </Button>
        )}
        <InlineError error={error} />
        {sync && scheme && sync.keysets.length > 1 && (
          <Select
            label="Derivation path"
            value={scheme}
            options={sync.keysets.map((k) => ({ value: k.scheme, label: SCHEME_LABELS[k.scheme] }))}
            onChange={(e) => {
              const next = e.target.value as DerivationScheme;
              setScheme(next);
              show(0, sync, next);
            }}
          />
        )}
        {picker.accounts && (
          <fieldset className="flex flex-col gap-1" aria-label="Accounts on this Keystone">
            <AccountRows picker={picker} device="Keystone" />
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" disabled={start === 0} onClick={() => show(start - PAGE)}>
                Previous
              </Button>
              <Button
                variant="secondary"
                size="sm"
                disabled={!sync || !scheme || start + PAGE >= keystoneAccountCount(sync, scheme)}
                onClick={() => show(start + PAGE)}
              >
                Next
              </Button>
            </div>
          </fieldset>
        )}
        {picker.accounts && (
          <Button onClick={() => void add()} disabled={picker.picked.size === 0}>
            Add {picker.picked.size || ''} account{picker.picked.size === 1 ? '' : 's'}
          </Button>
        )}
        {added !== undefined && (
          <p role="status" className="text-sm">
            Added {added} Keystone account{added === 1 ? '' : 's'}. They appear in the popup; you can close this tab.
          </p>
        )}
      </div>
    </Card>
  );
}
