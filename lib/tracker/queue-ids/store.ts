import type { Item } from '../../storage/item';
import { createMutex } from '../../storage/mutex';
import { encodeBook, storedBookSchema, type QueueIdsBook, type StoredQueueIdsBook } from './book';

/** Where the known request ids live; every change goes through `update` (one at a time, read-modify-write). */
export type QueueIdsStore = {
  read(): Promise<QueueIdsBook>;
  update(change: (book: QueueIdsBook) => QueueIdsBook): Promise<QueueIdsBook>;
};

/** Reads what an item holds; anything unreadable (wrong type, damaged entries) gives what can be salvaged, or an empty book. */
export function decodeBook(raw: unknown): QueueIdsBook {
  const parsed = storedBookSchema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : {};
}

/** Over any stored item (chrome.storage.local in the worker, memory in tests); ids kept as decimal strings. */
export function createQueueIdsStore(item: Item<unknown>): QueueIdsStore {
  const exclusive = createMutex();
  const read = async () => decodeBook(await item.getValue().catch(() => null));
  return {
    read,
    update: (change) =>
      exclusive(async () => {
        const next = change(await read());
        await item.setValue(encodeBook(next) satisfies StoredQueueIdsBook);
        return next;
      }),
  };
}

/** An in-memory item with the storage's JSON round trip (tests, scripts). */
export function createMemoryItem(initial: unknown = null): Item<unknown> & { raw(): unknown } {
  let value: unknown = initial === null ? null : JSON.parse(JSON.stringify(initial));
  return {
    getValue: async () => value,
    setValue: async (v) => void (value = JSON.parse(JSON.stringify(v))),
    raw: () => value,
  };
}
