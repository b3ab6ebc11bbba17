import { useEffect, useRef, useState } from 'react';
import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import { portfolioStore, refreshPortfolio } from '../../lib/state/portfolio';
import { chartTokens, exposureBars, groupPositions } from '../../lib/state/portfolio-model';
import { toErrorView, type ErrorView } from '../../lib/state';
import { exposureOverview } from '../../lib/state/exposure-model';
import { Button, ErrorState, InlineError } from '../ui';
import { Screen } from '../layout/Screen';
import { useResource } from '../hooks/use-resource';
import { PortfolioBody, PortfolioLoading, PortfolioUnreachable } from './PortfolioBody';
import { PositionDetail } from './PositionDetail';

/** Benchmarks read this mark: time from popup start to the first Portfolio paint with data or a state. */
export const FIRST_RENDER_MARK = 'portfolio:first-render';

export function PortfolioScreen() {
  const resource = useResource(portfolioStore);
  const [openId, setOpenId] = useState<string | null>(null);
  const [refreshError, setRefreshError] = useState<ErrorView | undefined>();
  const marked = useRef(false);
  const view = resource.data;

  // Opening the popup asks for fresh numbers; the stored ones show meanwhile (marked stale if old).
  useEffect(() => {
    void refreshPortfolio().then(
      () => setRefreshError(undefined),
      (e: unknown) => setRefreshError(toErrorView(e)),
    );
  }, []);
  useEffect(() => {
    if (marked.current || (view === undefined && resource.error === undefined)) return;
    marked.current = true;
    performance.mark(FIRST_RENDER_MARK);
  }, [view, resource.error]);

  const open = openId && view?.snapshot?.positions.find((p) => p.id === openId);
  if (open && view) return <PositionDetail position={open} view={view} onBack={() => setOpenId(null)} />;

  const refreshing = view?.refreshing ?? false;
  const refresh = () =>
    void refreshPortfolio().then(
      () => setRefreshError(undefined),
      (e: unknown) => setRefreshError(toErrorView(e)),
    );
  return (
    <Screen
      title="Portfolio"
      actions={
        <Button size="sm" variant="secondary" loading={refreshing} onClick={refresh} aria-label="Refresh portfolio">
          Refresh
        </Button>
      }
    >
      <div className="flex flex-col gap-3" data-portfolio-state={stateOf(view)}>
        <InlineError error={refreshError} />
        {view ? (
          <Loaded view={view} onOpen={setOpenId} />
        ) : resource.error ? (
          <ErrorState
            title="Could not load the portfolio"
            message={resource.error.message}
            details={resource.error.details}
            onRetry={() => void resource.reload()}
          />
        ) : (
          <PortfolioLoading accounts={null} />
        )}
      </div>
    </Screen>
  );
}

function Loaded({ view, onOpen }: { view: PortfolioView; onOpen: (id: string) => void }) {
  if (!view.snapshot) {
    if (view.freshness.reason === 'no-data' && view.schedule.lastError && !view.refreshing) return <PortfolioUnreachable view={view} />;
    return <PortfolioLoading accounts={view.accounts.length} />;
  }
  const positions = view.snapshot.positions;
  return (
    <PortfolioBody
      view={view}
      groups={groupPositions(positions)}
      bars={exposureBars(positions)}
      overview={exposureOverview(view)}
      tokens={chartTokens(view)}
      onOpen={onOpen}
    />
  );
}

/** For tests and benchmarks: which state the screen shows. */
function stateOf(view: PortfolioView | undefined): string {
  if (!view) return 'loading';
  if (!view.snapshot) return view.refreshing || !view.schedule.lastError ? 'loading' : 'error';
  if (view.snapshot.positions.length === 0) return 'empty';
  return view.freshness.stale ? 'stale' : 'ready';
}
