import { useState } from 'react';
import type { FlowPreviewView } from '../../lib/messaging/protocol';
import type { TokenAmount } from '../../lib/flows/types';
import { formatGas, formatHealthFactor } from '../../lib/format';
import type { RiskFlag } from '../../lib/risk';
import { Amount, Badge, Button, InlineError } from '../ui';
import type { BadgeTone } from '../ui';
import { FlowFeeSummary } from './FlowFeeSummary';

const severityTone: Record<RiskFlag['severity'], BadgeTone> = { info: 'info', warn: 'warn', danger: 'danger' };

export function TokenList({ items, label }: { items: TokenAmount[]; label: string }) {
  if (items.length === 0) return <p className="text-xs text-ink-muted">None</p>;
  return (
    <ul aria-label={label} className="flex flex-col gap-0.5 text-xs">
      {items.map((t) => (
        <li key={`${t.token}-${t.amount}`} className="flex justify-between gap-2">
          <span className="text-ink-muted">{t.symbol}</span>
          <Amount
            value={t.amount}
            unit={t.symbol}
            rounding="floor"
            className={BigInt(t.amount) < 0n ? 'text-ink-muted' : 'font-medium text-ink'}
          />
        </li>
      ))}
    </ul>
  );
}

/** A risk flag with its numbers: the user sees the figures the warning rests on. */
function Flag({ flag }: { flag: RiskFlag }) {
  return (
    <li className="flex flex-col gap-0.5 rounded border border-line p-1.5">
      <span className="flex items-center gap-1.5">
        <Badge tone={severityTone[flag.severity]}>{flag.severity}</Badge>
        <span className="font-medium text-ink">{flag.title}</span>
      </span>
      {Object.keys(flag.numbers).length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-[11px] text-ink-muted">
          {Object.entries(flag.numbers).map(([k, v]) => (
            <div key={k} className="contents">
              <dt>{k}</dt>
              <dd className="break-all text-ink">{v}</dd>
            </div>
          ))}
        </dl>
      )}
      <span className="text-[11px] text-ink-muted">{flag.why}</span>
    </li>
  );
}

const stepTone = { ok: 'ok', reverted: 'danger', 'not-run': 'neutral' } as const;

