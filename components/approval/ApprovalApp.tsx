import { useEffect, useRef, useState } from 'react';
import { pendingStore, walletStore } from '../../lib/state';
import { Badge, Button, EmptyState, ErrorState, Spinner, cx, focusRing } from '../ui';
import { useResource } from '../hooks/use-resource';
import { useTheme } from '../hooks/use-theme';
import { UnlockScreen } from '../unlock/UnlockScreen';
import { currentSite, groupBySite, siteLabel } from './queue';
import { RequestCard } from './RequestCard';

/** The approval window: every pending dApp request, per site; the only place requests are approved. */
export function ApprovalApp() {
  useTheme();
  const wallet = useResource(walletStore);
  const pending = useResource(pendingStore);
  const [picked, setPicked] = useState<string>();
  const hadRequests = useRef(false);
  const requests = pending.data;
  const replaced = useReplacedNotice(currentRequestOf(requests, picked)?.id);

  // Close once the last request is handled (not when opened on an empty queue, so it can say why).
  useEffect(() => {
    if (!requests) return;
    if (requests.length > 0) hadRequests.current = true;
    else if (hadRequests.current) window.close();
  }, [requests]);

  return (
    <div className="flex min-h-screen flex-col bg-surface text-ink">
      <header className="flex items-center gap-2 border-b border-line px-4 py-2">
        <img src="/icon/32.png" alt="" className="size-5" />
        <span className="flex-1 text-sm font-semibold">Ballast</span>
        {requests && requests.length > 0 && <Badge tone="info">{requests.length} pending</Badge>}
      </header>
      <main className="mx-auto flex w-full max-w-[480px] flex-1 flex-col gap-3 p-4">{body()}</main>
    </div>
  );

  function body() {
    const failed = (!wallet.data && wallet.error) || (!requests && pending.error) || undefined;
    if (failed)
      return (
        <ErrorState
          title="Could not read the pending requests"
          message={failed.message}
          details={failed.details}
          onRetry={() => {
            void walletStore.getState().reload();
            void pendingStore.getState().reload();
          }}
        />
      );
    if (!wallet.data || !requests)
      return (
        <div className="flex flex-1 items-center justify-center">
          <Spinner label="Loading requests" />
        </div>
      );
    if (wallet.data.status !== 'unlocked') {
      return (
        <UnlockScreen
          reason={requests.length ? `${requests.length} request${requests.length === 1 ? '' : 's'} waiting. Unlock to review.` : undefined}
        />
      );
    }
    if (requests.length === 0) {
      return (
        <EmptyState
          title="Nothing to approve"
          action={
            <Button variant="secondary" onClick={() => window.close()}>
              Close window
            </Button>
          }
        >
          Requests from sites appear here.
        </EmptyState>
      );
    }
    const queues = groupBySite(requests);
    const site = currentSite(queues, picked);
    const request = site?.requests[0];
    return (
      <>
        {queues.length > 1 && (
          <nav aria-label="Sites with requests" className="flex flex-wrap gap-1.5">
            {queues.map((q) => (
              <button
                key={q.origin}
                type="button"
                aria-pressed={q.origin === site?.origin}
                onClick={() => setPicked(q.origin)}
                className={cx(
                  'flex items-center gap-1 rounded-full border px-2 py-1 text-xs',
                  q.origin === site?.origin ? 'border-brand' : 'border-line',
                  focusRing,
                )}
              >
                {siteLabel(q.origin)}
                <Badge tone="info">{q.requests.length}</Badge>
              </button>
            ))}
          </nav>
        )}
        {site && site.requests.length > 1 && <p className="text-xs text-ink-muted">Request 1 of {site.requests.length} from this site</p>}
        {request && replaced.notice && (
          <p role="alert" data-testid="different-request" className="rounded-md border border-warn bg-warn-soft px-3 py-2 text-sm">
            {replaced.notice}
          </p>
        )}
        {request && <RequestCard key={request.id} request={request} wallet={wallet.data} onAnswer={replaced.answered} />}
      </>
    );
  }
}

function currentRequestOf(requests: Parameters<typeof groupBySite>[0] | undefined, picked: string | undefined) {
  return requests ? currentSite(groupBySite(requests), picked)?.requests[0] : undefined;
}

/**
 * When the request on screen is replaced by another one — answered, or withdrawn by its page while
 * being read — the window says so: the card under the pointer is a different request now.
 */
function useReplacedNotice(shownId: string | undefined) {
  const [notice, setNotice] = useState<string>();
  const previous = useRef<string | undefined>(undefined);
  const answeredIds = useRef(new Set<string>());
  useEffect(() => {
    const before = previous.current;
    previous.current = shownId;
    if (!before || !shownId || before === shownId) return;
    setNotice(
      answeredIds.current.has(before)
        ? 'Your answer was sent. This is a different request: read it before you answer.'
        : 'The request you were reading was withdrawn by the site. This is a different request: read it before you answer.',
    );
  }, [shownId]);
  return { notice, answered: (id: string) => void answeredIds.current.add(id) };
}
