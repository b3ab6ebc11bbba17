import type { ReactNode } from 'react';
import type { PortfolioView } from '../../lib/messaging/portfolio-view';
import { formatHealthFactor, formatWadDeviation, sameAddress } from '../../lib/format';
import { badgesOf, type PositionView } from '../../lib/state/portfolio-model';
import { LiquidationRow } from './LiquidationRow';
import { Address, Badge } from '../ui';
import { Screen } from '../layout/Screen';
import { PegChart } from './PegChart';
import { PositionInsights } from './PositionInsights';
import { LrtLookThrough } from './LrtLookThrough';
import { WithdrawAction } from './WithdrawAction';
import { RESTAKING_SYMBOLS } from '../../lib/restaking';
import { amountText, ethText, riskEthText } from './PositionRow';

const METHOD: Record<string, string> = {
  'eigenlayer-magnitudes':
    'EigenLayer: your withdrawable stake × each operator set’s allocated magnitude ÷ the operator’s max magnitude (reference §6).',
  'lrt-share': 'Your share of the LRT supply × what every operator set behind the LRT could slash (its staker contracts, read on chain).',
  'symbiotic-slashable': 'The vault’s slashableBalanceOf for your account.',
  'mellow-share':
    'Your share of the LRT supply × what the Symbiotic networks behind its vault could slash (their stake min(activeStake, networkLimit) × the LRT’s part of the vault); networks restake the same stake, so together at most the LRT’s active balance.',
};

/** The symbol whose peg chart belongs to a position: the token itself, the Aave underlying, the strategy's token. */
const pegSymbolOf = (p: PositionView) =>
  p.family === 'token' ? p.asset : p.family === 'aave' ? p.details.underlying : (p.details.strategy ?? p.asset.split(' ')[0]);

function Row({ label, value, meaning }: { label: string; value: ReactNode; meaning: string }) {
  return (
    <div className="border-b border-line py-1.5 last:border-0">
      <dt className="flex items-center justify-between gap-2 text-xs">
        <span className="font-medium text-ink">{label}</span>
        <span className="tabular-nums text-ink">{value}</span>
      </dt>
      <dd className="text-[11px] text-ink-muted">{meaning}</dd>
    </div>
  );
}

/** Every number of one position, what it means, and the contract and block it was read from. */
export function PositionDetail({ position: p, view, onBack }: { position: PositionView; view: PortfolioView; onBack: () => void }) {
  const block = view.snapshot?.blockNumber ?? '?';
  const symbol = pegSymbolOf(p);
  const history = symbol ? view.history[`token:${symbol}`] : undefined;
  const account = view.accounts.find((a) => sameAddress(a.address, p.account));
  const hf = p.details.healthFactor;
  return (
    <Screen title={p.asset} onBack={onBack}>
      <div className="flex flex-col gap-3">
        <p className="text-xs text-ink-muted">
          {account?.name ?? 'Account'} {account?.watchOnly && <Badge tone="neutral">watch-only</Badge>}{' '}
          <Address address={p.account} named={false} />
        </p>
        {p.status === 'failed' && (
          <p role="alert" className="rounded-md bg-danger-soft p-2 text-xs text-danger">
            This position could not be read: {p.error}
          </p>
        )}
        <div className="flex flex-wrap gap-1">
          {badgesOf(p, view.freshness.stale).map((b) => (
            <Badge key={b.label} tone={b.tone} title={b.why}>
              {b.label}
            </Badge>
          ))}
        </div>
        <dl>
          <Row
            label="Amount"
            value={amountText(p)}
            meaning="Your balance in the position’s own unit, exactly as the contract reports it."
          />
          <Row
            label="Fair value"
            value={ethText(p.fairValueEth)}
            meaning="Amount × the protocol’s own redemption rate: what it is worth at the protocol."
          />
          <Row
            label="Market value"
            value={ethText(p.marketValueEth)}
            meaning={`What selling this size now returns${p.marketSource ? ` (${p.marketSource})` : ''}.`}
          />
          {p.depegWad !== null && (
            <Row
              label="Depeg"
              value={formatWadDeviation(BigInt(p.depegWad))}
              meaning="Market ÷ fair − 1. Below −1 % is a warning, below −3 % danger."
            />
          )}
          {p.slashing && (
            <Row
              label="Slashing exposure"
              value={riskEthText(p.slashing.worstCaseEth)}
              meaning={`ETH lost if every ${p.slashing.method === 'mellow-share' ? 'Symbiotic network' : 'operator set'} slashed 100 %. ${METHOD[p.slashing.method] ?? ''}`}
            />
          )}
          {p.il && (
            <Row
              label="Impermanent loss"
              value={formatWadDeviation(BigInt(p.il.ilWad))}
              meaning={`LP value ${ethText(p.il.lpValueEth)} vs holding ${ethText(p.il.hodlValueEth)} (${p.il.basis.replaceAll('-', ' ')}).`}
            />
          )}
          {hf !== undefined && (
            <Row
              label="Health factor"
              value={BigInt(hf) > 10n ** 30n ? 'no debt' : formatHealthFactor(BigInt(hf))}
              meaning="Aave v3: collateral × liquidation threshold ÷ debt. Under 1.0 the position can be liquidated."
            />
          )}
          <LiquidationRow position={p} />
        </dl>
        <WithdrawAction position={p} />
        {p.status === 'ok' && <LrtLookThrough position={p} />}
        {p.family === 'token' && p.status === 'ok' && (RESTAKING_SYMBOLS as readonly string[]).includes(p.asset) && (
          <PositionInsights symbol={p.asset} amountWei={p.amount} />
        )}
        {symbol && history && history.length > 0 && (
          <section aria-label={`Peg history of ${symbol}`}>
            <h2 className="mb-1 text-xs font-semibold">Peg history · {symbol}</h2>
            <PegChart symbol={symbol} points={history} />
          </section>
        )}
        <section aria-label="Sources">
          <h2 className="mb-1 text-xs font-semibold">Where these numbers come from</h2>
          <p className="mb-1 text-[11px] text-ink-muted">
            Read at block {block} on {view.network.name}.
          </p>
          <ul className="flex flex-col gap-1 text-[11px]">
            {p.sources.map((s) => (
              <li key={`${s.contract}:${s.call}`} className="flex items-center justify-between gap-2">
                <span className="font-mono">{s.call}</span>
                <Address address={s.contract} />
              </li>
            ))}
          </ul>
          {Object.keys(p.details).length > 0 && (
            <details className="mt-2 text-[11px]">
              <summary className="cursor-pointer text-ink-muted">Raw facts ({Object.keys(p.details).length})</summary>
              <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 break-all">
                {Object.entries(p.details).map(([k, v]) => [
                  <dt key={`${k}-k`} className="text-ink-muted">
                    {k}
                  </dt>,
                  <dd key={`${k}-v`} className="font-mono">
                    {v}
                  </dd>,
                ])}
              </dl>
            </details>
          )}
        </section>
      </div>
    </Screen>
  );
}
