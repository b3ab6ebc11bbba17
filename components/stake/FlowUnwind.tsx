import { useState } from 'react';
import type { FlowState } from '../../lib/flows/types';
import type { FlowPreviewView } from '../../lib/messaging/protocol';
import { flowsStore, startFlow, unwindFlow } from '../../lib/state/flows';
import { Button, InlineError } from '../ui';
import { useAction } from '../hooks/use-action';
import { FlowPreviewCard } from './FlowPreviewCard';

/**
 * "Unwind": plans the inverse of the stopped flow's finished steps as a new flow, shows its combined
 * preview (simulated together, flags, gas, and what has no instant way back), then one click runs it
 * with the same executor as any flow.
 */
export function FlowUnwind({ flow, onStarted }: { flow: FlowState; onStarted?: (id: string) => void }) {
  const [preview, setPreview] = useState<FlowPreviewView>();
  const plan = useAction(unwindFlow);
  const start = useAction(startFlow);
  const finished = flow.steps.filter((s) => s.status === 'mined').length;
  if (finished === 0) return null;

  async function onPreview() {
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

  if (preview) {
    return (
      <div className="rounded-md border border-line bg-surface p-2">
        <FlowPreviewCard
          preview={preview}
          onBack={() => setPreview(undefined)}
          onStart={(options) => void onStart(preview, options)}
          starting={start.loading}
          startError={start.error}
          startLabel="Run unwind"
        />
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <Button size="sm" variant="secondary" loading={plan.loading} onClick={() => void onPreview()}>
        Unwind the {finished} finished step{finished === 1 ? '' : 's'}
      </Button>
      <span className="text-ink-muted">
        Previews the undo as a new flow (withdraw, remove liquidity, unwrap, revoke) before anything is sent.
      </span>
      <InlineError error={plan.error} />
    </div>
  );
}
