import type { FlowState, StepStatus } from '../../lib/flows/types';
import { retryFlow } from '../../lib/state/flows';
import { Badge, Button, InlineError, Spinner, TxHash } from '../ui';
import { ReplaceControls } from '../popup/activity/ReplaceControls';
import type { BadgeTone } from '../ui';
import { useAction } from '../hooks/use-action';
import { useTxLink } from '../hooks/use-explorer';
import { TokenList } from './FlowPreviewCard';
import { FlowUnwind } from './FlowUnwind';
import { FlowFeeRequote } from './FlowFeeRequote';

const stepTone: Record<StepStatus, BadgeTone> = { planned: 'neutral', sending: 'info', sent: 'info', mined: 'ok', failed: 'danger' };
const stepText: Record<StepStatus, string> = {
  planned: 'waiting',
  sending: 'signing',
  sent: 'sent, waiting for block',
  mined: 'mined',
  failed: 'failed',
};
const flowText: Record<FlowState['status'], string> = { planned: 'starting', running: 'running', done: 'done', failed: 'stopped' };

/** Step n of m with every step's status and hash; on a stop, what the user holds now and the ways on. */
export function FlowProgress({
  flow,
  onNew,
  onShowFlow,
  newLabel = 'New flow',
}: {
  flow: FlowState;
  onNew: () => void;
  /** The finished flow's button (a one-click withdraw says "Refresh positions"). */
  newLabel?: string;
  /** Show another flow (the unwind just started). */ onShowFlow?: (id: string) => void;
}) {
  const retry = useAction(retryFlow);
  const txLink = useTxLink();
  const total = flow.steps.length;
  const mined = flow.steps.filter((s) => s.status === 'mined').length;
  const currentIndex = flow.steps.findIndex((s) => s.status !== 'mined');
  const current = currentIndex < 0 ? total : currentIndex + 1;
  const finished = flow.status === 'done' || flow.status === 'failed';
  // Stopped for the fee: Retry quotes a new fee (shown below) instead of sending with the old one.
  const feeStop = flow.status === 'failed' && flow.failure?.error.code === 'flow.step.fee-above-max' && Boolean(flow.plan.fee);
  const retryLabel = (label: string) => (!feeStop ? label : flow.feeRequote ? 'Quote the fee again' : `${label} (with a new fee)`);
  return (
    <section aria-label="Flow progress" className="flex flex-col gap-3 text-sm">
      <div className="flex items-center justify-between gap-2">
        <h2 className="font-semibold">{flow.plan.title}</h2>
        <Badge tone={flow.status === 'done' ? 'ok' : flow.status === 'failed' ? 'danger' : 'info'}>
          <span data-testid="flow-status">{flowText[flow.status]}</span>
        </Badge>
      </div>
      <p aria-live="polite" className="text-xs">
        {flow.status === 'done'
          ? total === 1
            ? 'Its one step is mined.'
            : `All ${total} steps mined.`
          : `Step ${Math.min(current, total)} of ${total}`}
        {!finished && <Spinner className="ml-2 inline-block h-3 w-3" />}
      </p>
      <div
        role="progressbar"
        aria-label="Steps mined"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={mined}
        aria-valuetext={`${mined} of ${total} steps mined`}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-muted"
      >
        <div className="h-full bg-brand transition-all" style={{ width: `${total === 0 ? 0 : (mined / total) * 100}%` }} />
      </div>
      <ol aria-label="Steps" className="flex flex-col gap-1.5">
        {flow.plan.steps.map((p, i) => {
          const s = flow.steps[i];
          if (!s) return null;
          return (
            <li key={i} className="flex flex-col gap-0.5 rounded-md border border-line p-2 text-xs">
              <span className="flex items-center justify-between gap-2">
                <span className="font-medium">
                  {i + 1}. {p.label}
                </span>
                <Badge tone={stepTone[s.status]}>{stepText[s.status]}</Badge>
              </span>
              {s.hash && (
                <span className="flex items-center gap-1 text-ink-muted">
                  tx <TxHash hash={s.hash} href={txLink(flow.plan.chainId, s.hash)} />
                </span>
              )}
              {s.replacedHashes?.map((old) => (
                <span key={old} className="flex items-center gap-1 text-ink-muted">
                  sped up from <TxHash hash={old} href={txLink(flow.plan.chainId, old)} />
                </span>
              ))}
              {/* A step waiting in the pool (a gas spike): speed it up or cancel it from here as from Activity. */}
              {s.status === 'sent' && s.hash && s.nonce !== undefined && <ReplaceControls hash={s.hash} nonce={s.nonce} />}
              {s.error && <span className="text-danger">{s.error.message}</span>}
            </li>
          );
        })}
      </ol>
      {flow.failure && (
        <div role="alert" className="flex flex-col gap-2 rounded-md border border-danger bg-danger-soft p-2 text-xs">
          <p className="font-semibold text-danger">{flow.failure.error.message}</p>
          {flow.failure.error.details && <p className="text-ink">{flow.failure.error.details}</p>}
          <h3 className="font-semibold text-ink">What you hold now</h3>
          <TokenList items={flow.failure.holdings} label="What you hold now" />
          <h3 className="font-semibold text-ink">What you can do</h3>
          <ul className="flex flex-col gap-1">
            {flow.failure.options.map((o, i) => (
              <li key={i} className="flex flex-col gap-1">
                {o.kind === 'retry' ? (
                  <Button size="sm" loading={retry.loading} onClick={() => void retry.run(flow.id)}>
                    {retryLabel(o.label)}
                  </Button>
                ) : o.kind === 'unwind' ? (
                  o.note && <span className="text-ink-muted">{o.note}</span>
                ) : (
                  <span className="text-ink-muted">{o.label}</span>
                )}
              </li>
            ))}
          </ul>
          {feeStop && flow.feeRequote && <FlowFeeRequote flow={flow} />}
          <FlowUnwind flow={flow} {...(onShowFlow ? { onStarted: onShowFlow } : {})} />
          <InlineError error={retry.error} />
        </div>
      )}
      {finished && (
        <Button variant="secondary" onClick={onNew}>
          {newLabel}
        </Button>
      )}
    </section>
  );
}
