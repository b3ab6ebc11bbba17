import { formatWadDeviation, formatWadRatio } from '../../../lib/format';
import { formatUsd } from '../../../lib/risk/fee-usd';
import type { StoredBalanceRow, StoredBalances } from '../../../lib/state/balances';
import { removeAddedToken } from '../../../lib/state/balances';
import { useAction } from '../../hooks/use-action';
import { Amount, Badge, Button, InlineError } from '../../ui';

/** A market this far under fair (WAD, −1 %) is flagged on the row. */
const DEPEG_FLAG_WAD = -(10n ** 16n);

const SOURCE_BADGE: Partial<Record<StoredBalanceRow['source'], { text: string; title: string }>> = {
  watched: { text: 'site', title: 'Added by a site (wallet_watchAsset): its symbol is what the site said' },
  custom: { text: 'added', title: 'Added by you by its address; symbol and decimals read from the chain' },
};

/** One holding: amount, its value in ETH and USD (or "no price"), and for an LST/LRT its fair vs market rate. */
export function BalanceRow({ row, snapshot }: { row: StoredBalanceRow; snapshot: StoredBalances }) {
  const badge = SOURCE_BADGE[row.source];
  const remove = useAction((address: `0x${string}`) => removeAddedToken(address));
  const removable = badge !== undefined && row.address !== undefined;
  return (
    <li className="flex flex-col gap-0.5 px-3 py-2" data-testid="balance-row" data-symbol={row.symbol} data-dust={row.dust}>
      <div className="flex items-baseline justify-between gap-2">
        <span className="flex min-w-0 items-baseline gap-1.5">
          <span className="truncate text-sm font-semibold">{row.symbol}</span>
          {badge && (
            <Badge tone="neutral" title={badge.title}>
              {badge.text}
            </Badge>
          )}
        </span>
        {row.amount === null ? (
          <span className="text-xs text-danger">not read</span>
        ) : (
          <Amount value={row.amount} decimals={row.decimals} unit={row.symbol} className="text-sm" />
        )}
      </div>
      <div className="flex items-baseline justify-between gap-2 text-xs text-ink-muted">
        <span className="min-w-0 truncate">{row.name}</span>
        <span className="shrink-0 tabular-nums" data-testid="balance-value">
          {valueLine(row, snapshot)}
        </span>
      </div>
      {rateLine(row)}
      {row.error && <p className="text-xs text-danger">{row.error}</p>}
      {removable && (
        <div className="flex justify-end">
          <Button
            size="sm"
            variant="ghost"
            loading={remove.loading}
            onClick={() => void remove.run(row.address!)}
            aria-label={`Remove ${row.symbol} from Home`}
          >
            Remove
          </Button>
        </div>
      )}
      <InlineError error={remove.error} />
    </li>
  );
}

function rateLine(row: StoredBalanceRow) {
  const p = row.price;
  if (!p || (p.basis !== 'market' && p.basis !== 'fair')) return null;
  const fair = p.fairWad ? BigInt(p.fairWad) : null;
  const market = p.marketWad ? BigInt(p.marketWad) : null;
  const deviation = fair && market ? (market * 10n ** 18n) / fair - 10n ** 18n : null;
  return (
    <p className="flex items-center gap-1.5 text-xs text-ink-muted tabular-nums">
      <span data-testid="fair-market">
        {fair && market
          ? `fair ${formatWadRatio(fair, 4)} · market ${formatWadRatio(market, 4)} ETH`
          : fair
            ? `fair ${formatWadRatio(fair, 4)} ETH · no market quote`
            : `market ${formatWadRatio(market!, 4)} ETH · fair rate not read`}
      </span>
      {deviation !== null && deviation <= DEPEG_FLAG_WAD && <Badge tone="warn">{formatWadDeviation(deviation)}</Badge>}
    </p>
  );
}

function valueLine(row: StoredBalanceRow, snapshot: StoredBalances) {
  if (row.amount === null) return null;
  if (row.price === null || row.valueEth === null) return 'no price';
  if (row.source === 'native') return snapshot.ethUsd ? formatUsd(BigInt(row.valueEth), snapshot.ethUsd, 'trunc') : null;
  const eth = <Amount value={row.valueEth} />;
  return snapshot.ethUsd ? (
    <>
      ≈ {eth} · {formatUsd(BigInt(row.valueEth), snapshot.ethUsd, 'trunc')}
    </>
  ) : (
    <>≈ {eth}</>
  );
}
