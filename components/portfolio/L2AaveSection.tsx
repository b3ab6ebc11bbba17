import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import { formatAmount, formatEth, sameAddress } from '../../lib/format';
import type { L2AaveView } from '../../lib/state/l2-aave-model';
import { cx } from '../ui';

/**
 * Aave v3 on one L2 (issue #18, item 4), inside that chain's block of Across chains: each account's health factor, debt,
 * and per collateral the liquidation distance in words.
 */
export function L2AaveSection({ aave, view }: { aave: L2AaveView; view: PortfolioView }) {
  return (
    <section
      className="mt-1.5 border-t border-dashed border-line pt-1.5"
      aria-label={`Aave v3 on ${aave.chainName}`}
      data-l2-aave={aave.chainId}
      data-l2-aave-status={aave.status}
    >
      <h4 className="text-xs font-semibold">Aave v3 on {aave.chainName}</h4>
      <p className={cx('text-[11px]', aave.status === 'failed' ? 'text-danger' : 'text-ink-muted')}>{aave.summary}</p>
      <ul className="flex flex-col gap-1.5">
        {aave.positions.map((p) => {
          const name = view.accounts.find((a) => sameAddress(a.address, p.account))?.name ?? p.account;
          return (
            <li key={p.account} className="flex flex-col gap-0.5 text-xs" data-l2-aave-position={p.account} data-status={p.status}>
              <span className="flex justify-between gap-2">
                <span className="truncate font-medium">{name}</span>
                <span className="shrink-0 tabular-nums" data-health-factor={p.healthFactorWad?.toString() ?? ''}>
                  health factor {p.healthFactorText}
                </span>
              </span>
              {p.error && <span className="text-[11px] text-danger break-words">Not read: {p.error}</span>}
              {p.debtEth !== null && <span className="text-[11px] text-ink-muted">Debt {formatEth(p.debtEth)} (at Aave’s WETH price)</span>}
              {p.lines.map((l) => (
                <span key={l.symbol} className="flex flex-col text-[11px]" data-l2-aave-collateral={l.symbol}>
                  <span className="flex justify-between gap-2">
                    <span>
                      {formatAmount(l.amount, 18, l.symbol)} supplied{l.valueEth !== null ? ` · ${formatEth(l.valueEth)}` : ''}
                    </span>
                    <span className="shrink-0 tabular-nums" data-distance={l.distanceWad?.toString() ?? ''}>
                      liquidation distance {l.distanceText}
                    </span>
                  </span>
                  <span className="text-ink-muted">{l.sentence}</span>
                </span>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
