import type { UnwindExit } from '../../lib/flows/types';
import { formatRelative, formatWadDeviation } from '../../lib/format';
import { Amount, Button, InlineError } from '../ui';

const atLeast = (seconds: string) => `≥ ${formatRelative(Number(seconds) * 1000, 0).replace(/^in /, '')}`;

/**
 * The Unwind screen's "Ways out": for each staked token a protocol queue takes, the market sale and the
 * protocol's withdrawal side by side (ETH now vs ETH at the fair rate after the queue's wait), so the
 * user picks. The protocol route is the one-click withdraw request (its own preview comes first).
 */
export function UnwindExits({
  exits,
  onRequest,
  requesting,
  error,
}: {
  exits: UnwindExit[];
  onRequest: (exit: UnwindExit) => void;
  requesting: boolean;
  error?: { message: string; details?: string };
}) {
  return (
    <div className="flex flex-col gap-2">
      {exits.map((e) => (
        <section
          key={e.symbol}
          aria-label={`Ways out for ${e.symbol}`}
          className="flex flex-col gap-2 rounded-md border border-line bg-surface p-2 text-xs text-ink"
        >
          <h3 className="font-semibold">
            Ways out for <Amount value={e.amount} unit={e.symbol} />
          </h3>
          <div className="grid grid-cols-2 gap-2">
            <div role="group" aria-label="Market route" className="flex flex-col gap-0.5 rounded border border-line p-1.5">
              <span className="text-[11px] uppercase tracking-wide text-ink-muted">Market, now</span>
              {e.market ? (
                <>
                  <span className="font-medium">Sell on {e.market.venue}</span>
                  <span data-testid="exit-market-eth">
                    ≈ <Amount value={e.market.ethOut} className="font-semibold" />
                  </span>
                  {e.market.vsFairWad !== null && (
                    <span className="text-ink-muted">{formatWadDeviation(BigInt(e.market.vsFairWad))} vs fair</span>
                  )}
                  <span className="text-ink-muted">{e.market.inUnwind ? 'Run unwind sells it' : 'Not in this unwind'}</span>
                </>
              ) : (
                <span className="text-ink-muted">No market quotes this size.</span>
              )}
            </div>
            <div role="group" aria-label="Protocol route" className="flex flex-col gap-0.5 rounded border border-line p-1.5">
              <span className="text-[11px] uppercase tracking-wide text-ink-muted">{e.queue.protocol} queue</span>
              <span className="font-medium">Request, then claim</span>
              {e.fairValueEth !== null ? (
                <span data-testid="exit-protocol-eth">
                  ≈ <Amount value={e.fairValueEth} className="font-semibold" />
                </span>
              ) : (
                <span className="text-ink-muted">fair value not read</span>
              )}
              <span className="text-ink-muted">at the fair rate, paid in {e.queue.pays}</span>
              <span className="font-medium">
                Wait: {e.wait.eta === 'estimated' && e.wait.atLeastSeconds ? atLeast(e.wait.atLeastSeconds) : 'unknown'}
              </span>
            </div>
          </div>
          <p data-testid="exit-wait" title={e.wait.source}>
            <span className="font-medium">Wait through {e.queue.protocol}:</span> {e.wait.text}.
          </p>
          {e.held ? (
            <Button size="sm" block loading={requesting} onClick={() => onRequest(e)}>
              Request withdrawal through {e.queue.protocol}
            </Button>
          ) : (
            <p className="text-ink-muted">
              {e.comesBackWith ? `"${e.comesBackWith}" gives it back first: run the unwind, then ` : 'Once it is back in the wallet, '}
              request it from Portfolio → {e.symbol} → &quot;Request withdrawal through {e.queue.name}&quot;.
            </p>
          )}
        </section>
      ))}
      <InlineError error={error} />
    </div>
  );
}
