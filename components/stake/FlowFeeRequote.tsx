import { useEffect, useState } from 'react';
import type { FlowState } from '../../lib/flows/types';
import { formatGwei } from '../../lib/format';
import { retryFlow } from '../../lib/state/flows';
import { Button, InlineError } from '../ui';
import { useAction } from '../hooks/use-action';
import { FlowFeeSummary } from './FlowFeeSummary';

const gwei = (wei: string | undefined) => formatGwei(BigInt(wei ?? '0'), { maxFractionDigits: 4, significantFractionDigits: 4 });

/**
 * After a stop for the fee: the new fee Retry quoted for the remaining steps, with the reason, the old and
 * new max fee per gas, and the click that continues with it (never with the old fee).
 */
export function FlowFeeRequote({ flow }: { flow: FlowState }) {
  const requote = flow.feeRequote!;
  const [accepted, setAccepted] = useState(false);
  // A new quote is a new decision: the danger box is ticked again for it.
  useEffect(() => setAccepted(false), [requote.id]);
  const go = useAction(retryFlow);
  const danger = requote.estimate.flags.length > 0;
  const oldMax = flow.plan.fee?.type === 'legacy' ? flow.plan.fee.gasPrice : flow.plan.fee?.maxFeePerGas;
  const newMax = requote.fee.type === 'legacy' ? requote.fee.gasPrice : requote.fee.maxFeePerGas;
  return (
    <section
      aria-label="New network fee"
      data-testid="flow-fee-requote"
      data-requote-id={requote.id}
      className="flex flex-col gap-2 rounded-md border border-warn bg-surface p-2"
    >
      <h3 className="font-semibold text-ink">New network fee needed</h3>
      <p className="text-ink-muted" data-testid="flow-fee-requote-reason">
        {requote.reason}
      </p>
      <p>
        Max fee per gas{' '}
        <span className="font-semibold" data-testid="flow-fee-requote-max" data-wei={newMax}>
          {gwei(newMax)}
        </span>{' '}
        <span className="text-ink-muted">(was {gwei(oldMax)})</span>
      </p>
      <FlowFeeSummary
        fee={requote.estimate}
        steps={requote.steps}
        inputWei={requote.valueWei}
        accepted={accepted}
        onAccept={setAccepted}
        title={`Network fee, the remaining ${requote.steps} ${requote.steps === 1 ? 'step' : 'steps'}`}
      />
      <Button
        size="sm"
        loading={go.loading}
        disabled={danger && !accepted}
        onClick={() => void go.run(flow.id, { acceptFee: requote.id, acceptFeeDanger: accepted })}
      >
        Continue with the new fee
      </Button>
      <InlineError error={go.error} />
    </section>
  );
}
