import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import { totalsOf, type ExposureBar, type PositionGroup } from '../../lib/state/portfolio-model';
import { formatEth, sameAddress } from '../../lib/format';
import { Card, EmptyState, ErrorState, Skeleton } from '../ui';
import type { ExposureOverview } from '../../lib/state/exposure-model';
import { ExposureChart } from './ExposureChart';
import { OperatorExposure } from './OperatorExposure';
import { PegChart } from './PegChart';
import { PositionRow, ethText } from './PositionRow';
import { StatusBanner } from './StatusBanner';
import { chainsOverview } from '../../lib/state/chains-model';
import { ChainsCard } from './ChainsCard';

export function PortfolioLoading({ accounts }: { accounts: number | null }) {
  return (
    <div className="flex flex-col gap-2" aria-busy="true" aria-label="Loading portfolio">
      <p className="text-xs text-ink-muted" role="status">
        {accounts === null ? 'Reading the portfolio…' : `Reading ${accounts} account${accounts === 1 ? '' : 's'}…`}
      </p>
      <Skeleton className="h-16 w-full" />
      <Skeleton className="h-12 w-full" />
      <Skeleton className="h-12 w-full" />
    </div>
  );
}

/** No snapshot ever and the refresh failed: say which RPC and why (or that there is none yet, which no retry fixes). */
export function PortfolioUnreachable({ view }: { view: PortfolioView }) {
  if (view.network.rpcUrls.length === 0)
    return (
      <ErrorState
        title="No RPC set"
        message={`Ballast needs an Ethereum RPC to read ${view.network.name}.`}
        details="Choose one with “Choose an RPC” at the top, or add a URL in More → Networks."
      />
    );
  const urls = view.network.rpcUrls.join(', ');
  return (
    <ErrorState
      title="RPC unreachable"
      message={`Could not read ${view.network.name} at ${urls}.`}
      details={`${sentence(view.schedule.lastError)}Check the URL in More → Networks; Ballast retries on its own.`}
    />
  );
}

/** The tracker's last error as a sentence of its own (it may lack the full stop), or nothing. */
const sentence = (text: string | null | undefined): string => {
  const t = text?.trim();
  if (!t) return '';
  return /[.!?)]$/.test(t) ? `${t} ` : `${t}. `;
};

export function PortfolioBody({
  view,
  groups,
  bars,
  overview,
  tokens,
  onOpen,
}: {
  view: PortfolioView;
  groups: PositionGroup[];
  bars: ExposureBar[];
  overview: ExposureOverview | null;
  tokens: string[];
  onOpen: (id: string) => void;
}) {
  const snapshot = view.snapshot!;
  const totals = totalsOf(snapshot.positions);
  const stale = view.freshness.stale;
  const nameOf = (address: string) => view.accounts.find((a) => sameAddress(a.address, address));
  const watchOnly = view.accounts.filter((a) => a.watchOnly);
  const chains = chainsOverview(snapshot, view.network.name);
  return (
    <>
      <StatusBanner view={view} />
      <Card aria-label="Total value">
        <p className="text-xs text-ink-muted">
          Total value · {view.accounts.length} account{view.accounts.length === 1 ? '' : 's'}
          {watchOnly.length > 0 && ` (${watchOnly.length} watch-only)`}
        </p>
        <p className="text-xl font-semibold tabular-nums" data-total-fair>
          {formatEth(totals.fairEth)}
        </p>
        <p className="text-xs tabular-nums text-ink-muted">
          at market <span data-total-market>{formatEth(totals.marketEth)}</span>
          {totals.exposureEth > 0n && ` · slashable ${formatEth(totals.exposureEth, { rounding: 'expand' })}`}
        </p>
        {totals.failed > 0 && (
          <p className="mt-1 text-xs text-danger">
            {totals.failed} position{totals.failed === 1 ? '' : 's'} could not be read and {totals.failed === 1 ? 'is' : 'are'} not counted.
          </p>
        )}
        <p className="mt-1 text-[11px] text-ink-muted">
          Block {snapshot.blockNumber} · {snapshot.requestCount} RPC request{snapshot.requestCount === 1 ? '' : 's'}
        </p>
      </Card>
      {chains && <ChainsCard overview={chains} view={view} />}
      {snapshot.positions.length === 0 ? (
        <EmptyState title="No restaking positions on these accounts">
          Ballast reads liquid staking and restaking tokens, EigenLayer, Symbiotic, Aave, Curve and Pendle positions of every visible
          account.
        </EmptyState>
      ) : (
        groups.map((g) => (
          <Card
            key={g.protocol}
            title={g.protocol}
            actions={<span className="text-xs tabular-nums text-ink-muted">{ethText(g.fairEth.toString())}</span>}
            aria-label={`${g.protocol} positions`}
          >
            <ul className="-mx-2 flex flex-col">
              {g.positions.map((p) => {
                const account = nameOf(p.account);
                return (
                  <PositionRow
                    key={p.id}
                    position={p}
                    stale={stale}
                    watchOnly={account?.watchOnly ?? false}
                    accountName={account?.name ?? p.account}
                    onOpen={() => onOpen(p.id)}
                  />
                );
              })}
            </ul>
          </Card>
        ))
      )}
      {overview && <OperatorExposure overview={overview} view={view} onOpen={onOpen} />}
      {bars.length > 0 && (
        <Card title="Slashing exposure" aria-label="Slashing exposure chart">
          <ExposureChart bars={bars} />
        </Card>
      )}
      {tokens.map((symbol) => (
        <Card key={symbol} title={`Peg history · ${symbol}`} aria-label={`Peg history of ${symbol}`}>
          <PegChart symbol={symbol} points={view.history[`token:${symbol}`] ?? []} />
        </Card>
      ))}
    </>
  );
}
