import { useEffect, useRef } from 'react';
import type { Alert, AlertSeverity } from '../../lib/alerts/types';
import { L2_CHAINS, type L2ChainId } from '../../lib/restaking/l2';
import { Badge, Button, cx } from '../ui';
import type { BadgeTone } from '../ui';

const tone: Record<AlertSeverity, BadgeTone> = { danger: 'danger', warning: 'warn', info: 'info' };
/** An alert about an L2 holding reads its block on that chain: "Base block 500". */
const blockChain = (chainId: number) => (chainId in L2_CHAINS ? `${L2_CHAINS[chainId as L2ChainId].name} ` : '');
const severityLabel: Record<AlertSeverity, string> = { danger: 'Danger', warning: 'Warning', info: 'Info' };

/** Alerts newest first; unread ones are marked and can be marked read one by one. */
export function AlertList({
  alerts,
  focusPosition,
  onMarkRead,
  busy,
}: {
  alerts: readonly Alert[];
  /** A notification click opens the popup on this position's alerts. */
  focusPosition?: string;
  onMarkRead: (id: string) => void;
  busy: boolean;
}) {
  const focused = useRef<HTMLLIElement>(null);
  useEffect(() => focused.current?.scrollIntoView({ block: 'nearest' }), [focusPosition]);
  let focusTaken = false;
  return (
    <ul className="flex flex-col gap-2" aria-label="Alerts, newest first">
      {alerts.map((a) => {
        const isFocus = !focusTaken && focusPosition !== undefined && a.positionId === focusPosition;
        if (isFocus) focusTaken = true;
        return (
          <li
            key={a.id}
            ref={isFocus ? focused : undefined}
            className={cx(
              'flex flex-col gap-1 rounded-lg border p-2 text-xs',
              a.read ? 'border-line' : 'border-line-strong bg-surface-muted',
              isFocus && 'ring-2 ring-brand',
            )}
          >
            <div className="flex items-center gap-2">
              <Badge tone={tone[a.severity]}>{severityLabel[a.severity]}</Badge>
              {!a.read && <span className="text-[11px] font-semibold text-ink">Unread</span>}
              {!a.notified && (
                <span className="text-[11px] text-ink-muted" title="Quiet hours or a cool-down held the notification back">
                  not notified
                </span>
              )}
            </div>
            <p className="text-sm font-medium text-ink">{a.title}</p>
            <p className="text-ink [overflow-wrap:anywhere]">{a.message}</p>
            <div className="flex items-center justify-between gap-2 text-ink-muted">
              <span>
                <time dateTime={new Date(a.time).toISOString()}>{new Date(a.time).toLocaleString()}</time>
                {a.block && (
                  <>
                    {' '}
                    · {blockChain(a.chainId)}block {a.block}
                  </>
                )}
              </span>
              {!a.read && (
                <Button size="sm" variant="ghost" disabled={busy} onClick={() => onMarkRead(a.id)} aria-label={`Mark read: ${a.title}`}>
                  Mark read
                </Button>
              )}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
