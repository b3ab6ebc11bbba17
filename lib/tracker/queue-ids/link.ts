import type { QueueReaderOptions } from '../readers/queue-common';
import type { IdQueue } from './queues';
import type { QueueIdsFinding, QueueIdsView } from './service';

const EMPTY_VIEW: QueueIdsView = { known: () => [], search: () => undefined };

/**
 * Connects the three id-queue readers to the known-ids store for one refresh at a time: `begin` hands them the
 * view loaded before the refresh (no RPC), and `findings` is what their reads showed, saved only if the refresh
 * succeeds. The readers are built once with `optionsFor`; the view changes under them.
 */
export function createQueueIdsLink() {
  let view = EMPTY_VIEW;
  let findings: QueueIdsFinding[] = [];
  return {
    optionsFor(queue: IdQueue): QueueReaderOptions {
      return {
        knownRequestIds: (account) => view.known(queue, account),
        search: (account) => view.search(queue, account),
        onRequestIds: (account, found) => void findings.push({ queue, account, ...found }),
      };
    },
    begin(next: QueueIdsView): void {
      view = next;
      findings = [];
    },
    findings: (): readonly QueueIdsFinding[] => findings,
  };
}

export type QueueIdsLink = ReturnType<typeof createQueueIdsLink>;
