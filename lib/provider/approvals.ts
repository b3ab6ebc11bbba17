import type { Address } from 'viem';
import { providerErrors, rpcErrors } from '@metamask/rpc-errors';
import { AppError } from '../errors';
import { createMutex } from '../storage/mutex';
import type { Item } from '../storage/item';
import type { StoredFeeQuote } from '../storage/fee-quote';
import type { PendingKind, StoredPending } from '../storage/items';

/**
 * A waiting request as the approval window reads it: the stored entry without the queue's own
 * bookkeeping (dedupe key, late decision, hand-over flag).
 */
export type PendingRequestView = Pick<StoredPending, 'id' | 'origin' | 'kind' | 'method' | 'params' | 'createdAt' | 'chainId' | 'fee'>;

/** An approval of a transaction or batch carries the fee as stored when the user approved: what is signed. */
export type Decision = { approved: boolean; accounts?: Address[]; fee?: StoredFeeQuote };

export type ApprovalRequest = {
  origin: string;
  kind: PendingKind;
  method: string;
  params: unknown;
  chainId: number;
  /** origin + page request id; lets a re-sent request (after a worker restart) find its pending entry. */
  dedupeKey?: string;
  /** The network fee decided before the request is shown (transactions and batches). */
  fee?: StoredFeeQuote;
};

/** A decision nobody picked up (the page went away) is dropped after this long. */
const DECISION_TTL_MS = 10 * 60_000;

/**
 * Flood limits. The queue lives in storage.session (10 MB for the whole extension, shared with the
 * unlocked session's secrets): a page may keep a few requests waiting, not fill it.
 * - one connect per origin at a time (a second one is answered -32002, as MetaMask does);
 * - at most MAX_PENDING_PER_ORIGIN requests waiting per origin (-32005 beyond);
 * - at most MAX_PARAMS_BYTES of params per request (-32602: the largest contract deployment, 48 KiB of
 *   initcode as hex, fits) and MAX_ORIGIN_BYTES waiting per origin (-32005 beyond).
 */
export const MAX_PENDING_PER_ORIGIN = 10;
export const MAX_PARAMS_BYTES = 128 * 1024;
export const MAX_ORIGIN_BYTES = 384 * 1024;

export type ApprovalQueue = ReturnType<typeof createApprovalQueue>;

/**
 * Requests that need the user. Stored in session storage so they survive a worker restart; the
 * promise a handler awaits lives in memory and is re-attached when the page re-sends the request.
 * Each entry is answered exactly once: resolve() removes it before waking its waiter.
 */
