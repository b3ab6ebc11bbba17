import { useEffect, useRef, useState } from 'react';
import type { Address } from 'viem';
import { formatRelative } from '../../../lib/format';
import { formatUsd, USD_PRICE_UNAVAILABLE } from '../../../lib/risk/fee-usd';
import { toErrorView, type ErrorView } from '../../../lib/state';
import { homeBalancesStore, refreshHomeBalances, visibleRows, type HomeBalancesView } from '../../../lib/state/balances';
import { Amount, Button, Card, ErrorState, InlineError, Skeleton, Toggle } from '../../ui';
import { useResource } from '../../hooks/use-resource';
import { AddTokenForm } from './AddTokenForm';
import { BalanceRow } from './BalanceRow';

/** Benchmarks read this mark: popup start → the first Home paint of balances (the stored snapshot) or a state. */
export const HOME_FIRST_RENDER_MARK = 'home:first-render';

/**
 * The selected account's total (ETH and USD) and every holding. The stored snapshot paints at once; opening Home
 * (or switching account) reads the chain behind it and the background announces the new snapshot.
 */
export function HomeBalances({ account }: { account: Address | undefined }) {
  const resource = useResource(homeBalancesStore);
  const [showSmall, setShowSmall] = useState(false);
  const [refreshError, setRefreshError] = useState<ErrorView>();
  const marked = useRef(false);
  const view = resource.data;

  const refresh = () =>
    void refreshHomeBalances().then(
      () => setRefreshError(undefined),
      (e: unknown) => setRefreshError(toErrorView(e)),
    );
  useEffect(refresh, [account]);
  useEffect(() => {
    if (marked.current || (view === undefined && resource.error === undefined)) return;
    marked.current = true;
    performance.mark(HOME_FIRST_RENDER_MARK);
  }, [view, resource.error]);

  if (!view) {
    if (resource.error)
      return (
        <ErrorState
          title="Could not load balances"
          message={resource.error.message}
          details={resource.error.details}
          onRetry={() => void resource.reload()}
        />
      );
    return <Skeleton className="h-24" />;
  }
  const current = view.account?.toLowerCase() === account?.toLowerCase() ? view : undefined;
  return (
    <section aria-labelledby="home-balances-heading" className="flex flex-col gap-2" data-balances-state={stateOf(current)}>
      <Total view={current} onRefresh={refresh} />
      <InlineError error={refreshError ?? current?.lastError} />
      {current?.snapshot && <Rows view={current} showSmall={showSmall} onShowSmall={setShowSmall} />}
      <AddTokenForm />
    </section>
  );
}

function stateOf(view: HomeBalancesView | undefined) {
  if (!view?.snapshot) return view?.refreshing ? 'loading' : view?.lastError ? 'error' : 'empty';
  return view.refreshing ? 'refreshing' : 'ready';
}

function Total({ view, onRefresh }: { view: HomeBalancesView | undefined; onRefresh: () => void }) {
  const s = view?.snapshot;
  const unpriced = s?.rows.filter((r) => r.amount !== null && r.amount !== '0' && r.valueEth === null).map((r) => r.symbol) ?? [];
  const failed = s?.rows.filter((r) => r.amount === null).map((r) => r.symbol) ?? [];
  return (
    <Card>
      <div className="flex items-start justify-between gap-2">
        <div className="flex min-w-0 flex-col">
          <h2 id="home-balances-heading" className="text-xs text-ink-muted">
            Total balance
          </h2>
          {s ? (
            <>
              <p className="text-xl font-semibold" data-testid="home-total-eth">
                <Amount value={s.totalEth} />
              </p>
              <p className="text-sm text-ink-muted tabular-nums" data-testid="home-total-usd">
                {s.ethUsd ? formatUsd(BigInt(s.totalEth), s.ethUsd, 'trunc') : USD_PRICE_UNAVAILABLE}
              </p>
            </>
          ) : (
            <p className="text-sm text-ink-muted">{view?.refreshing ? 'Reading balances…' : 'No balances read yet.'}</p>
          )}
        </div>
        <Button size="sm" variant="ghost" loading={view?.refreshing ?? false} onClick={onRefresh} aria-label="Refresh balances">
          Refresh
        </Button>
      </div>
      {s && (
        <p className="mt-1 text-[11px] text-ink-muted">
          Block {s.blockNumber} · read {formatRelative(s.takenAt, Date.now())}
          {s.ethUsd ? ' · ETH/USD from Chainlink on chain' : s.ethUsdError ? ` · ${s.ethUsdError}` : ''}
        </p>
      )}
      {unpriced.length > 0 && <p className="mt-1 text-[11px] text-ink-muted">Not in the total (no price): {unpriced.join(', ')}</p>}
      {failed.length > 0 && <p className="mt-1 text-[11px] text-danger">Not in the total (could not be read): {failed.join(', ')}</p>}
    </Card>
  );
}

function Rows({ view, showSmall, onShowSmall }: { view: HomeBalancesView; showSmall: boolean; onShowSmall: (v: boolean) => void }) {
  const snapshot = view.snapshot!;
  const { shown, hidden } = visibleRows(snapshot.rows, showSmall);
  const small = snapshot.rows.filter((r) => r.dust).length;
  return (
    <>
      <ul aria-label="Balances" className="divide-y divide-line rounded-lg border border-line bg-surface">
        {shown.map((row) => (
          <BalanceRow key={row.id} row={row} snapshot={snapshot} />
        ))}
      </ul>
      {small > 0 && (
        <Toggle
          label="Show small balances"
          description={showSmall ? `${small} under $1 or empty shown` : `${hidden} under $1 or empty hidden`}
          checked={showSmall}
          onChange={onShowSmall}
        />
      )}
    </>
  );
}
