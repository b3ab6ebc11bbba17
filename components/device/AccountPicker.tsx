import { useState } from 'react';
import type { Address as AddressType } from 'viem';
import type { EthBalanceRead } from '../../lib/balances/read';
import { formatEth } from '../../lib/format';
import { call, toErrorView } from '../../lib/state';
import { Address, cx, focusRing } from '../ui';

export type DeviceAccount = { address: AddressType; path: string; index: number };
type BalanceRow = EthBalanceRead | { error: string };

/**
 * The accounts a device offers, with their ETH (read after the addresses; a failed read says so per row), and the
 * ones the person ticked. Shared by the Ledger and the Keystone imports.
 */
export function useAccountPicker() {
  const [accounts, setAccountsState] = useState<DeviceAccount[]>();
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [balances, setBalances] = useState<ReadonlyMap<string, BalanceRow>>(new Map());

  function setAccounts(next: DeviceAccount[]) {
    setAccountsState(next);
    setBalances(new Map());
    void call('balances:ethOf', { addresses: next.map((a) => a.address) }).then(
      (rows) => setBalances(new Map(rows.map((r) => [r.address, r]))),
      (caught: unknown) => setBalances(new Map(next.map((a) => [a.address, { error: toErrorView(caught).message }]))),
    );
  }
  const toggle = (path: string) =>
    setPicked((now) => {
      const next = new Set(now);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const chosen = () => (accounts ?? []).filter((a) => picked.has(a.path));
  return { accounts, setAccounts, picked, toggle, chosen, clearPicked: () => setPicked(new Set()), balances };
}

export function AccountRows({ picker, device }: { picker: ReturnType<typeof useAccountPicker>; device: string }) {
  return (
    <>
      {(picker.accounts ?? []).map((a) => (
        <label key={a.path} className={cx('flex items-center gap-2 rounded-md border border-line p-2 text-sm', focusRing)}>
          <input
            type="checkbox"
            checked={picker.picked.has(a.path)}
            onChange={() => picker.toggle(a.path)}
            aria-label={`Account ${a.index + 1}, ${a.address}`}
          />
          <span className="w-6 text-ink-muted">{a.index + 1}</span>
          <Address address={a.address} copy={false} named={false} />
          <BalanceText read={picker.balances.get(a.address)} />
          <span className="ml-auto font-mono text-xs text-ink-muted" title={`Derivation path on the ${device}`}>
            {a.path}
          </span>
        </label>
      ))}
    </>
  );
}

function BalanceText({ read }: { read: BalanceRow | undefined }) {
  if (!read) return <span className="text-xs text-ink-muted">reading balance…</span>;
  if ('wei' in read && read.wei !== undefined)
    return (
      <span className="text-xs" data-testid="device-account-balance">
        {formatEth(BigInt(read.wei))}
      </span>
    );
  return (
    <span className="text-xs text-warn" title={read.error}>
      balance unavailable
    </span>
  );
}
