import { call } from '../../../lib/state';
import { useAction } from '../../hooks/use-action';
import { Button, InlineError } from '../../ui';

/**
 * Speed up (same call, higher fee) or cancel (nothing to yourself, same nonce) a pending transaction. Both
 * open the approval window with the replacement and its fee; the row says so while it waits, and a refusal
 * (already mined, fee too low for the node) is shown here, under the transaction it concerns.
 */
export function ReplaceControls({ hash, nonce }: { hash: `0x${string}`; nonce: number }) {
  const replace = useAction((mode: 'speed-up' | 'cancel') => call('activity:replace', { hash, mode }));
  return (
    <div className="flex flex-col gap-1">
      <div className="flex gap-1.5">
        <Button
          size="sm"
          variant="secondary"
          loading={replace.loading}
          onClick={() => void replace.run('speed-up')}
          aria-label={`Speed up transaction with nonce ${nonce}`}
        >
          Speed up
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={replace.loading}
          onClick={() => void replace.run('cancel')}
          aria-label={`Cancel transaction with nonce ${nonce}`}
        >
          Cancel
        </Button>
      </div>
      {replace.loading && <p className="text-ink-muted">Review the replacement in the approval window.</p>}
      <InlineError error={replace.error} />
    </div>
  );
}
