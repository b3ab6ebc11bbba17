import { useState } from 'react';
import { cx, focusRing } from './cx';

/** 0xf39F…2266: the first 4 and last 4 hex digits, as wallets and explorers show them. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

export function Address({ address, copy = true, className }: { address: string; copy?: boolean; className?: string }) {
  const [copied, setCopied] = useState(false);
  const text = (
    <span className="font-mono" title={address}>
      {shortAddress(address)}
    </span>
  );
  if (!copy) return <span className={cx('text-xs', className)}>{text}</span>;
  return (
    <span className={cx('inline-flex items-center gap-1 text-xs', className)}>
      {text}
      <button
        type="button"
        aria-label={`Copy address ${address}`}
        onClick={() => {
          void navigator.clipboard.writeText(address).then(
            () => setCopied(true),
            () => setCopied(false),
          );
        }}
        className={cx('rounded px-1 text-ink-muted hover:text-ink', focusRing)}
      >
        {copied ? 'Copied' : 'Copy'}
      </button>
    </span>
  );
}
