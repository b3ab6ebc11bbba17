import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import type { ExposureOverview, LabelledBar } from '../../lib/state/exposure-model';
import { formatEth, formatUtcMinute, formatWadPercent } from '../../lib/format';
import { formatUsd, USD_PRICE_UNAVAILABLE } from '../../lib/risk/fee-usd';
import { Address, Card, cx, focusRing } from '../ui';
import { ExposureChart } from './ExposureChart';

const riskEth = (wei: bigint) => formatEth(wei, { rounding: 'expand' }); // a loss is never shown smaller

/** The bars' full names and amounts under a chart (the axis shows only the last 4 hex digits). */
function Legend({ bars, label }: { bars: readonly LabelledBar[]; label: string }) {
  return (
    <ul aria-label={label} className="mt-1 grid grid-cols-[1fr_auto] gap-x-2 text-[11px] tabular-nums">
      {bars.map((b) => (
        <li key={b.key} className="contents">
          <span className="font-mono text-ink-muted" title={b.key}>
            {b.name}
          </span>
          <span>{riskEth(b.eth)}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Exposure over every holding (issue #15 item 4): direct EigenLayer stake and LRTs (held, in Aave, in a
 * Curve pool) summed by operator and by AVS, and the one operator-set slash that costs the user most,
 * in ETH and USD. Each part opens its position (its reads and block); the method is one click away.
 */
export function OperatorExposure({
  overview: o,
  view,
  onOpen,
}: {
  overview: ExposureOverview;
  view: PortfolioView;
  onOpen: (id: string) => void;
}) {
  const e = o.exposure;
  const top = o.largest;
  const largest = top?.loss;
  const usd = view.ethUsd;
  return (
    <Card title="Restaking exposure · all holdings" aria-label="Restaking exposure over all holdings">
      <div className="flex flex-col gap-3">
        <section aria-label="Your largest single slash" data-testid="largest-single-slash">
          <h3 className="text-xs font-medium text-ink-muted">Your largest single slash</h3>
          {largest ? (
            <>
              <p className="text-lg font-semibold tabular-nums">
                <span data-largest-eth={largest.lossEth.toString()}>{riskEth(largest.lossEth)}</span>
                <span className="ml-2 text-sm font-normal text-ink-muted" data-largest-usd>
                  {usd ? formatUsd(largest.lossEth, usd, 'expand') : USD_PRICE_UNAVAILABLE}
                </span>
              </p>
              {top?.kind === 'network' ? (
                <p className="text-[11px] text-ink-muted">
                  If Symbiotic network {top.name} (<Address address={top.loss.network} copy={false} />) slashed its whole stake in the
                  vaults behind your Mellow LRTs; one network reaches every holding whose vault gives it a limit:
                </p>
              ) : (
                top && (
                  <p className="text-[11px] text-ink-muted">
                    If operator set {top.loss.id} of AVS <Address address={top.loss.avs} copy={false} /> slashed 100 % of its allocations;
                    one set reaches every holding whose operators are in it:
                  </p>
                )
              )}
              <ul className="mt-1 flex flex-col gap-0.5 text-[11px]">
                {largest.parts.map((p) => (
                  <li key={p.id}>
                    <button
                      type="button"
                      className={cx('flex w-full justify-between gap-2 rounded px-1 text-left hover:bg-surface-muted', focusRing)}
                      onClick={() => onOpen(p.id)}
                      data-slash-part={p.id}
                      aria-label={`${p.label}: ${riskEth(p.lossEth)}. Open its sources`}
                    >
                      <span>{p.label}</span>
                      <span className="tabular-nums">{riskEth(p.lossEth)}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="text-xs text-ink-muted">
              No holding with a known look-through is allocated to an operator set or a Symbiotic network.
            </p>
          )}
        </section>
        {o.operatorBars.length > 0 && (
          <section aria-label="Restaked ETH by operator">
            <h3 className="text-xs font-medium text-ink-muted">
              Restaked ETH by operator · {riskEth(e.restakedEth)} delegated
              {e.byOperator[0] && ` · top ${formatWadPercent(e.byOperator[0].shareWad, { maxFractionDigits: 1 })}`}
            </h3>
            <ExposureChart bars={o.operatorBars} name="Restaked ETH by operator" chart="by-operator" tone="brand" />
            <Legend bars={o.operatorBars} label="Operators" />
          </section>
        )}
        {o.avsBars.length > 0 && (
          <section aria-label="ETH at risk by AVS">
            <h3 className="text-xs font-medium text-ink-muted">ETH at risk by AVS (every set of it slashes 100 %)</h3>
            <ExposureChart bars={o.avsBars} name="ETH at risk by AVS" chart="by-avs" />
            <Legend bars={o.avsBars} label="AVSs" />
          </section>
        )}
        {o.networkBars.length > 0 && (
          <section aria-label="ETH at risk by Symbiotic network">
            <h3 className="text-xs font-medium text-ink-muted">
              ETH at risk by Symbiotic network (Mellow LRTs; each slashes its whole stake)
            </h3>
            <ExposureChart bars={o.networkBars} name="ETH at risk by Symbiotic network" chart="by-network" />
            <Legend bars={o.networkBars} label="Symbiotic networks" />
          </section>
        )}
        {e.unknown.length > 0 && (
          <section aria-label="Not counted">
            <h3 className="text-xs font-medium text-ink-muted">Not counted ({e.unknown.length})</h3>
            <ul className="text-[11px] text-ink-muted">
              {e.unknown.map((u) => (
                <li key={u.id}>
                  <span className="font-medium text-ink">{u.label}</span>: {u.reason}
                </li>
              ))}
            </ul>
          </section>
        )}
        <details className="text-[11px]">
          <summary className="cursor-pointer text-ink-muted">How this is computed</summary>
          <div className="mt-1 flex flex-col gap-1 text-ink-muted">
            <p>
              Read at block {o.blockNumber.toString()} on {view.network.name}. A direct EigenLayer deposit counts its ETH value with its
              operator (delegatedTo, getWithdrawableShares × fair rate); an LRT, held or deployed (Aave aToken 1:1, a Curve LP’s share of
              the pool’s LRT, a Pendle PT’s ETH value ÷ the LRT’s fair rate), counts balance / totalSupply of what its staker contracts
              delegate to each operator.
            </p>
            <p>
              ETH at risk in an operator set = ETH value × allocated magnitude / max magnitude (getMaxMagnitude, getStrategyAllocations),
              summed over every holding; the largest single slash is the set with the largest sum.
            </p>
            <p>
              A Mellow LRT counts balance / totalSupply of what each Symbiotic network could slash from it: the network’s stake in the LRT’s
              vault, min(activeStake, the delegator’s networkLimit), × the LRT’s activeBalanceOf ÷ activeStake. Networks restake the same
              stake; the largest single slash compares the worst network with the worst operator set.
            </p>
            <p>
              {usd ? (
                <>
                  USD at Chainlink ETH/USD {formatUsd(10n ** 18n, usd, 'halfEven')} (feed <Address address={usd.feed} />, updated{' '}
                  {formatUtcMinute(usd.updatedAt * 1000)}).
                </>
              ) : (
                'USD: no Chainlink ETH/USD read yet.'
              )}
            </p>
          </div>
        </details>
      </div>
    </Card>
  );
}
