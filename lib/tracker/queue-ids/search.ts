import type { Address, Client } from 'viem';
import { getLogs } from 'viem/actions';
import { serializeError } from '../../errors';
import type { QueueSearch } from './book';
import { ID_QUEUE_SPECS, MAINNET_SEARCH_FLOOR, requestIdsInLogs, type IdQueue } from './queues';

/** Blocks per eth_getLogs call to start with: public endpoints commonly refuse wider ranges; halved on each error. */
export const DEFAULT_SEARCH_CHUNK = 10_000n;
export const MIN_SEARCH_CHUNK = 500n;

export type SearchStepParameters = {
  client: Client;
  queue: IdQueue;
  account: Address;
  /** The chain head the search runs up to. */
  head: bigint;
  previous?: QueueSearch;
  /** eth_getLogs calls this step may make. */
  budget: number;
  now: number;
  chunk?: bigint;
};

export type SearchStepResult = { search: QueueSearch; ids: bigint[]; calls: number };

/**
 * One bounded step of the log search for an account's requests in one queue, outside the tracker's refresh.
 * The searched blocks stay one contiguous range [low, high]: first the new blocks up to the head, then back
 * towards the floor, `chunk` blocks per eth_getLogs call, at most `budget` calls. An RPC error halves the chunk
 * (down to MIN_SEARCH_CHUNK), then stops with status 'failed' and the error: what was searched stays searched,
 * the next step resumes from there, and nothing reads a failed search as "no requests".
 */
export async function searchQueueStep(p: SearchStepParameters): Promise<SearchStepResult> {
  const spec = ID_QUEUE_SPECS[p.queue];
  const floor = p.previous?.floor ?? (p.head >= MAINNET_SEARCH_FLOOR ? MAINNET_SEARCH_FLOOR : 0n);
  // Nothing searched yet is the empty range just above the head.
  let low = p.previous?.low ?? p.head + 1n;
  let high = p.previous?.high ?? p.head;
  let chunk = p.previous?.chunk ?? p.chunk ?? DEFAULT_SEARCH_CHUNK;
  let calls = 0;
  let error: string | undefined;
  const ids: bigint[] = [];

  const fetch = async (fromBlock: bigint, toBlock: bigint): Promise<boolean> => {
    calls += 1;
    try {
      const logs = await getLogs(p.client, { ...spec.filter(p.account), fromBlock, toBlock, strict: true } as never);
      for (const r of requestIdsInLogs(logs as never)) if (r.queue === p.queue) ids.push(r.id);
      error = undefined;
      return true;
    } catch (e) {
      error = `eth_getLogs ${fromBlock}–${toBlock}: ${serializeError(e).message}`;
      if (chunk > MIN_SEARCH_CHUNK) chunk = chunk / 2n < MIN_SEARCH_CHUNK ? MIN_SEARCH_CHUNK : chunk / 2n;
      return false;
    }
  };

  // Each failure costs a call and halves the chunk; a failure at the smallest chunk ends the step.
  const failedAtMin = () => error !== undefined && chunk <= MIN_SEARCH_CHUNK;
  while (high < p.head && calls < p.budget && !failedAtMin()) {
    const from = high + 1n;
    const to = from + chunk - 1n < p.head ? from + chunk - 1n : p.head;
    if (await fetch(from, to)) high = to;
  }
  while (low > floor && high >= p.head && calls < p.budget && !failedAtMin()) {
    const to = low - 1n;
    const from = to - chunk + 1n > floor ? to - chunk + 1n : floor;
    if (await fetch(from, to)) low = from;
  }
  const status: QueueSearch['status'] = error !== undefined ? 'failed' : low <= floor && high >= p.head ? 'complete' : 'partial';
  return {
    search: { status, floor, low, high, chunk, updatedAt: p.now, ...(error !== undefined ? { error } : {}) },
    ids,
    calls,
  };
}
