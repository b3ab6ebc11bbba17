import type { ReactNode } from 'react';
import { formatEth, formatGas, formatGwei } from '../../../lib/format';
import type { RiskFlag } from '../../../lib/risk/flag';
import { USD_PRICE_UNAVAILABLE, formatEthUsdPrice, formatUsd } from '../../../lib/risk/fee-usd';
import type { QuoteCost } from '../../../lib/risk/fees';
import type { FeeChoice, StoredFeeQuote } from '../../../lib/storage/fee-quote';
import { Card, DangerAcknowledgement, InlineError, cx, focusRing } from '../../ui';
import { Field } from '../details/Field';
import { RiskFlagItem } from '../RiskFlagItem';
import { FeeEditorFields } from './FeeEditorFields';
import type { FeeEditor } from './use-fee-editor';

const eth = (wei: bigint) => formatEth(wei, { rounding: 'expand', maxFractionDigits: 8, significantFractionDigits: 4 });
const PRESET_LABELS: Record<Exclude<FeeChoice, 'custom'>, string> = { slow: 'Slow', normal: 'Normal', fast: 'Fast', site: 'Site’s' };
const NONCE_SOURCES: Record<StoredFeeQuote['nonceSource'], string> = {
  chain: 'next for this account',
  site: 'set by the site',
  user: 'set by you',
};

/** An amount in ETH and, from the Chainlink answer read with the quote, in USD (never a made-up price). */
function Cost({ wei, fee, testId }: { wei: bigint; fee: StoredFeeQuote; testId: string }) {
  return (
    <span data-testid={testId} data-wei={wei.toString()}>
      <span className="font-semibold tabular-nums">{eth(wei)}</span>
      <span className="block text-ink-muted" title={fee.ethUsdError}>
        {fee.ethUsd ? formatUsd(wei, fee.ethUsd) : USD_PRICE_UNAVAILABLE}
      </span>
    </span>
  );
}

export type FeePanelProps = {
  fee: StoredFeeQuote;
  editor: FeeEditor;
  /** The site put its own fee in the request: "Site's" is a choice. */
  siteFee: boolean;
  danger: RiskFlag[];
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
  /** A batch: the cost of each call. */
  perCallLabel?: (index: number) => ReactNode;
};

/**
 * The network fee, decided before the request was shown and signed as shown: the preset or the user's own
 * fee, the nonce, the likely and maximum cost in ETH and USD, the total (value + max fee), and its danger
 * flags with the deliberate second step they need.
 */
