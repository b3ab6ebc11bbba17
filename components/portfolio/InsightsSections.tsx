import type { InsightsView } from '../../lib/messaging/insights-view';
import { formatAmount, formatApr, formatBps, formatEth, formatWadDeviation } from '../../lib/format';
import { formatAge } from '../../lib/state/portfolio-model';
import { withdrawalQueueFor } from '../../lib/restaking/withdrawal-queues';
import { Badge, Card } from '../ui';

type Sourced = { value: string; source: string };
const VENUE: Record<string, string> = { curve: 'Curve', 'uniswap-v3': 'Uniswap v3', chainlink: 'Chainlink feed' };

/** The ETH a sell route returns for this size, as the table shows it (the e2e test formats the pool's get_dy the same way). */
export const routeEthText = (wei: string | null) => (wei === null ? 'unknown' : formatEth(BigInt(wei)));
const yesNo = (v: boolean | 'unknown') => (v === 'unknown' ? 'unknown' : v ? 'yes' : 'no');

export function YieldRow({ insights }: { insights: InsightsView }) {
  const y = insights.yield;
  return (
    <Card title="Yield" aria-label="Yield">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {y.windows.map((w) => [
          <dt key={`${w.days}-k`} className="font-medium">
            {w.days}-day APR
          </dt>,
          <dd key={`${w.days}-v`} className="tabular-nums" data-apr-days={w.days}>
            {w.ok ? formatApr(w.aprWad) : <span className="text-ink-muted">unavailable: {w.detail}</span>}
          </dd>,
        ])}
      </dl>
      <p className="mt-1 text-[11px] text-ink-muted">
        Growth of {y.measuredOn}’s fair rate, simple APR ({y.source}).
      </p>
    </Card>
  );
}

function SourcedCell({ fact }: { fact: Sourced }) {
  return (
    <td className="py-1 align-top">
      <span className={fact.value === 'unknown' ? 'text-ink-muted' : ''}>{fact.value}</span>
      <span className="block text-[10px] text-ink-muted break-all">{fact.source}</span>
    </td>
  );
}

