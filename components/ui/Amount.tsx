import { formatAmount, formatAmountExact } from './format-amount';
import { cx } from './cx';

export type AmountProps = {
  /** Integer amount in the token's smallest unit (wei for ETH), as bigint or decimal string. */
  value: bigint | string;
  decimals?: number;
  unit?: string;
  className?: string;
};

/** "1.2345 ETH", with the exact value in the tooltip and for screen readers. */
export function Amount({ value, decimals = 18, unit = 'ETH', className }: AmountProps) {
  let wei: bigint;
  try {
    wei = typeof value === 'bigint' ? value : BigInt(value);
  } catch {
    return <span className={className}>invalid amount</span>;
  }
  const exact = `${formatAmountExact(wei, decimals)} ${unit}`;
  return (
    <span title={exact} aria-label={exact} className={cx('tabular-nums', className)}>
      {formatAmount(wei, { decimals })} {unit}
    </span>
  );
}