export function FeePanel({ fee, editor, siteFee, danger, accepted, onAccept, perCallLabel }: FeePanelProps) {
  const cost: QuoteCost | undefined = editor.cost;
  const choices = (['slow', 'normal', 'fast', ...(siteFee ? ['site'] : [])] as Exclude<FeeChoice, 'custom'>[]).map((c) => ({
    value: c,
    label: PRESET_LABELS[c],
  }));
  const unknownGas = fee.txs.find((tx) => tx.gas === '0');
  return (
    <Card
      title={`Network fee · ${fee.network.name}`}
      className={cx(danger.length > 0 && 'border-danger')}
      data-testid="fee-panel"
      data-fee-version={fee.version}
    >
      {fee.notice && (
        <p role="alert" data-testid="fee-notice" className="mb-2 rounded-md border border-warn bg-warn-soft px-2 py-1.5 text-xs">
          {fee.notice}
        </p>
      )}
      <fieldset className="mb-2">
        <legend className="mb-1 text-xs text-ink-muted">Speed</legend>
        <div className="grid auto-cols-fr grid-flow-col gap-1">
          {choices.map((c) => (
            <label
              key={c.value}
              className={cx(
                'flex cursor-pointer items-center justify-center rounded-md border px-2 py-1 text-xs has-[:focus-visible]:ring-2',
                fee.choice === c.value ? 'border-brand bg-brand/10 font-semibold' : 'border-line',
              )}
            >
              <input
                type="radio"
                name={`fee-choice-${fee.txs[0]!.nonce}`}
                value={c.value}
                checked={fee.choice === c.value}
                onChange={() => editor.pick(c.value)}
                className={cx('sr-only', focusRing)}
              />
              {c.label}
            </label>
          ))}
        </div>
        {fee.choice === 'custom' && <p className="mt-1 text-xs text-ink-muted">Your own fee (edited below).</p>}
      </fieldset>
      <dl className="divide-y divide-line">
        <Field label="Nonce">
          <span data-testid="fee-nonce">{fee.txs[0]!.nonce}</span>
          {fee.txs.length > 1 && ` to ${fee.txs[fee.txs.length - 1]!.nonce}`}
          <span className="block text-ink-muted">{NONCE_SOURCES[fee.nonceSource]}</span>
        </Field>
        <Field label="Fee per gas">
          <span
            data-testid="fee-per-gas"
            data-type={fee.type}
            data-max-fee={fee.maxFeePerGas}
            data-priority-fee={fee.maxPriorityFeePerGas}
            data-gas-price={fee.gasPrice}
          >
            {fee.type === 'legacy'
              ? `gas price ${formatGwei(BigInt(fee.gasPrice!), { maxFractionDigits: 9 })}`
              : `max ${formatGwei(BigInt(fee.maxFeePerGas!), { maxFractionDigits: 9 })} · priority ${formatGwei(BigInt(fee.maxPriorityFeePerGas!), { maxFractionDigits: 9 })}`}
          </span>
          <span className="block text-ink-muted">
            base fee now {formatGwei(BigInt(fee.market.nextBaseFee), { maxFractionDigits: 4, significantFractionDigits: 4 })}
          </span>
        </Field>
        <Field label="Gas limit">
          <span data-testid="fee-gas" data-gas={fee.txs.map((tx) => tx.gas).join(',')}>
            {fee.txs.map((tx) => (tx.gas === '0' ? 'unknown' : formatGas(BigInt(tx.gas)))).join(' + ')}
          </span>
        </Field>
        {cost ? (
          <>
            <Field label="Likely fee">
              <Cost wei={cost.likely} fee={fee} testId="fee-likely" />
            </Field>
            <Field label="Max fee">
              <Cost wei={cost.max} fee={fee} testId="fee-max" />
            </Field>
            <Field label="Total (value + max fee)">
              <Cost wei={cost.total} fee={fee} testId="fee-total" />
            </Field>
            {perCallLabel &&
              cost.perTx.map((c, i) => (
                <Field key={i} label={`${String(perCallLabel(i))} fee`}>
                  <Cost wei={c.max} fee={fee} testId={`fee-call-${i}`} />
                </Field>
              ))}
          </>
        ) : (
          <Field label="Cost">
            <span className="text-ink-muted">Fix the fields below to see the cost.</span>
          </Field>
        )}
      </dl>
      {fee.ethUsd && (
        <p className="mt-1 text-[11px] text-ink-muted">
          ETH/USD {formatEthUsdPrice(fee.ethUsd)} from the Chainlink feed on chain (updated{' '}
          {new Date(fee.ethUsd.updatedAt * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC).
        </p>
      )}
      {unknownGas && (
        <p role="alert" className="mt-2 rounded-md border border-warn bg-warn-soft px-2 py-1.5 text-xs" data-testid="fee-gas-unknown">
          {fee.txs.length > 1
            ? `Call ${fee.txs.indexOf(unknownGas) + 1} could not be estimated (${unknownGas.gasEstimateError ?? 'no gas estimate'}): it may fail. Set its gas limit below to send the batch anyway, or reject it.`
            : `Gas could not be estimated: ${unknownGas.gasEstimateError ?? 'no answer'}. The transaction may fail; set a gas limit below to send it anyway.`}
        </p>
      )}
      <FeeEditorFields fee={fee} editor={editor} open={Boolean(unknownGas)} />
      <InlineError error={editor.error} />
      {danger.length > 0 && (
        <div className="mt-3 flex flex-col gap-2" data-testid="fee-danger">
          <ul className="flex flex-col gap-2">
            {danger.map((f) => (
              <RiskFlagItem key={f.id} flag={f} />
            ))}
          </ul>
          <DangerAcknowledgement checked={accepted} onChange={onAccept}>
            I understand this fee and want to pay it
          </DangerAcknowledgement>
        </div>
      )}
    </Card>
  );
}
