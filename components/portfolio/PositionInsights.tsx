import { useEffect, useState } from 'react';
import { formatUnits } from 'viem';
import type { InsightsView } from '../../lib/messaging/insights-view';
import { call, toErrorView, type ErrorView } from '../../lib/state/call';
import { ErrorState, Skeleton } from '../ui';
import { ExitRoutesTable, ProtocolCard, YieldRow } from './InsightsSections';

type State = { kind: 'loading' } | { kind: 'ready'; insights: InsightsView } | { kind: 'error'; error: ErrorView };

/** "What a restaker asks next" for one token holding: yield, ways out at this size, and the protocol's profile. */
export function PositionInsights({ symbol, amountWei }: { symbol: string; amountWei: string }) {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    call('insights:get', { symbol, amount: formatUnits(BigInt(amountWei), 18) }).then(
      (insights) => live && setState({ kind: 'ready', insights }),
      (error: unknown) => live && setState({ kind: 'error', error: toErrorView(error) }),
    );
    return () => {
      live = false;
    };
  }, [symbol, amountWei, attempt]);

  if (state.kind === 'loading') {
    return (
      <div className="flex flex-col gap-2" aria-busy="true" data-insights="loading">
        <p role="status" className="text-xs text-ink-muted">
          Reading yield, exit routes and the {symbol} protocol profile…
        </p>
        <Skeleton className="h-12 w-full" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  if (state.kind === 'error') {
    return (
      <ErrorState
        title={`Could not read ${symbol} insights`}
        message={state.error.message}
        details={state.error.details}
        onRetry={() => setAttempt((n) => n + 1)}
      />
    );
  }
  return (
    <div className="flex flex-col gap-3" data-insights="ready">
      <YieldRow insights={state.insights} />
      <ExitRoutesTable insights={state.insights} />
      <ProtocolCard insights={state.insights} />
    </div>
  );
}
