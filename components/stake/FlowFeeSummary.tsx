import type { FlowFeeEstimate } from '../../lib/flows/types';
import { formatEth } from '../../lib/format';
import { USD_PRICE_UNAVAILABLE, formatUsd } from '../../lib/risk/fee-usd';
import { DangerAcknowledgement } from '../ui';

const eth = (wei: bigint) => formatEth(wei, { rounding: 'expand', maxFractionDigits: 8, significantFractionDigits: 4 });

/**
 * The whole flow's network fee before the one click (the same model as the approval window): likely and at
 * most, in ETH and in USD from the Chainlink feed, the total with the ETH put in, and the fee's danger flags
 * with the box the click waits for.
 */
export function FlowFeeSummary({
  fee,
  steps,
  inputWei,
  accepted,
  onAccept,
  title,
}: {
  fee: FlowFeeEstimate | undefined;
  /** Default "Network fee, all N steps". */
  title?: string;
  steps: number;
  inputWei: string;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
}) {
  if (!fee) return <p className="text-xs text-warn">Network fee unavailable: the RPC did not answer the fee reads.</p>;
  const usd = (wei: bigint) => (fee.ethUsd ? formatUsd(wei, fee.ethUsd) : USD_PRICE_UNAVAILABLE);
  const rows: [string, bigint, string][] = [
    ['Likely fee', BigInt(fee.likely), 'flow-fee-likely'],
    ['Max fee', BigInt(fee.max), 'flow-fee-max'],
    ['Total (ETH in + max fee)', BigInt(inputWei) + BigInt(fee.max), 'flow-fee-total'],
  ];
  return (
    <div className="flex flex-col gap-1 text-xs" data-testid="flow-fee">
      <h3 className="font-semibold text-ink">{title ?? (steps === 1 ? 'Network fee' : `Network fee, all ${steps} steps`)}</h3>
      <dl className="grid grid-cols-[1fr_auto_auto] gap-x-2 gap-y-0.5">
        {rows.map(([label, wei, id]) => (
          <div key={id} className="contents">
            <dt className="text-ink-muted">{label}</dt>
            <dd className="text-right font-medium tabular-nums" data-testid={id} data-wei={wei.toString()}>
              {eth(wei)}
            </dd>
            <dd className="text-right text-ink-muted" title={fee.ethUsdError}>
              {usd(wei)}
            </dd>
          </div>
        ))}
      </dl>
      {fee.flags.length > 0 && (
        <div className="flex flex-col gap-1 rounded-md border border-danger p-2" data-testid="flow-fee-danger">
          {fee.flags.map((f) => (
            <p key={f.id}>
              <span className="font-semibold text-danger">{f.title}</span>{' '}
              <span className="text-ink-muted">
                {Object.entries(f.numbers)
                  .map(([k, v]) => `${k}: ${v}`)
                  .join(' · ')}
              </span>
            </p>
          ))}
          <DangerAcknowledgement checked={accepted} onChange={onAccept} className="p-1.5">
            I understand this fee and want to pay it
          </DangerAcknowledgement>
        </div>
      )}
    </div>
  );
}
