import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import type { ChainsOverview, ChainView, L2HoldingView } from '../../lib/state/chains-model';
import { formatAmount, formatEth, sameAddress } from '../../lib/format';
import { formatUsd, USD_PRICE_UNAVAILABLE } from '../../lib/risk/fee-usd';
import { RiskFlagItem, severityLabel, severityTone } from '../approval/RiskFlagItem';
import { Address, Badge, Card, ShareBar, shareFill, cx } from '../ui';
import { L2AaveSection } from './L2AaveSection';
import { L2DepegLine } from './L2DepegLine';

const pct = (bps: number) => `${(bps / 100).toFixed(1)} %`;

/** Portfolio across chains (issue #18): the total, each chain's share, what was not read and why, then each L2 holding. */
export function ChainsCard({ overview, view }: { overview: ChainsOverview; view: PortfolioView }) {
  const usd = view.ethUsd;
  const usdOf = (wei: bigint) => (usd ? formatUsd(wei, usd, 'trunc') : USD_PRICE_UNAVAILABLE);
  const l2s = overview.chains.filter((c) => c.chainId !== 1 && (c.holdings.length > 0 || showsAave(c)));
  return (
    <Card title="Across chains" aria-label="Portfolio across chains" data-chains-total={overview.totalEth.toString()}>
      <p className="text-lg font-semibold tabular-nums">
        {formatEth(overview.totalEth)}
        <span className="ml-2 text-xs font-normal text-ink-muted">{usdOf(overview.totalEth)}</span>
      </p>
      <ShareBar
        className="my-2"
        label="Share per chain"
        segments={overview.chains.map((c) => ({ key: String(c.chainId), label: c.name, shareBps: c.shareBps }))}
      />
      <ul className="flex flex-col gap-0.5 text-xs" aria-label="Value per chain">
        {overview.chains.map((c, i) => (
          <ChainRow key={c.chainId} chain={c} fill={shareFill(i)} usd={usdOf(c.valueEth)} />
        ))}
        {overview.unread.map((c) => (
          <li key={c.chainId} className="flex flex-col" data-chain={c.chainId} data-chain-status={c.status}>
            <span>{c.name}</span>
            <span className={cx('pl-3.5 text-[11px] break-words', c.status === 'failed' ? 'text-danger' : 'text-ink-muted')}>
              {c.status === 'failed' ? `read failed: ${c.error ?? 'no answer'}` : `not read: ${c.error ?? 'no RPC URL'}`}
            </span>
          </li>
        ))}
      </ul>
      <p className="mt-1 text-[11px] text-ink-muted">
        Ethereum: fair value of the positions below. L2s: bridged tokens at each L2&apos;s own rate, plus Aave v3 collateral at Aave&apos;s
        price. ETH on the L2s and Aave debt are not counted.
      </p>
      {l2s.map((c) => (
        <section key={c.chainId} className="mt-2 border-t border-line pt-2" aria-label={`Holdings on ${c.name}`}>
          <h3 className="text-xs font-semibold">{c.name}</h3>
          <ul className="flex flex-col gap-1.5">
            {c.holdings.map((h) => (
              <HoldingRow key={h.id} holding={h} usd={h.valueEth === null ? USD_PRICE_UNAVAILABLE : usdOf(h.valueEth)} view={view} />
            ))}
          </ul>
          {showsAave(c) && <L2AaveSection aave={c.aave!} view={view} />}
        </section>
      ))}
    </Card>
  );
}

/** A chain's Aave block is shown when it holds a position, or when its read failed (unknown is said, not hidden). */
const showsAave = (c: ChainView) => Boolean(c.aave && (c.aave.status === 'failed' || c.aave.positions.length > 0));

function ChainRow({ chain: c, fill, usd }: { chain: ChainView; fill: string; usd: string }) {
  return (
    <li className="flex flex-col" data-chain={c.chainId} data-chain-status={c.status} data-chain-eth={c.valueEth.toString()}>
      <span className="flex items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-1.5">
          <span aria-hidden="true" className={cx('inline-block h-2 w-2 shrink-0 rounded-full', fill)} />
          <span>{c.name}</span>
        </span>
        <span className="shrink-0 tabular-nums">{formatEth(c.valueEth)}</span>
      </span>
      <span className="flex justify-between gap-2 pl-3.5 text-[11px] tabular-nums text-ink-muted">
        <span>{pct(c.shareBps)} of the total</span>
        <span>{usd}</span>
      </span>
    </li>
  );
}

function HoldingRow({ holding: h, usd, view }: { holding: L2HoldingView; usd: string; view: PortfolioView }) {
  const account = view.accounts.find((a) => sameAddress(a.address, h.account));
  return (
    <li className="flex flex-col gap-0.5 text-xs" data-l2-holding={h.id} data-lag={h.lag}>
      <span className="flex justify-between gap-2">
        <span className="truncate font-medium" data-amount>
          {formatAmount(h.amount, 18, h.symbol)}
        </span>
        <span className="shrink-0 tabular-nums" data-value-eth={h.valueEth?.toString() ?? ''}>
          {h.valueEth === null ? 'n/a' : formatEth(h.valueEth)}
        </span>
      </span>
      <span className="flex justify-between gap-2 text-[11px] text-ink-muted">
        <span className="truncate">{account?.name ?? h.account}</span>
        <span className="shrink-0 tabular-nums">{usd}</span>
      </span>
      <span className="text-[11px] text-ink-muted">
        {h.rate === null
          ? `${h.chainName} rate not read`
          : `at ${formatAmount(h.rate, 18, `ETH per ${h.symbol}`, { maxFractionDigits: 6 })} (${h.chainName} rate)`}
      </span>
      {h.flag && (
        <details className="text-[11px]" data-rate-lag={h.flag.severity}>
          <summary className="cursor-pointer">
            <Badge tone={severityTone[h.flag.severity]}>Rate lag · {severityLabel[h.flag.severity]}</Badge>{' '}
            <span className="underline">{h.flag.title}</span>
          </summary>
          <ul className="mt-1">
            <RiskFlagItem flag={h.flag} />
          </ul>
        </details>
      )}
      {h.lag === 'unknown' && <span className="text-[11px] text-ink-muted">Rate lag not checked: a rate could not be read.</span>}
      <L2DepegLine holding={h} />
      {h.bridge && (
        <details className="text-[11px]" data-bridge-line>
          <summary className="cursor-pointer text-ink-muted underline">
            Bridge: backing {h.bridge.holder ? 'on Ethereum' : 'unknown'}
          </summary>
          <p className="mt-1">{h.bridge.text}</p>
          {h.bridge.holder && (
            <p>
              Holder on Ethereum: <Address address={h.bridge.holder} />
            </p>
          )}
          <p className="text-ink-muted">Bridge: {h.bridge.bridge}</p>
          <p className="break-all font-mono text-ink-muted">Source: {h.bridge.source}</p>
        </details>
      )}
    </li>
  );
}
