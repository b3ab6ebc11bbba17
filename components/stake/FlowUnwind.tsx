import { useState } from 'react';
import type { FlowState, UnwindExit } from '../../lib/flows/types';
import { formatAmountExact } from '../../lib/format';
import type { FlowPreviewView } from '../../lib/messaging/protocol';
import { flowsStore, planWithdrawFlow, startFlow, unwindFlow } from '../../lib/state/flows';
import { Button, InlineError } from '../ui';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { FlowPreviewCard } from './FlowPreviewCard';
import { FlowProgress } from './FlowProgress';
import { UnwindExits } from './UnwindExits';

/**
 * "Unwind": plans the inverse of the stopped flow's finished steps as a new flow, shows its combined
 * preview (simulated together, flags, gas, and what has no instant way back), then one click runs it
 * with the same executor as any flow. A staked token a protocol queue takes gets its "Ways out": the
 * market sale beside the protocol's withdrawal; picking the protocol runs the one-click withdraw request
 * (flows:withdraw, its own preview), then the unwind is planned again for what is left.
 */
export function FlowUnwind({ flow, onStarted }: { flow: FlowState; onStarted?: (id: string) => void }) {
  const [preview, setPreview] = useState<FlowPreviewView>();
  const [request, setRequest] = useState<FlowPreviewView>();
  const [requestFlowId, setRequestFlowId] = useState<string>();
  const plan = useAction(unwindFlow);
  const planRequest = useAction(planWithdrawFlow);
  const start = useAction(startFlow);
  const flows = useResource(flowsStore);
  const finished = flow.steps.filter((s) => s.status === 'mined').length;
  if (finished === 0) return null;

  async function onPreview() {
    setPreview(undefined);
    const p = await plan.run(flow.id);
    if (p) setPreview(p);
  }

  async function onStart(p: FlowPreviewView, options: { acceptFeeDanger: boolean }) {
    const state = await start.run(p.previewId, options);
    if (!state) return;
    setPreview(undefined);
    onStarted?.(state.id);
    void flowsStore.getState().reload();
  }

  async function onRequest(exit: UnwindExit) {
    const p = await planRequest.run({
      kind: 'request',
      symbol: exit.symbol,
      amountText: formatAmountExact(BigInt(exit.amount)),
      account: flow.plan.from,
    });
    if (p) setRequest(p);
  }

  async function onStartRequest(p: FlowPreviewView, options: { acceptFeeDanger: boolean }) {
    const state = await start.run(p.previewId, options);
    if (!state) return;
    setRequest(undefined);
    setRequestFlowId(state.id);
    void flowsStore.getState().reload();
  }

  const box = 'flex flex-col gap-2 rounded-md border border-line bg-surface p-2';
  if (requestFlowId) {
    const running = flows.data?.find((f) => f.id === requestFlowId);
    return (
      <div className={box}>
        {running ? (
          <FlowProgress
            flow={running}
            newLabel="Back to the unwind"
            onNew={() => {
              setRequestFlowId(undefined);
              void onPreview();
            }}
          />
        ) : (
          <p className="text-xs text-ink-muted">Starting…</p>
        )}
      </div>
    );
  }
  if (request) {
    return (
      <div className={box}>
        <FlowPreviewCard
          preview={request}
          onBack={() => setRequest(undefined)}
          onStart={(options) => void onStartRequest(request, options)}
          starting={start.loading}
          startError={start.error}
          startLabel="Request withdrawal"
        />
      </div>
    );
  }
  if (preview) {
    const exits = preview.facts.unwindExits ?? [];
    return (
      <div className={box}>
        {exits.length > 0 && (
          <UnwindExits exits={exits} onRequest={(e) => void onRequest(e)} requesting={planRequest.loading} error={planRequest.error} />
        )}
        {preview.plan.steps.length > 0 ? (
          <FlowPreviewCard
            preview={preview}
            onBack={() => setPreview(undefined)}
            onStart={(options) => void onStart(preview, options)}
            starting={start.loading}
            startError={start.error}
            startLabel="Run unwind"
          />
        ) : (
          <div className="flex flex-col gap-1 text-xs">
            <p className="text-ink-muted">No other step to undo: only the way out above is left.</p>
            {preview.flowFlags.map((f) => (
              <p key={f.title} className="text-ink-muted">
                {f.title}
              </p>
            ))}
            <Button size="sm" variant="secondary" onClick={() => setPreview(undefined)}>
              Back
            </Button>
          </div>
        )}
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <Button size="sm" variant="secondary" loading={plan.loading} onClick={() => void onPreview()}>
        Unwind the {finished} finished step{finished === 1 ? '' : 's'}
      </Button>
      <span className="text-ink-muted">
        Previews the undo as a new flow (withdraw, remove liquidity, unwrap, revoke) and, for a staked token, its protocol&apos;s withdrawal
        beside the market, before anything is sent.
      </span>
      <InlineError error={plan.error} />
    </div>
  );
}
