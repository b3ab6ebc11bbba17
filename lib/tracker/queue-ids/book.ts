import { z } from 'zod';
import { salvagedRecord } from '../../storage/schemas';
import type { IdQueue } from './queues';

/**
 * The request ids the wallet knows per (chain, queue, account), and how far the log search for them got.
 * Pure data and functions (no storage): store.ts keeps one of these in chrome.storage.local.
 */

/**
 * How far the log search got: blocks [low, high] are searched (contiguous; newest first, then back to `floor`).
 * 'complete' = low reached the floor; 'partial' = still going back; 'failed' = the last run stopped on an RPC
 * error (`error` says which), so older requests may be missing — never read as "no requests".
 */
export type QueueSearch = {
  status: 'complete' | 'partial' | 'failed';
  floor: bigint;
  low: bigint;
  high: bigint;
  error?: string;
  /** Blocks per eth_getLogs call that last worked (halved on errors). */
  chunk: bigint;
  updatedAt: number;
};

export type QueueIdsEntry = { ids: bigint[]; search?: QueueSearch };
export type QueueIdsBook = Record<string, QueueIdsEntry>;

/** At most this many ids per entry: far more than anyone's open requests; the newest are kept. */
export const MAX_IDS_PER_ENTRY = 512;

export const bookKey = (chainId: number, queue: IdQueue, account: string) => `${chainId}:${queue}:${account.toLowerCase()}`;

const KEY = /^\d+:(etherfi|puffer|mantle):0x[0-9a-f]{40}$/;
const uint = z
  .string()
  .regex(/^\d{1,78}$/)
  .transform((s) => BigInt(s));
const searchSchema = z.object({
  status: z.enum(['complete', 'partial', 'failed']),
  floor: uint,
  low: uint,
  high: uint,
  error: z.string().max(2_000).optional(),
  chunk: uint.refine((c) => c > 0n),
  updatedAt: z.number(),
});
/** A damaged id list drops the entry's ids, a damaged search state only the state (the search starts over). */
const entrySchema = z.object({
  ids: z.array(uint).max(MAX_IDS_PER_ENTRY).catch([]),
  search: searchSchema.optional().catch(undefined),
});

/** Stored form: bigints as decimal strings. A damaged entry or key is dropped; a non-object reads as empty. */
export const storedBookSchema = salvagedRecord(z.unknown()).transform((raw) => {
  const out: QueueIdsBook = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!KEY.test(key)) continue;
    const parsed = entrySchema.safeParse(value);
    if (parsed.success) out[key] = { ids: sortedUnique(parsed.data.ids), ...(parsed.data.search ? { search: parsed.data.search } : {}) };
  }
  return out;
});

export type StoredQueueIdsBook = Record<string, { ids: string[]; search?: Record<string, string | number> }>;

export function encodeBook(book: QueueIdsBook): StoredQueueIdsBook {
  const out: StoredQueueIdsBook = {};
  for (const [key, e] of Object.entries(book)) {
    if (e.ids.length === 0 && !e.search) continue;
    out[key] = {
      ids: e.ids.map(String),
      ...(e.search
        ? {
            search: {
              status: e.search.status,
              floor: String(e.search.floor),
              low: String(e.search.low),
              high: String(e.search.high),
              chunk: String(e.search.chunk),
              updatedAt: e.search.updatedAt,
              ...(e.search.error !== undefined ? { error: e.search.error } : {}),
            },
          }
        : {}),
    };
  }
  return out;
}

export function sortedUnique(ids: readonly bigint[]): bigint[] {
  const sorted = [...new Set(ids)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.length > MAX_IDS_PER_ENTRY ? sorted.slice(-MAX_IDS_PER_ENTRY) : sorted;
}

/** A new book with `ids` added to (chain, queue, account) — duplicates collapse. */
export function addIds(book: QueueIdsBook, chainId: number, queue: IdQueue, account: string, ids: readonly bigint[]): QueueIdsBook {
  if (ids.length === 0) return book;
  const key = bookKey(chainId, queue, account);
  const entry = book[key] ?? { ids: [] };
  return { ...book, [key]: { ...entry, ids: sortedUnique([...entry.ids, ...ids]) } };
}

/** A new book without `ids` for (chain, queue, account): claimed, burned or no longer the account's. */
export function removeIds(book: QueueIdsBook, chainId: number, queue: IdQueue, account: string, ids: readonly bigint[]): QueueIdsBook {
  const key = bookKey(chainId, queue, account);
  const entry = book[key];
  if (!entry || ids.length === 0) return book;
  const gone = new Set(ids);
  return { ...book, [key]: { ...entry, ids: entry.ids.filter((id) => !gone.has(id)) } };
}

export function setSearch(book: QueueIdsBook, chainId: number, queue: IdQueue, account: string, search: QueueSearch): QueueIdsBook {
  const key = bookKey(chainId, queue, account);
  return { ...book, [key]: { ids: book[key]?.ids ?? [], search } };
}

export const idsOf = (book: QueueIdsBook, chainId: number, queue: IdQueue, account: string): readonly bigint[] =>
  book[bookKey(chainId, queue, account)]?.ids ?? [];

export const searchOf = (book: QueueIdsBook, chainId: number, queue: IdQueue, account: string): QueueSearch | undefined =>
  book[bookKey(chainId, queue, account)]?.search;
