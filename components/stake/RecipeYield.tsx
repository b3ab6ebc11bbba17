import type { RecipeYieldView } from '../../lib/flows/recipe-yield';
import { formatApr } from '../../lib/format';
import type { ResourceState } from '../../lib/state';

type YieldsState = Pick<ResourceState<RecipeYieldView[]>, 'status' | 'data' | 'error'>;

const yieldOf = (state: YieldsState, recipeId: string) => state.data?.find((y) => y.recipeId === recipeId);

/** The figure alone, for every row of the picker: "APR 3.10 %", "APR unknown" or nothing while reading. */
export function RecipeYieldShort({ state, recipeId }: { state: YieldsState; recipeId: string }) {
  const y = yieldOf(state, recipeId);
  if (!y) return null;
  return (
    <span className="text-[11px] text-ink-muted">
      {y.status === 'measured' && y.aprWad ? `APR ≈ ${formatApr(y.aprWad)}` : 'APR unknown'}
    </span>
  );
}

/** "Expected yield: …" for the chosen recipe, with where the figure comes from one click away. */
export function RecipeYieldDetail({ state, recipeId }: { state: YieldsState; recipeId: string }) {
  const y = yieldOf(state, recipeId);
  if (!y) {
    const text = state.status === 'error' ? `unknown (${state.error?.message ?? 'the wallet did not answer'})` : 'reading the chain…';
    return (
      <p data-testid="recipe-yield" className="text-xs text-ink">
        Expected yield: {text}
      </p>
    );
  }
  const measured = y.status === 'measured' && y.aprWad !== undefined;
  return (
    <div className="flex flex-col gap-1 text-xs [overflow-wrap:anywhere]">
      <p data-testid="recipe-yield" className="text-ink">
        Expected yield:{' '}
        {measured ? (
          <span className="font-medium">
            ≈ {formatApr(y.aprWad!)} APR{' '}
            <span className="font-normal text-ink-muted">
              ({y.symbol} staking, last {y.windowDays} days)
            </span>
          </span>
        ) : (
          <span>unknown ({y.reason})</span>
        )}
      </p>
      <details className="text-[11px] text-ink-muted">
        <summary className="cursor-pointer">Where this figure comes from</summary>
        <div className="mt-1 flex flex-col gap-1">
          {y.source && (
            <p>
              Growth of <span className="font-mono text-ink">{y.source}</span>
              {y.measuredOn && y.measuredOn !== y.symbol ? ` (${y.symbol} rebases, so its wrapper ${y.measuredOn} is measured)` : ''}
              {measured
                ? `, block ${y.fromBlock} → block ${y.toBlock}, scaled to 365 days (simple, not compounded).`
                : ', compared with its value 7 and 30 days ago.'}
            </p>
          )}
          {!measured && y.detail && <p>{y.detail}</p>}
          {y.excludes && <p>{y.excludes}</p>}
          <p>A past rate is no promise: slashing or a depeg can make the real yield lower.</p>
        </div>
      </details>
    </div>
  );
}
