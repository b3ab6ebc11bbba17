import type { Address } from 'viem';
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
  /** Request ids the wallet knows belong to an account (from its own request receipts). */
  knownRequestIds?: (account: Address) => readonly bigint[];
};

/** Ids in [max(first, end − window), end) plus known ids ≥ first and < end, ascending, unique. */
export function scanIds(end: bigint, first: bigint, window: bigint, known: readonly bigint[] = []): bigint[] {
  const start = end - window > first ? end - window : first;
  const ids = new Set<bigint>();
  for (let id = start; id < end; id += 1n) ids.add(id);
  for (const id of known) if (id >= first && id < end) ids.add(id);
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
