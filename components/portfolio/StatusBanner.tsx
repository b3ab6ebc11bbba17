import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import { formatAge } from '../../lib/state/portfolio-model';

/**
 * Says plainly when the numbers are not current: the last refresh failed (with the RPC it used and
 * the error), or the data is older than two refresh periods. Never silent about stale data.
 */
export function StatusBanner({ view }: { view: PortfolioView }) {
  const { freshness, schedule, network } = view;
  if (!freshness.stale || freshness.reason === 'no-data') return null;
  const age = freshness.ageMs === null ? '' : ` from ${formatAge(freshness.ageMs)} ago`;
  const failed = freshness.reason === 'last-refresh-failed';
  return (
    <div role="status" data-stale className="rounded-md border border-warn bg-warn-soft p-2 text-xs text-ink">
      <p className="font-semibold text-warn">Stale: these numbers are{age}.</p>
      {failed ? (
        <p className="mt-0.5 break-words">
          The last refresh could not read {network.rpcUrls.join(', ') || network.name}: {schedule.lastError}. Next try{' '}
          {new Date(schedule.nextAttemptAt).toLocaleTimeString()}.
        </p>
      ) : (
        <p className="mt-0.5">No refresh has succeeded since. Refresh, or check the RPC in More → Networks.</p>
      )}
    </div>
  );
}
