import { formatEth } from '../../lib/format';
import type { Preview } from '../../lib/preview/types';
import { USD_PRICE_UNAVAILABLE, formatUsd } from '../../lib/risk/fee-usd';
import type { StoredEthUsd } from '../../lib/storage/fee-quote';
import { Card, Spinner, cx } from '../ui';
import { DecodedCallLine } from './DecodedCallLine';
import { RiskFlagItem, severityLabel } from './RiskFlagItem';

const bannerTone = {
  danger: 'border-danger bg-danger-soft text-danger',
  warn: 'border-warn bg-warn-soft text-warn',
  info: 'border-info bg-info-soft text-info',
  none: 'border-ok bg-ok-soft text-ok',
} as const;

function bannerText(preview: Preview): string {
  const count = preview.flags.length;
  if (preview.worst === 'none') return preview.notChecked.length > 0 ? 'No risk flags in what could be checked' : 'No risk flags found';
  return `${severityLabel[preview.worst]}: ${count} ${count === 1 ? 'finding' : 'findings'}`;
}

/**
 * The total cost in the verdict. `total`: value + max fee of every call, in wei, as the fee panel shows it
 * now (typed fields included); `unpriced`: the typed fee cannot be priced yet; `unknown`: no fee was
 * quoted; `none`: a signature sends nothing.
 */
export type VerdictCost =
  | { kind: 'total'; wei: bigint; ethUsd?: Pick<StoredEthUsd, 'answer' | 'decimals'>; ethUsdError?: string; gasUnknown?: boolean }
  | { kind: 'unpriced' | 'unknown' | 'none' };

function costText(cost: VerdictCost): string {
  switch (cost.kind) {
    case 'none':
      return 'No network fee (a signature sends no transaction)';
    case 'unknown':
      return 'Total cost unknown: the network fee could not be read';
    case 'unpriced':
      return 'Total cost: fix the fee fields to see it';
    case 'total': {
      const eth = formatEth(cost.wei, { maxFractionDigits: 8, rounding: 'expand' });
      const usd = cost.ethUsd ? formatUsd(cost.wei, cost.ethUsd) : USD_PRICE_UNAVAILABLE;
      return `Total cost (value + max fee): ${eth} · ${usd}${cost.gasUnknown ? ' (a gas limit is not set yet)' : ''}`;
    }
  }
}

function CostLine({ cost }: { cost: VerdictCost }) {
  return (
    <span
      className="block text-xs font-medium"
      data-testid="verdict-total"
      data-kind={cost.kind}
      {...(cost.kind === 'total' ? { 'data-wei': cost.wei.toString(), title: cost.ethUsdError } : {})}
    >
      {costText(cost)}
    </span>
  );
}

/** The preview above Approve / Reject: worst first (with the total cost), then every flag, balance changes, decoded calls, gaps. */
export function RiskPreview({ preview, rpcHost, cost }: { preview?: Preview; rpcHost: string; cost?: VerdictCost }) {
  if (!preview) {
    return (
      <Card title="Risk preview" data-testid="risk-preview" aria-busy="true">
        <p className="flex items-center gap-2 text-sm text-ink-muted" data-testid="risk-preview-loading">
          <Spinner label="Simulating" /> Simulating on {rpcHost}…
        </p>
        {cost && (
          <p className="mt-2 text-ink">
            <CostLine cost={cost} />
          </p>
        )}
      </Card>
    );
  }
  return (
    <Card title="Risk preview" data-testid="risk-preview" data-worst={preview.worst}>
      <div className="flex flex-col gap-3">
        <p
          role="status"
          className={cx('rounded-md border px-3 py-2 text-sm font-semibold', bannerTone[preview.worst])}
          data-testid="risk-banner"
        >
          {bannerText(preview)}
          {cost && <CostLine cost={cost} />}
        </p>
        {preview.flags.length > 0 && (
          <ul className="flex flex-col gap-2">
            {preview.flags.map((f, i) => (
              <RiskFlagItem key={`${f.id}-${i}`} flag={f} />
            ))}
          </ul>
        )}
        {preview.balanceChanges.length > 0 && (
          <section aria-label="Balance changes">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">Balance changes (simulated on {rpcHost})</h3>
            <ul className="mt-1 text-sm" data-testid="balance-changes">
              {preview.balanceChanges.map((b) => (
                <li key={b.token} className={cx('font-mono', b.delta.startsWith('-') ? 'text-danger' : 'text-ok')}>
                  {b.formatted}
                </li>
              ))}
            </ul>
          </section>
        )}
        {/* Signatures: the details card above already shows the decoded message; calls are what a preview adds. */}
        {preview.decoded.length > 0 && (preview.kind === 'transaction' || preview.kind === 'batch') && (
          <section aria-label="Decoded calls">
            <h3 className="text-xs font-semibold uppercase tracking-wide text-ink-muted">What it calls</h3>
            <ol className="mt-1 flex flex-col gap-1 text-xs" data-testid="decoded-calls">
              {preview.decoded.map((c, i) => (
                <li key={i}>
                  <DecodedCallLine call={c} />
                </li>
              ))}
            </ol>
          </section>
        )}
        {preview.notChecked.length > 0 && (
          <section aria-label="Could not check" data-testid="not-checked">
            <h3 className="text-xs font-semibold text-warn">Could not check:</h3>
            <ul className="list-disc pl-4 text-xs text-ink-muted">
              {preview.notChecked.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </Card>
  );
}