export function createApprovalQueue(deps: {
  item: Item<StoredPending[]>;
  openWindow: () => Promise<void>;
  onChange?: () => void;
  newId?: () => string;
  now?: () => number;
}) {
  const exclusive = createMutex();
  const waiters = new Map<string, (d: Decision) => void>();
  const now = deps.now ?? Date.now;
  const newId = deps.newId ?? (() => crypto.randomUUID());

  const live = (all: StoredPending[]) => all.filter((p) => !p.decision || now() - p.createdAt < DECISION_TTL_MS);

  /** The same request, as stored: a re-send after a worker restart carries the same method and params. */
  const sameRequest = (stored: StoredPending, req: ApprovalRequest, params: unknown) =>
    stored.kind === req.kind && stored.method === req.method && JSON.stringify(stored.params) === JSON.stringify(params);

  /** Throws the EIP-1193 error a page gets when this new request would flood the queue. */
  function refuseFlood(all: StoredPending[], req: ApprovalRequest, params: unknown): void {
    const bytes = JSON.stringify(params).length;
    if (bytes > MAX_PARAMS_BYTES) {
      throw rpcErrors.invalidParams({
        message: `Invalid params: this request is ${bytes} bytes; Ballast keeps at most ${MAX_PARAMS_BYTES} bytes per request waiting for the user.`,
      });
    }
    const waiting = all.filter((p) => p.origin === req.origin && !p.decision);
    if (req.kind === 'connect' && waiting.some((p) => p.kind === 'connect')) {
      throw rpcErrors.resourceUnavailable({
        message: `A connection request from ${req.origin} is already waiting for the user. Wait for the answer to it.`,
      });
    }
    const waitingBytes = waiting.reduce((sum, p) => sum + JSON.stringify(p.params).length, 0);
    if (waitingBytes + bytes > MAX_ORIGIN_BYTES) {
      throw rpcErrors.limitExceeded({
        message: `${req.origin} already has ${waitingBytes} bytes of requests waiting for the user. Wait for them to be answered.`,
      });
    }
    if (waiting.length >= MAX_PENDING_PER_ORIGIN) {
      throw rpcErrors.limitExceeded({
        message: `${req.origin} already has ${waiting.length} requests waiting for the user. Wait for them to be answered.`,
      });
    }
  }

  function wait(id: string): Promise<Decision> {
    return new Promise((resolve) => waiters.set(id, resolve));
  }

  return {
    request(req: ApprovalRequest): Promise<Decision> {
      type Step = { settled: Decision } | { waitFor: string; open?: boolean };
      return exclusive(async (): Promise<Step> => {
        const all = live(await deps.item.getValue());
        const known = req.dedupeKey ? all.find((p) => p.dedupeKey === req.dedupeKey && p.origin === req.origin) : undefined;
        const params: unknown = JSON.parse(JSON.stringify(req.params ?? null));
        if (known?.handedOver) {
          // A previous worker took the user's answer and stopped before the page heard back. A refusal
          // is safe to repeat; an approval is not: it may already be on chain, so it never runs twice.
          if (!known.decision?.approved) return { settled: { approved: false } };
          throw new AppError('Ballast restarted while carrying out this request', {
            details:
              "You approved it just before the restart, so it may already have been sent. Check the account's latest transactions (a block explorer) before trying again.",
            code: 'approval.restarted',
          });
        }
        // A page chooses its request ids: a different request under a waiting one's id would otherwise
        // receive the user's answer to what the approval window shows (and run unseen).
        if (known && !sameRequest(known, req, params)) {
          throw rpcErrors.invalidRequest({
            message: 'Invalid request: this request id belongs to another request that is waiting for the user. Use a new id.',
          });
        }
        if (known?.decision) {
          await deps.item.setValue(all.filter((p) => p !== known));
          deps.onChange?.();
          return { settled: known.decision };
        }
        if (known) return { waitFor: known.id };
        refuseFlood(all, req, params);
        const entry: StoredPending = { id: newId(), createdAt: now(), ...req, params };
        await deps.item.setValue([...all, entry]);
        deps.onChange?.();
        return { waitFor: entry.id, open: true };
      }).then(async (r) => {
        if ('settled' in r) return r.settled;
        const decision = wait(r.waitFor);
        if (r.open) await deps.openWindow().catch(() => undefined);
        return decision;
      });
    },

    /**
     * The user's answer. `check` sees the entry as stored, in the same exclusive turn as the answer (an
     * approval given for a fee the window no longer shows is refused there); an approval takes the stored fee.
     */
    resolve(id: string, answer: Decision, check?: (entry: StoredPending) => void): Promise<true> {
      return exclusive(async () => {
        const all = await deps.item.getValue();
        const entry = all.find((p) => p.id === id && !p.decision);
        if (!entry)
          throw new AppError('Request already answered', {
            details: 'It was answered or withdrawn by the site; nothing to do.',
            code: 'approval.not-pending',
          });
        check?.(entry);
        const decision: Decision = { approved: answer.approved, ...(answer.accounts ? { accounts: answer.accounts } : {}) };
        if (answer.approved && entry.fee) decision.fee = entry.fee;
        const waiter = waiters.get(id);
        if (waiter) {
          waiters.delete(id);
          // A tombstone (no params, hidden from the window) until the decision's TTL: if the worker stops
          // before the page hears back, the page's re-send (same dedupeKey) must not ask the user again.
          // Requests without a key cannot be re-sent, so they leave nothing behind.
          const { fee: _fee, ...bare } = entry;
          const handed: StoredPending = {
            ...bare,
            params: null,
            decision: { approved: decision.approved },
            handedOver: true,
            createdAt: now(),
          };
          await deps.item.setValue(entry.dedupeKey ? all.map((p) => (p === entry ? handed : p)) : all.filter((p) => p !== entry));
          waiter(decision);
        } else {
          // The worker restarted since the request came in: keep the answer for the page's re-send.
          await deps.item.setValue(all.map((p) => (p === entry ? { ...p, decision, createdAt: now() } : p)));
        }
        deps.onChange?.();
        return true as const;
      });
    },

    async list(): Promise<PendingRequestView[]> {
      return live(await deps.item.getValue())
        .filter((p) => !p.decision)
        .map(({ id, origin, kind, method, params, createdAt, chainId, fee }) => ({
          id,
          origin,
          kind,
          method,
          params,
          createdAt,
          chainId,
          ...(fee ? { fee } : {}),
        }));
    },

    /**
     * Replaces the fee of a waiting request (the user edited it) in one exclusive turn; `next` gets the
     * stored fee and returns the new one (its version bumped by the caller).
     */
    updateFee(id: string, next: (fee: StoredFeeQuote, entry: StoredPending) => StoredFeeQuote): Promise<StoredFeeQuote> {
      return exclusive(async () => {
        const all = await deps.item.getValue();
        const entry = all.find((p) => p.id === id && !p.decision);
        if (!entry?.fee)
          throw new AppError(entry ? 'This request has no network fee' : 'Request already answered', {
            details: entry ? 'Only transactions and batches carry a fee.' : 'It was answered or withdrawn by the site; nothing to do.',
            code: entry ? 'fee.edit.not-allowed' : 'approval.not-pending',
          });
        const fee = next(entry.fee, entry);
        await deps.item.setValue(all.map((p) => (p === entry ? { ...p, fee } : p)));
        deps.onChange?.();
        return fee;
      });
    },

    /**
     * The page that asked is gone (or the window closed): its open requests are rejected and removed.
     * Answered ones stay: the answer still has to reach a page that re-sends after a worker restart.
     */
    withdraw(predicate: (p: StoredPending) => boolean): Promise<number> {
      return exclusive(async () => {
        const all = await deps.item.getValue();
        const gone = all.filter((p) => !p.decision && predicate(p));
        if (gone.length === 0) return 0;
        await deps.item.setValue(all.filter((p) => !gone.includes(p)));
        for (const p of gone) {
          waiters.get(p.id)?.({ approved: false });
          waiters.delete(p.id);
        }
        deps.onChange?.();
        return gone.length;
      });
    },
  };
}

export function rejectedByUser(what: string): Error {
  return providerErrors.userRejectedRequest({ message: `The user rejected the ${what}.` });
}