export function ExitRoutesTable({ insights }: { insights: InsightsView }) {
  const x = insights.exits;
  const queue = withdrawalQueueFor(insights.symbol);
  const amountEth: Sourced =
    x.protocol.amountEth.value === 'unknown'
      ? { value: 'unknown', source: x.protocol.amountEth.source }
      : { value: formatEth(BigInt(x.protocol.amountEth.value)), source: x.protocol.amountEth.source };
  return (
    <Card title="Exit routes" aria-label="Exit routes">
      <table className="w-full text-xs" data-exit-routes>
        <caption className="mb-1 text-left text-[11px] text-ink-muted">
          Selling {formatAmount(BigInt(x.amount), 18, insights.symbol)} now, at block {x.blockNumber}
        </caption>
        <thead>
          <tr className="text-left text-ink-muted">
            <th scope="col">Venue</th>
            <th scope="col" className="pl-2 text-right">
              ETH out
            </th>
            <th scope="col" className="pl-2 text-right">
              vs fair
            </th>
          </tr>
        </thead>
        <tbody>
          {x.sell.map((r, i) => (
            <tr key={`${r.venue}-${i}`} data-venue={r.venue} className="border-t border-line">
              <th scope="row" className="py-1 text-left font-medium" title={r.source}>
                {VENUE[r.venue] ?? r.venue}
                {r.via ? ` (via ${r.via})` : ''}
                {r.kind === 'feed-price' ? ' · price, not a quote' : ''}
              </th>
              <td className="whitespace-nowrap py-1 pl-2 text-right tabular-nums" data-eth-out>
                {r.error ? <span className="text-danger">failed: {r.error}</span> : routeEthText(r.ethOut)}
              </td>
              <td className="whitespace-nowrap py-1 pl-2 text-right tabular-nums">
                {r.vsFairWad === null ? 'unknown' : formatWadDeviation(BigInt(r.vsFairWad))}
              </td>
            </tr>
          ))}
          {x.sell.length === 0 && (
            <tr>
              <td colSpan={3} className="py-1 text-ink-muted">
                No market listed for this token.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <h3 className="mt-2 text-xs font-semibold">Protocol withdrawal · {x.protocol.route}</h3>
      {queue && (
        <p className="text-[11px] text-ink-muted" data-automated-exit>
          Automated: request and claim through {queue.name} in one click from this position (preview first).
        </p>
      )}
      <table className="w-full text-xs" aria-label="Protocol withdrawal">
        <tbody>
          {(
            [
              ['Amount', amountEth],
              ['Delay', x.protocol.delay],
              ['Fee', x.protocol.fee],
              ['Queue', x.protocol.queue],
            ] as const
          ).map(([label, fact]) => (
            <tr key={label} className="border-t border-line">
              <th scope="row" className="w-16 py-1 text-left align-top font-medium">
                {label}
              </th>
              <SourcedCell fact={fact} />
            </tr>
          ))}
          {x.protocol.instant && (
            <tr className="border-t border-line">
              <th scope="row" className="py-1 text-left align-top font-medium">
                Instant
              </th>
              <SourcedCell
                fact={
                  'error' in x.protocol.instant
                    ? { value: `failed: ${x.protocol.instant.error}`, source: x.protocol.instant.source }
                    : {
                        value: `${formatEth(BigInt(x.protocol.instant.ethOut))}${x.protocol.instant.feeBps === null ? '' : ` (fee ${formatBps(BigInt(x.protocol.instant.feeBps))})`}`,
                        source: x.protocol.instant.source,
                      }
                }
              />
            </tr>
          )}
        </tbody>
      </table>
    </Card>
  );
}

export function ProtocolCard({ insights }: { insights: InsightsView }) {
  const p = insights.profile;
  const upgradeable = p.proxies.some((x) => 'implementation' in x && x.implementation !== null);
  const rows: [string, string, string][] = [
    [
      'Rate oracle',
      p.rateOracle === 'stored' ? 'stored (updated by the protocol)' : 'live (computed from balances)',
      `registry; stored-rate timestamp ${p.storedRateUpdatedAt.value}`,
    ],
    ['Donation-susceptible', p.donationSusceptible ? 'yes' : 'no', 'registry (reference §1.1)'],
    ...p.feedUpdates.map((u): [string, string, string] => [
      'error' in u ? `${u.symbol} feed` : `${u.symbol} feed update`,
      'error' in u
        ? `failed: ${u.error}`
        : `${new Date(Number(u.updatedAt) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC (${formatAge(Number(u.ageSeconds) * 1000)} ago)`,
      u.source,
    ]),
    [
      'Upgradeable proxy',
      upgradeable ? 'yes (EIP-1967)' : p.registrySaysUpgradeable ? 'yes (registry; no EIP-1967 slot)' : 'no',
      p.proxies.map((x) => `${x.role}: ${'error' in x ? x.error : (x.implementation ?? 'not a proxy')}`).join('; ') || 'registry',
    ],
    ['Paused', yesNo(p.paused.value), p.paused.source],
    ['Withdrawal available', yesNo(p.withdrawal.available), `${p.withdrawal.detail} (${p.withdrawal.source})`],
  ];
  return (
    <Card title={`Protocol · ${p.name}`} aria-label="Protocol">
      {p.flags.length > 0 && (
        <div className="mb-2 flex flex-wrap gap-1" aria-label="Protocol risk flags">
          {p.flags.map((f) => (
            <Badge key={f.id} tone={f.severity} title={f.why}>
              {f.title}
            </Badge>
          ))}
        </div>
      )}
      <dl className="text-xs">
        {rows.map(([label, value, source]) => (
          <div key={label} className="border-b border-line py-1 last:border-0">
            <dt className="flex justify-between gap-2">
              <span className="font-medium">{label}</span>
              <span className="text-right">{value}</span>
            </dt>
            <dd className="text-[10px] text-ink-muted break-all">{source}</dd>
          </div>
        ))}
      </dl>
      {(p.bridges ?? []).length > 0 && (
        <details className="mt-2 text-xs" data-profile-bridges>
          <summary className="cursor-pointer font-medium underline">Bridged to L2s ({p.bridges.length})</summary>
          <ul className="mt-1 flex flex-col gap-1">
            {p.bridges.map((b) => (
              <li
                key={`${b.chainId}:${b.symbol}`}
                className="border-b border-line pb-1 last:border-0"
                data-bridge-line={`${b.chainId}:${b.symbol}`}
              >
                <p>{b.text}</p>
                {b.holder && <p className="font-mono text-[10px] break-all">held by {b.holder} on Ethereum</p>}
                <p className="text-[10px] text-ink-muted break-all">Source: {b.source}</p>
              </li>
            ))}
          </ul>
        </details>
      )}
    </Card>
  );
}
