import type { StoredFeeQuote } from '../../../lib/storage/fee-quote';
import { Input } from '../../ui';
import type { FeeDraft, FeeEditor } from './use-fee-editor';

/**
 * "Edit fee": max fee and priority fee (or a legacy gas price) in gwei, the gas limit, and under
 * "Advanced" the nonce. The cost above follows every keystroke; a valid fee is stored shortly after.
 */
export function FeeEditorFields({ fee, editor, open }: { fee: StoredFeeQuote; editor: FeeEditor; open: boolean }) {
  const field = (key: keyof FeeDraft, label: string, hint?: string, inputMode: 'decimal' | 'numeric' = 'decimal') => (
    <Input
      label={label}
      value={editor.draft[key]}
      onChange={(e) => editor.type(key, e.target.value)}
      inputMode={inputMode}
      autoComplete="off"
      spellCheck={false}
      error={editor.errors[key]}
      hint={hint}
      data-testid={`fee-input-${key}`}
    />
  );
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
        {editor.single &&
          field('gas', 'Gas limit', fee.txs[0]!.gasEstimate ? `Estimated use: ${fee.txs[0]!.gasEstimate}` : undefined, 'numeric')}
        {editor.single && (
          <details>
            <summary className="cursor-pointer text-xs text-ink-muted underline">Advanced</summary>
            <div className="mt-2">
              {field(
                'nonce',
                'Nonce',
                `The account's next nonce is ${fee.market.pendingNonce}. A lower one replaces a pending transaction; a higher one waits.`,
                'numeric',
              )}
            </div>
          </details>
        )}
      </div>
    </details>
  );
}
