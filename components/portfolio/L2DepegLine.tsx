import type { L2HoldingView } from '../../lib/state/chains-model';
import { formatAmount, formatEth, formatWadDeviation } from '../../lib/format';
import { RiskFlagItem, severityLabel, severityTone } from '../approval/RiskFlagItem';
import { Address, Badge } from '../ui';

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Which quote priced the market value: the size that covers the holding, so the impact of selling it is included. */
function marketBasis(h: L2HoldingView): string {
  if (h.marketQuotedSize === null) return '1-token quote × amount';
  const size = formatAmount(h.marketQuotedSize, 18, h.symbol, { maxFractionDigits: 0 });
  return h.marketBeyondQuotes
    ? `priced from a ${size} quote, the largest that answered; the price impact beyond it is not counted`
    : `what selling it returns, priced from a ${size} quote`;
}

/**
 * The depeg of an L2 holding from that chain's own pool (issue #18 item 4), beside its rate-lag flag: the figure in the
 * summary, the pool, the quote and the fair rate it is measured against one click away. Not checked stays "not checked"
 * with the reason — never "no depeg".
 */
export function L2DepegLine({ holding: h }: { holding: L2HoldingView }) {
  const d = h.depeg;
  if (!d || d.status === 'not-checked' || d.depegWad === null || d.marketRate === null || d.fairRate === null)
    return (
      <span className="text-[11px] text-ink-muted" data-l2-depeg="not-checked">
        {upperFirst(d?.error ?? `market price not checked on ${h.chainName}: this snapshot has no pool read`)}
      </span>
    );
  const unit = `ETH per ${h.symbol}`;
  const fairFrom =
    d.fairSource === 'l1-fair-rate' ? 'the L1 fair rate (Ethereum)' : `the ${h.chainName} rate source (no L1 fair rate read)`;
  return (
    <details className="text-[11px]" data-l2-depeg={d.flag?.severity ?? 'ok'} data-depeg-wad={d.depegWad.toString()}>
      <summary className="cursor-pointer">
        {d.flag && <Badge tone={severityTone[d.flag.severity]}>Depeg · {severityLabel[d.flag.severity]}</Badge>}{' '}
        <span className="underline">
          Market {formatWadDeviation(d.depegWad)} vs fair on {h.chainName}
        </span>
      </summary>
      <p className="mt-1 tabular-nums" data-market-value-eth={h.marketValueEth?.toString() ?? ''}>
        Market value {h.marketValueEth === null ? 'n/a' : formatEth(h.marketValueEth)} ({marketBasis(h)})
      </p>
      <p className="tabular-nums">
        Pool {formatAmount(d.marketRate, 18, unit, { maxFractionDigits: 6 })} vs{' '}
        {formatAmount(d.fairRate, 18, unit, { maxFractionDigits: 6 })} from {fairFrom}
      </p>
      {d.pool && (
        <p>
          Pool on {h.chainName}: <Address address={d.pool} />
        </p>
      )}
      {d.marketSource && <p className="break-all font-mono text-ink-muted">Quote: {d.marketSource}</p>}
      {d.reference && <p className="break-all font-mono text-ink-muted">Source: {d.reference}</p>}
      {d.flag && (
        <ul className="mt-1">
          <RiskFlagItem flag={d.flag} />
        </ul>
      )}
    </details>
  );
}
