import { isAddressEqual, type Address, type Client, type Hex } from 'viem';
import { getBlockNumber, getTransactionReceipt } from 'viem/actions';
import { addIds, idsOf, removeIds, searchOf, setSearch, type QueueSearch } from './book';
import { ID_QUEUES, ID_QUEUE_SPECS, requestIdsInLogs, type FoundRequest, type IdQueue } from './queues';
import { searchQueueStep } from './search';
import type { QueueIdsStore } from './store';

/** What the readers see during one refresh: the ids and search states loaded just before it (no RPC). */
export type QueueIdsView = {
  known(queue: IdQueue, account: Address): readonly bigint[];
  search(queue: IdQueue, account: Address): QueueSearch | undefined;
};

/** What a refresh learned about one account's ids in one queue: still its own (found in the window too) or gone. */
export type QueueIdsFinding = { queue: IdQueue; account: Address; owned: readonly bigint[]; gone: readonly bigint[] };

/** eth_getLogs calls one search run may make over every (account, queue): bounded, the next run goes on. */
export const DEFAULT_SEARCH_BUDGET = 16;
/**
 * A finished search looks at new blocks again once this many have passed (≈ one 5-minute refresh period at 12 s):
 * newer requests are in the 64-id window unless more than 64 came in since, so this bounds how long such a burst can
 * hide one, at one call per account and queue per period.
 */
export const SEARCH_REFRESH_BLOCKS = 25n;

export type SearchCandidate = { account: Address; queue: IdQueue };

export function createQueueIdsService(deps: {
  store: QueueIdsStore;
  now?: () => number;
  /** Blocks per eth_getLogs call for a new search (default DEFAULT_SEARCH_CHUNK). */
  chunk?: bigint;
}) {
  const now = deps.now ?? Date.now;
  let searching: Promise<unknown> | undefined;

  async function add(
    chainId: number,
    found: readonly FoundRequest[],
    isOwn: (a: Address) => boolean = () => true,
  ): Promise<FoundRequest[]> {
    const mine = found.filter((f) => isOwn(f.account));
    if (mine.length > 0) await deps.store.update((book) => mine.reduce((b, f) => addIds(b, chainId, f.queue, f.account, [f.id]), book));
    return mine;
  }

  return {
    /** Loads the view the readers use during a refresh. */
    async view(chainId: number): Promise<QueueIdsView> {
      const book = await deps.store.read();
      return {
        known: (queue, account) => idsOf(book, chainId, queue, account),
        search: (queue, account) => searchOf(book, chainId, queue, account),
      };
    },

    /** After a successful refresh: ids the reads showed as the account's are kept, claimed/burned/foreign ones dropped. */
    async settle(chainId: number, findings: readonly QueueIdsFinding[]): Promise<void> {
      const before = await deps.store.read();
      const needed = findings.filter(
        (f) => f.gone.length > 0 || f.owned.some((id) => !idsOf(before, chainId, f.queue, f.account).includes(id)),
      );
      if (needed.length === 0) return;
      await deps.store.update((book) =>
        needed.reduce((b, f) => removeIds(addIds(b, chainId, f.queue, f.account, f.owned), chainId, f.queue, f.account, f.gone), book),
      );
    },

    /** Adds ids found in logs (a receipt, a search) for the accounts `isOwn` accepts. */
    add,

    /**
     * Decodes a confirmed wallet transaction's receipt (the one-click request step, or any transaction to a
     * queue's entry point) and stores the request ids it created.
     */
    async recordReceipt(client: Client, chainId: number, hash: Hex, isOwn?: (a: Address) => boolean): Promise<FoundRequest[]> {
      const receipt = await getTransactionReceipt(client, { hash });
      if (receipt.status !== 'success') return [];
      return add(chainId, requestIdsInLogs(receipt.logs), isOwn);
    },

    /**
     * One bounded run of the log search over the given (account, queue) pairs, outside the refresh: pairs never
     * searched first, then failed and partial ones, then finished ones whose head is SEARCH_REFRESH_BLOCKS behind.
     * Returns the eth_getLogs calls made. Concurrent callers share one run.
     */
    search(client: Client, chainId: number, candidates: readonly SearchCandidate[], budget = DEFAULT_SEARCH_BUDGET): Promise<number> {
      if (searching) return searching.then(() => 0);
      const run = (async () => {
        if (candidates.length === 0) return 0;
        const head = await getBlockNumber(client, { cacheTime: 0 });
        const book = await deps.store.read();
        const rank = (c: SearchCandidate) => {
          const s = searchOf(book, chainId, c.queue, c.account);
          if (!s) return 0;
          if (s.status === 'failed') return 1;
          if (s.status === 'partial') return 2;
          return head - s.high >= SEARCH_REFRESH_BLOCKS ? 3 : 9;
        };
        const queue = [...candidates].map((c) => ({ c, r: rank(c) })).filter((x) => x.r < 9);
        queue.sort((a, b) => a.r - b.r);
        let left = budget;
        for (const { c } of queue) {
          if (left <= 0) break;
          const previous = searchOf(book, chainId, c.queue, c.account);
          const step = await searchQueueStep({
            client,
            queue: c.queue,
            account: c.account,
            head,
            previous,
            budget: left,
            now: now(),
            ...(deps.chunk ? { chunk: deps.chunk } : {}),
          });
          left -= step.calls;
          await deps.store.update((b) =>
            addIds(setSearch(b, chainId, c.queue, c.account, step.search), chainId, c.queue, c.account, step.ids),
          );
        }
        return budget - left;
      })();
      searching = run.finally(() => (searching = undefined));
      return run;
    },
  };
}

export type QueueIdsService = ReturnType<typeof createQueueIdsService>;

/**
 * Which (account, queue) pairs to search: an account seen holding a token the queue takes (eETH/weETH, pufETH,
 * mETH), or with known ids or a search already begun.
 */
export function searchCandidates(
  accounts: readonly Address[],
  holdings: readonly { account: Address; symbol: string; amount: bigint }[],
  view: QueueIdsView,
): SearchCandidate[] {
  return accounts.flatMap((account) =>
    ID_QUEUES.filter(
      (queue) =>
        holdings.some((h) => h.amount > 0n && isAddressEqual(h.account, account) && ID_QUEUE_SPECS[queue].holdings.includes(h.symbol)) ||
        view.known(queue, account).length > 0 ||
        view.search(queue, account) !== undefined,
    ).map((queue) => ({ account, queue })),
  );
}
