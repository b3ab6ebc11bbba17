import { formatBps, formatHealthFactor } from '../../lib/format';
import {
  formatLiquidationDistance,
  formatLiquidationPrice,
  liquidationSentence,
  type LiquidationDistance,
} from '../../lib/risk/liquidation';
import { liquidationOf, type PositionView } from '../../lib/state/portfolio-model';
import { Address } from '../ui';

const valueText = (d: LiquidationDistance): string => {
  if (d.status === 'liquidatable') return '0% (liquidatable)';
  if (d.status === 'no-debt') return 'no debt';
  if (d.status === 'ok' && d.distanceWad !== null) return formatLiquidationDistance(d.distanceWad);
  return 'out of reach';
};

/** The calls behind the distance, so a user can check every number one click away. */
const LIQUIDATION_CALLS = /^(getUserAccountData|getReserveData|getUserEMode|getAssetPrice\(|getEModeCategoryCollateralBitmap)/;

/**
 * "Liquidation distance" of an Aave collateral: how far Aave's price of it can fall before the health
 * factor reaches 1, which price that is (exchange rate or market), and where each figure was read.
 */
export function LiquidationRow({ position: p }: { position: PositionView }) {
  const f = liquidationOf(p);
  if (p.family !== 'aave') return null;
  if (!f)
    return p.details.liquidationError ? (
      <div className="border-b border-line py-1.5 last:border-0">
        <dt className="flex items-center justify-between gap-2 text-xs">
          <span className="font-medium text-ink">Liquidation distance</span>
          <span className="tabular-nums text-ink">unknown</span>
        </dt>
        <dd className="text-[11px] text-ink-muted">Not computed: {p.details.liquidationError}</dd>
      </div>
    ) : null;
  const d = f.distance;
  const threshold = p.details.liquidationThresholdAppliedBps;
  return (
    <div className="border-b border-line py-1.5 last:border-0" data-testid="liquidation-distance">
      <dt className="flex items-center justify-between gap-2 text-xs">
        <span className="font-medium text-ink">Liquidation distance</span>
        <span className="tabular-nums text-ink">{valueText(d)}</span>
      </dt>
      <dd className="text-[11px] text-ink-muted">
        <p>{liquidationSentence(f.symbol, f.pricedBy, d)}</p>
        <p>
          {d.priceEthWad !== null && (
            <>
              Aave’s price now {formatLiquidationPrice(d.priceEthWad)} per {f.symbol}
            </>
          )}
          {threshold && (
            <>
              . Threshold {formatBps(BigInt(threshold), { rounding: 'halfEven' })} ({p.details.liquidationThresholdFrom}
              {f.healthFactorWad !== null && d.status !== 'no-debt' ? `, health factor ${formatHealthFactor(f.healthFactorWad)}` : ''}).
            </>
          )}
        </p>
        <details className="mt-1">
          <summary className="cursor-pointer">Source of these figures</summary>
          <ul className="mt-1 flex flex-col gap-1">
            {p.sources
              .filter((s) => LIQUIDATION_CALLS.test(s.call))
              .map((s) => (
                <li key={`${s.contract}:${s.call}`} className="flex items-center justify-between gap-2">
                  <span className="font-mono">{s.call}</span>
                  <Address address={s.contract} />
                </li>
              ))}
          </ul>
          <p className="mt-1">
            Distance = (health factor − 1) × debt ÷ (this collateral at Aave’s price × its threshold); the other collateral and the debt
            held fixed.
          </p>
        </details>
      </dd>
    </div>
  );
}
