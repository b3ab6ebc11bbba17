import { cx } from '../ui';
import { useAddressEntry } from '../hooks/use-address-entry';

/** The address-book name of an address shown in full or as a label beside it; nothing when the address has none. */
export function AddressNameTag({ address, className }: { address: string | null | undefined; className?: string }) {
  const entry = useAddressEntry(address ?? undefined);
  if (!entry) return null;
  return (
    <span className={cx('font-semibold text-ink', className)} data-testid="address-name">
      {entry.name}
    </span>
  );
}
