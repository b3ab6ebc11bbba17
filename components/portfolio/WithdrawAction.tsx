import { useState } from 'react';
import type { FlowPreviewView } from '../../lib/messaging/protocol';
import { withdrawalQueueById, withdrawalQueueFor } from '../../lib/restaking/withdrawal-queues';
import { flowsStore, planWithdrawFlow, startFlow } from '../../lib/state/flows';
import { refreshPortfolio } from '../../lib/state/portfolio';
import type { PositionView } from '../../lib/state/portfolio-model';
import { Button, Card, InlineError, Input } from '../ui';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { FlowPreviewCard } from '../stake/FlowPreviewCard';
import { FlowProgress } from '../stake/FlowProgress';

type WithdrawInput = Parameters<typeof planWithdrawFlow>[0];
type Offer = { title: string; button: string; start: string; why: string; amount?: { symbol: string }; input?: WithdrawInput };

/** What one click can do with this position: request through its protocol's queue, claim, or complete (EigenLayer). */
export function withdrawOffer(p: PositionView): Offer | undefined {
  if (p.status !== 'ok') return undefined;
  if (p.family === 'token') {
    const queue = withdrawalQueueFor(p.asset);
    if (!queue || BigInt(p.amount) === 0n) return undefined;
    return {
      title: `Request withdrawal through ${queue.name}`,
      button: 'Preview request',
      start: 'Request withdrawal',
      why: `Approve and request in one click; claim the ${queue.pays} here once ${queue.name} finalizes it.`,
      amount: { symbol: p.asset },
    };
  }
  const queue = p.details.queue ? withdrawalQueueById(p.details.queue) : undefined;
  if (queue && p.details.claimable === 'true' && p.details.requestId)
    return {
      title: `Claim from ${queue.name}`,
      button: 'Claim',
      start: 'Claim',
      why: `Request #${p.details.requestId} is finalized: one click claims its ${queue.pays}.`,
      input: { kind: 'claim', queue: queue.id, requestId: p.details.requestId },
    };
  if (p.family === 'eigenlayer-queued' && p.details.claimable === 'true' && p.details.startBlock && p.details.strategy)
    return {
      title: 'Complete EigenLayer withdrawal',
      button: 'Complete withdrawal',
      start: 'Complete withdrawal',
      why: 'The delay is over: one click completes it and pays the tokens to you (receive as tokens).',
      input: {
        kind: 'eigen-complete',
        startBlock: Number(p.details.startBlock),
        strategy: p.details.strategy as `0x${string}`,
        ...(p.details.nonce ? { nonce: p.details.nonce } : {}),
      },
    };
  return undefined;
}

/**
 * Position detail's one-click withdraw: preview (whole-flow simulation, what is spent and received, the
 * queue facts), then one click runs it with the flow executor; progress with tx links until done.
 */
export function WithdrawAction({ position, canSign }: { position: PositionView; canSign: boolean }) {
  const offer = withdrawOffer(position);
  const [amountText, setAmountText] = useState('');
  const [preview, setPreview] = useState<FlowPreviewView>();
  const [flowId, setFlowId] = useState<string>();
  const plan = useAction(planWithdrawFlow);
  const start = useAction(startFlow);
  const flows = useResource(flowsStore);
  if (!offer) return null;
  const flow = flowId ? flows.data?.find((f) => f.id === flowId) : undefined;

  async function onPreview() {
    const input: WithdrawInput = offer!.amount ? { kind: 'request', symbol: offer!.amount.symbol, amountText } : offer!.input!;
    const p = await plan.run(input);
    if (p) setPreview(p);
  }
  async function onStart(p: FlowPreviewView, options: { acceptFeeDanger: boolean }) {
    const state = await start.run(p.previewId, options);
    if (!state) return;
    setFlowId(state.id);
    setPreview(undefined);
    void flowsStore.getState().reload();
  }

  return (
    <Card title={offer.title} aria-label={offer.title}>
      {flowId ? (
        flow ? (
          <FlowProgress
            flow={flow}
            newLabel="Refresh positions"
            onNew={() => {
              setFlowId(undefined);
              void refreshPortfolio();
            }}
          />
        ) : (
          <p className="text-xs text-ink-muted">Starting…</p>
        )
      ) : preview ? (
        <FlowPreviewCard
          preview={preview}
          onBack={() => setPreview(undefined)}
          onStart={(options) => void onStart(preview, options)}
          starting={start.loading}
          startError={start.error}
          startLabel={offer.start}
        />
      ) : (
        <div className="flex flex-col gap-2 text-xs">
          <p className="text-ink-muted">{offer.why}</p>
          {offer.amount && (
            <Input
              label={`Amount of ${offer.amount.symbol} to withdraw`}
              inputMode="decimal"
              placeholder="0.0"
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
            />
          )}
          {!canSign && <p className="text-ink-muted">This account cannot sign (watch-only): select one that can.</p>}
          <Button
            block
            loading={plan.loading}
            disabled={!canSign || (offer.amount !== undefined && amountText.trim() === '')}
            onClick={() => void onPreview()}
          >
            {offer.button}
          </Button>
          <InlineError error={plan.error} />
        </div>
      )}
    </Card>
  );
}
