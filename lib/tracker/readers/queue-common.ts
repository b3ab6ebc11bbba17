import type { Address } from 'viem';
import type { QueueSearch } from '../queue-ids/book';
import type { Position, PositionFamily } from '../types';
import { positionId } from './reader';

/**
 * How many of a queue's most recent request ids a refresh scans for an account's requests where the queue
 * has no per-owner list (ether.fi's WithdrawRequestNFT is not enumerable, Puffer keeps one global array).
 * Older requests are found only through ids the caller already knows (reader option `knownRequestIds`).
 */
export const DEFAULT_QUEUE_SCAN_WINDOW = 64n;

export type QueueReaderOptions = {
  window?: bigint;
  /** Request ids the wallet knows belong to an account (its own request receipts, the log search, earlier refreshes). */
  knownRequestIds?: (account: Address) => readonly bigint[];
  /** How far the log search for the account's requests got; an unfinished one is shown, never read as "none". */
  search?: (account: Address) => QueueSearch | undefined;
  /**
   * What this refresh's reads showed, per account: `owned` = ids that are the account's open requests (window or
   * known), `gone` = known ids that exist but are no longer its (claimed, burned, transferred, reused).
   */
  onRequestIds?: (account: Address, found: { owned: bigint[]; gone: bigint[] }) => void;
};

/**
 * Splits the known ids that existed at this block ([first, end)) into the account's and the gone ones: `isOurs`
 * answers true / false from the reads, or undefined when the read failed (such an id is neither kept nor dropped).
 */
export function settleKnown(
  known: readonly bigint[],
  first: bigint,
  end: bigint,
  isOurs: (id: bigint) => boolean | undefined,
): { gone: bigint[] } {
  return { gone: known.filter((id) => id >= first && id < end && isOurs(id) === false) };
}

/**
 * The log search for older requests has not finished (still going back, or stopped on an RPC error): a row that
 * says so, so an empty list is never read as "no requests". A failed search is a failed position with the error.
 */
export function searchMarker(
  family: PositionFamily,
  account: Address,
  protocol: string,
  search: QueueSearch | undefined,
  source: Position['sources'][number],
): Position[] {
  if (!search || search.status === 'complete') return [];
  const searched = search.low <= search.high ? `blocks ${search.low}–${search.high} searched` : 'no blocks searched yet';
  const note =
    search.status === 'failed'
      ? `The search for older ${protocol} withdrawal requests stopped on an RPC error (${searched}; it resumes on the next refresh): ${search.error ?? 'unknown error'}. Requests older than the last ${DEFAULT_QUEUE_SCAN_WINDOW} ids may be missing.`
      : `Older ${protocol} withdrawal requests are still being searched (${searched}, back to block ${search.floor}); requests older than the last ${DEFAULT_QUEUE_SCAN_WINDOW} ids may not be listed yet.`;
  return [
    {
      id: positionId(family, account, `${protocol} request search`),
      family,
      account,
      asset: `${protocol} withdrawal requests: search ${search.status === 'failed' ? 'incomplete' : 'in progress'}`,
      status: search.status === 'failed' ? 'failed' : 'ok',
      ...(search.status === 'failed' ? { error: note } : {}),
      amount: 0n,
      fairValueEth: 0n,
      marketValueEth: 0n,
      depegWad: null,
      details: {
        search: search.status === 'failed' ? 'failed' : 'partial',
        searchNote: note,
        searchedFrom: String(search.low),
        searchedTo: String(search.high),
        searchFloor: String(search.floor),
      },
      sources: [source],
    },
  ];
}

/**
 * Known ids older than the window that one refresh reads per queue (all accounts together). Each costs a phase-2
 * read (and phase-3 ones when owned); more would split the batch into a further eth_call and break the ≤ 3 requests.
 * The newest are read first; older ones beyond this are not shown (README, known limits).
 */
export const MAX_KNOWN_OUTSIDE_WINDOW = 48;

/**
 * Ids in [max(first, end − window), end) plus known ids ≥ first below the window, ascending, unique. `known` is one
 * list per account: at most MAX_KNOWN_OUTSIDE_WINDOW older ids are taken, newest first, one account after the other
 * in turn, so one account with many requests cannot crowd out another's.
 */
export function scanIds(
  end: bigint,
  first: bigint,
  window: bigint,
  known: readonly bigint[] | readonly (readonly bigint[])[] = [],
): bigint[] {
  const start = end - window > first ? end - window : first;
  const ids = new Set<bigint>();
  for (let id = start; id < end; id += 1n) ids.add(id);
  const lists = (
    known.length > 0 && typeof known[0] === 'bigint' ? [known as readonly bigint[]] : (known as readonly (readonly bigint[])[])
  ).map((list) => [...new Set(list.filter((id) => id >= first && id < start))].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
  let taken = 0;
  for (let i = 0; taken < MAX_KNOWN_OUTSIDE_WINDOW && lists.some((l) => i < l.length); i += 1)
    for (const list of lists) {
      const id = list[i];
      if (id === undefined || taken >= MAX_KNOWN_OUTSIDE_WINDOW || ids.has(id)) continue;
      ids.add(id);
      taken += 1;
    }
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A queue whose state could not be read: one failed position per account, saying which read failed. */
export function failedQueue(
  family: PositionFamily,
  account: Address,
  label: string,
  error: string,
  source: Position['sources'][number],
): Position {
  return {
    id: positionId(family, account, label),
    family,
    account,
    asset: label,
    status: 'failed',
    error,
    amount: 0n,
    fairValueEth: null,
    marketValueEth: null,
    depegWad: null,
    details: {},
    sources: [source],
  };
}

const ETH_BLOCK_SECONDS = 12n;

/** Seconds from `blockNumber` to `target` at one block per 12 s (post-merge slot time), 0 when passed. */
export const secondsUntilBlock = (target: bigint, blockNumber: bigint) =>
  target > blockNumber ? (target - blockNumber) * ETH_BLOCK_SECONDS : 0n;
