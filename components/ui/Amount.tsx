import { formatAmount, formatAmountExact, type Rounding } from '../../lib/format';
import { cx } from './cx';

export type AmountProps = {
  /** Integer amount in the token's smallest unit (wei for ETH), as bigint or decimal string. */
  value: bigint | string;
  decimals?: number;
  unit?: string;
  /**
   * Default `trunc`: a balance is never shown larger than it is. `expand` for what leaves the wallet (a
   * value sent, a fee), `floor` for a signed change (see lib/format Rounding).
   */
  rounding?: Rounding;
  className?: string;
};

/** 4 significant digits, more places for small values (up to 8), so 0.0001234 does not read as 0.0001. */
const SHOWN = { maxFractionDigits: 8, significantFractionDigits: 4 } as const;

/** "1.2345 ETH", with the exact value in the tooltip and for screen readers. */
export function Amount({ value, decimals = 18, unit = 'ETH', rounding = 'trunc', className }: AmountProps) {
  let wei: bigint;
  try {
    wei = typeof value === 'bigint' ? value : BigInt(value);
  } catch {
    return <span className={className}>invalid amount</span>;
  }
  const exact = `${formatAmountExact(wei, decimals)} ${unit}`;
  return (
    <span title={exact} aria-label={exact} className={cx('tabular-nums', className)}>
      {formatAmount(wei, decimals, unit, { ...SHOWN, rounding })}
    </span>
  );
}
