import type { Preview } from '../../lib/preview/types';
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

/** The preview above Approve / Reject: worst first, then every flag, balance changes, decoded calls, gaps. */
export function RiskPreview({ preview, rpcHost }: { preview?: Preview; rpcHost: string }) {
  if (!preview) {
    return (
      <Card title="Risk preview" data-testid="risk-preview" aria-busy="true">
        <p className="flex items-center gap-2 text-sm text-ink-muted" data-testid="risk-preview-loading">
          <Spinner label="Simulating" /> Simulating on {rpcHost}…
        </p>
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
