import { useState } from 'react';
import type { FlowPreviewView } from '../../lib/messaging/protocol';
import { flowAccountStore, flowsStore, planWithdrawFlow, startFlow } from '../../lib/state/flows';
import { withdrawOffer, type WithdrawRequestInput } from '../../lib/state/withdraw-offer';
import { sameAddress } from '../../lib/format';
import { refreshPortfolio } from '../../lib/state/portfolio';
import type { PositionView } from '../../lib/state/portfolio-model';
import { Button, Card, InlineError, Input } from '../ui';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { FlowPreviewCard } from '../stake/FlowPreviewCard';
import { FlowProgress } from '../stake/FlowProgress';

/**
 * Position detail's one-click withdraw: preview (whole-flow simulation, what is spent and received, the
 * queue facts), then one click runs it with the flow executor; progress with tx links until done.
 */
export function WithdrawAction({ position }: { position: PositionView }) {
  const offer = withdrawOffer(position);
  const [amountText, setAmountText] = useState('');
  const [preview, setPreview] = useState<FlowPreviewView>();
  const [flowId, setFlowId] = useState<string>();
  const plan = useAction(planWithdrawFlow);
  const start = useAction(startFlow);
  const flows = useResource(flowsStore);
  const account = useResource(flowAccountStore);
  if (!offer) return null;
  // The flow runs from the selected signer: only offer it for that account's own positions.
  const mine = sameAddress(account.data?.address, position.account);
  const blocked = !account.data
    ? undefined
    : !account.data.canSign
      ? (account.data.reason ?? 'The selected account cannot sign.')
      : !mine
        ? 'This position belongs to another account: select it on Home to act on it.'
        : undefined;
  const canSign = account.data !== undefined && blocked === undefined;
  const flow = flowId ? flows.data?.find((f) => f.id === flowId) : undefined;

  async function onPreview() {
    const input: WithdrawRequestInput = offer!.amountOf
      ? { kind: 'request', symbol: offer!.amountOf, amountText, account: position.account }
      : offer!.input!;
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
          {offer.amountOf && (
            <Input
              label={`Amount of ${offer.amountOf} to withdraw`}
              inputMode="decimal"
              placeholder="0.0"
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
            />
          )}
          {blocked && <p className="text-ink-muted">{blocked}</p>}
          <Button
            block
            loading={plan.loading}
            disabled={!canSign || (offer.amountOf !== undefined && amountText.trim() === '')}
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
