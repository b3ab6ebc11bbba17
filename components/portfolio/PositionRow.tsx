import { formatAmount, formatEth, formatWadDeviation } from '../../lib/format';
import { badgesOf, type PositionView } from '../../lib/state/portfolio-model';
import { Badge, cx, focusRing } from '../ui';

/** Amount in the position's own unit; token wei share 18 decimals with ETH. */
export const amountText = (p: PositionView) => formatAmount(BigInt(p.amount), 18, p.asset);
/** A value held (toward zero: never more than it is). */
export const ethText = (wei: string | null) => (wei === null ? 'n/a' : formatEth(BigInt(wei)));
/** ETH at risk (away from zero: never less than it is). */
export const riskEthText = (wei: string | null) => (wei === null ? 'n/a' : formatEth(BigInt(wei), { rounding: 'expand' }));

/** One position: a button that opens its detail view. */
export function PositionRow({
  position: p,
  stale,
  watchOnly,
  accountName,
  onOpen,
}: {
  position: PositionView;
  stale: boolean;
  watchOnly: boolean;
  accountName: string;
  onOpen: () => void;
}) {
  const badges = badgesOf(p, stale);
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        data-position={p.id}
        className={cx('flex w-full flex-col gap-1 rounded-md px-2 py-1.5 text-left hover:bg-surface-muted', focusRing)}
      >
        <span className="flex items-center justify-between gap-2">
          <span className="truncate text-sm font-medium" data-amount>
            {amountText(p)}
          </span>
          <span className="shrink-0 text-sm tabular-nums">{ethText(p.fairValueEth)}</span>
        </span>
        <span className="flex items-center justify-between gap-2 text-[11px] text-ink-muted">
          <span className="truncate">
            {accountName}
            {watchOnly && ' · watch-only'}
          </span>
          <span className="shrink-0 tabular-nums">
            market {ethText(p.marketValueEth)}
            {p.depegWad !== null && BigInt(p.depegWad) !== 0n && ` (${formatWadDeviation(BigInt(p.depegWad))})`}
          </span>
        </span>
        {(badges.length > 0 || p.slashing || p.il) && (
          <span className="flex flex-wrap gap-1">
            {badges.map((b) => (
              <Badge key={b.label} tone={b.tone} title={b.why}>
                {b.label}
              </Badge>
            ))}
            {p.slashing && <span className="text-[11px] text-ink-muted">exposure {riskEthText(p.slashing.worstCaseEth)}</span>}
            {p.il && <span className="text-[11px] text-ink-muted">IL {formatWadDeviation(BigInt(p.il.ilWad))}</span>}
          </span>
        )}
      </button>
    </li>
  );
}
