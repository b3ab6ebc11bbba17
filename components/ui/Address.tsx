import { useState } from 'react';
import { useAddressEntry } from '../hooks/use-address-entry';
import { cx, focusRing } from './cx';

import { shortAddress } from '../../lib/format';

export { shortAddress };

/**
 * An address as every screen shows it: its address-book name (an own account's name or a saved one) when it
 * has one, then the short address (the full one on hover and in the copy button's label). `named={false}` where
 * the name is already printed beside it, or for a hash.
 */
export function Address({
  address,
  copy = true,
  named = true,
  className,
}: {
  address: string;
  copy?: boolean;
  named?: boolean;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);
  const entry = useAddressEntry(named ? address : undefined);
  const text = (
    <>
      {entry && (
        <span className="max-w-[11rem] truncate font-medium text-ink" title={entry.name} data-testid="address-name">
          {entry.name}
        </span>
      )}
      <span className="font-mono" title={address}>
        {shortAddress(address)}
      </span>
    </>
  );
  if (!copy) return <span className={cx('inline-flex min-w-0 items-center gap-1 text-xs', className)}>{text}</span>;
  return (
    <span className={cx('inline-flex min-w-0 items-center gap-1 text-xs', className)}>
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
