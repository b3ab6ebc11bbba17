import type { StoredFeeQuote } from '../../../lib/storage/fee-quote';
import { Input } from '../../ui';
import type { FeeDraftField, FeeEditor } from './use-fee-editor';

/**
 * "Edit fee": max fee and priority fee (or a legacy gas price) in gwei, the gas limit (one per call for a
 * batch), and under "Advanced" the nonce (a batch's first). The cost above follows every keystroke; a
 * valid fee is stored shortly after.
 */
export function FeeEditorFields({ fee, editor, open }: { fee: StoredFeeQuote; editor: FeeEditor; open: boolean }) {
  const input = (
    id: string,
    label: string,
    value: string,
    onChange: (text: string) => void,
    error: string | undefined,
    hint?: string,
    inputMode: 'decimal' | 'numeric' = 'decimal',
  ) => (
    <Input
      key={id}
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      inputMode={inputMode}
      autoComplete="off"
      spellCheck={false}
      error={error}
      hint={hint}
      data-testid={`fee-input-${id}`}
    />
  );
  const field = (key: FeeDraftField, label: string, hint?: string, inputMode: 'decimal' | 'numeric' = 'decimal') =>
    input(key, label, editor.draft[key], (text) => editor.type(key, text), editor.errors[key], hint, inputMode);
  const estimateHint = (estimate: string | undefined) => (estimate ? `Estimated use: ${estimate}` : 'Could not be estimated.');
  const pending = fee.market.pendingNonce;
  return (
    <details className="mt-2 text-sm" open={open || undefined} data-testid="fee-editor">
      <summary className="cursor-pointer text-xs font-medium text-brand underline">Edit fee</summary>
      <div className="mt-2 flex flex-col gap-2">
        {fee.type === 'legacy' ? (
          field('gasPrice', 'Gas price (gwei)', 'Paid in full for every unit of gas used.')
        ) : (
          <>
            {field('maxFee', 'Max fee (gwei)', 'The most you pay per gas: base fee + priority fee, never more.')}
            {field('priorityFee', 'Priority fee (gwei)', 'The tip to the block builder, paid on top of the base fee.')}
          </>
        )}
        {editor.single
          ? field('gas', 'Gas limit', fee.txs[0]!.gasEstimate ? `Estimated use: ${fee.txs[0]!.gasEstimate}` : undefined, 'numeric')
          : fee.txs.map((tx, i) =>
              input(
                `gas-${i}`,
                `Call ${i + 1} gas limit`,
                editor.draft.gases[i] ?? '',
                (text) => editor.typeGas(i, text),
                editor.gasErrors[i],
                estimateHint(tx.gasEstimate),
                'numeric',
              ),
            )}
        <details>
          <summary className="cursor-pointer text-xs text-ink-muted underline">Advanced</summary>
          <div className="mt-2">
            {editor.single
              ? field(
                  'nonce',
                  'Nonce',
                  `The account's next nonce is ${pending}. A lower one replaces a pending transaction; a higher one waits.`,
                  'numeric',
                )
              : field(
                  'nonce',
                  'Starting nonce',
                  `The account's next nonce is ${pending}; the calls take this one and the next ${fee.txs.length - 1}. A higher one waits; a lower one is refused.`,
                  'numeric',
                )}
          </div>
        </details>
      </div>
    </details>
  );
}