/** The one combined preview of a flow: final position, tokens on the way, gas, every step's flags. */
export function FlowPreviewCard({
  preview,
  onBack,
  onStart,
  starting,
  startError,
  startLabel = 'Stake & deploy',
}: {
  preview: FlowPreviewView;
  onBack: () => void;
  /** `acceptFeeDanger`: the user ticked the box a danger-flagged fee needs (the background checks it too). */
  onStart: (options: { acceptFeeDanger: boolean }) => void;
  starting: boolean;
  startError?: { message: string; details?: string };
  /** The one-click button's text (an unwind says so instead of "Stake & deploy"). */
  startLabel?: string;
}) {
  const [feeAccepted, setFeeAccepted] = useState(false);
  const feeBlocked = (preview.feeEstimate?.flags.length ?? 0) > 0 && !feeAccepted;
  const ok = preview.status === 'ok';
  // The net balance changes, split so no "final position" shows a negative holding.
  const gains = preview.finalPosition.filter((t) => BigInt(t.amount) > 0n);
  const spends = preview.finalPosition.filter((t) => BigInt(t.amount) < 0n).map((t) => ({ ...t, amount: (-BigInt(t.amount)).toString() }));
  return (
    <section aria-label="Flow preview" className="flex flex-col gap-3 text-sm">
      <h2 className="font-semibold">{preview.plan.title}</h2>
      {preview.failedStep && (
        <div role="alert" className="rounded-md bg-danger-soft p-2 text-xs">
          <p className="font-semibold text-danger">
            Step {preview.failedStep.index + 1} would revert: {preview.failedStep.label}
          </p>
          <p className="text-ink">{preview.failedStep.reason}. Nothing was sent.</p>
        </div>
      )}
      {preview.status === 'unavailable' && (
        <p role="alert" className="text-xs text-warn">
          The simulation was not available; the flow cannot be checked, so it cannot be started.
        </p>
      )}
      <div>
        <h3 className="text-xs font-semibold text-ink">Final position</h3>
        <TokenList items={gains} label="Final position" />
      </div>
      {spends.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold text-ink">You spend</h3>
          <TokenList items={spends} label="You spend" />
        </div>
      )}
      <div>
        <h3 className="text-xs font-semibold text-ink">Tokens on the way</h3>
        <TokenList items={preview.intermediate} label="Intermediate tokens" />
      </div>
      <p className="text-xs">
        Gas for the whole flow: <span className="font-medium tabular-nums">{formatGas(BigInt(preview.gasUsed))}</span> gas units (
        {preview.steps.length} {preview.steps.length === 1 ? 'transaction' : 'transactions'})
      </p>
      {ok && (
        <FlowFeeSummary
          fee={preview.feeEstimate}
          steps={preview.steps.length}
          inputWei={preview.plan.inputWei}
          accepted={feeAccepted}
          onAccept={setFeeAccepted}
        />
      )}
      {preview.facts.withdrawal && (
        <div>
          <h3 className="text-xs font-semibold text-ink">Withdrawal</h3>
          <dl aria-label="Withdrawal facts" className="text-xs">
            {preview.facts.withdrawal.rows.map((r) => (
              <div key={r.label} className="border-b border-line py-1 last:border-0">
                <dt className="flex justify-between gap-2">
                  <span className="font-medium">{r.label}</span>
                  <span className="text-right">{r.value}</span>
                </dt>
                <dd className="break-all text-[10px] text-ink-muted">{r.source}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {preview.facts.healthFactorAfter && (
        <p className="text-xs">
          Aave health factor after supply: <span className="font-medium">{healthFactorText(preview.facts.healthFactorAfter)}</span>
        </p>
      )}
      <div>
        <h3 className="text-xs font-semibold text-ink">Steps</h3>
        <ol aria-label="Steps" className="flex flex-col gap-1.5">
          {preview.steps.map((s) => (
            <li key={s.index} className="flex flex-col gap-1 rounded-md border border-line p-2 text-xs">
              <span className="flex items-center justify-between gap-2">
                <span className="font-medium">
                  {s.index + 1}. {s.label}
                </span>
                <Badge tone={stepTone[s.status]}>{s.status === 'ok' ? 'simulated ok' : s.status}</Badge>
              </span>
              {s.reason && <span className="text-danger">{s.reason}</span>}
              {s.gasUsed && <span className="text-ink-muted">Gas {formatGas(BigInt(s.gasUsed))}</span>}
              {s.changes.length > 0 && <TokenList items={s.changes} label={`Balance changes of step ${s.index + 1}`} />}
              {s.flags.length > 0 && (
                <ul className="flex flex-col gap-1">
                  {s.flags.map((f) => (
                    <Flag key={f.id + f.title} flag={f} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </div>
      {preview.flowFlags.length > 0 && (
        <ul aria-label="Flow checks" className="flex flex-col gap-1 text-xs">
          {preview.flowFlags.map((f) => (
            <Flag key={f.id + f.title} flag={f} />
          ))}
        </ul>
      )}
      <InlineError error={startError} />
      <div className="flex gap-2">
        <Button variant="secondary" onClick={onBack}>
          Back
        </Button>
        <Button block onClick={() => onStart({ acceptFeeDanger: feeAccepted })} loading={starting} disabled={!ok || feeBlocked}>
          {startLabel}
        </Button>
      </div>
      {ok && (
        <p className="text-[11px] text-ink-muted">
          One click signs and sends all {preview.steps.length} steps in order with the account that planned them.
        </p>
      )}
    </section>
  );
}

/** Aave reports the health factor with 18 decimals; "no debt" is uint256 max. */
function healthFactorText(raw: string): string {
  const value = BigInt(raw);
  if (value > 10n ** 30n) return '∞ (no debt)';
  return formatHealthFactor(value);
}
