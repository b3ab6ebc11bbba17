import { describe, expect, it } from 'vitest';
import { addIds, bookKey, idsOf, MAX_IDS_PER_ENTRY, removeIds, searchOf, setSearch, type QueueSearch } from './book';
import { createMemoryItem, createQueueIdsStore, decodeBook } from './store';

const A = '0x1111111111111111111111111111111111111111';
const B = '0x2222222222222222222222222222222222222222';
const KEY_A = `1:etherfi:${A}`;
const search: QueueSearch = { status: 'failed', floor: 0n, low: 40n, high: 90n, chunk: 500n, updatedAt: 5, error: 'eth_getLogs 0–39: 503' };

describe('known request ids: what storage gives back', () => {
  it.each<[string, unknown]>([
    ['a string', 'garbage'],
    ['a number', 42],
    ['an array', [1, 2, 3]],
    ['truncated JSON text', '{"1:etherfi:0x11'],
    ['null', null],
    ['undefined', undefined],
  ])('%s reads as an empty book, without throwing', (_what, raw) => {
    expect(decodeBook(raw)).toEqual({});
  });

  it('keeps the readable entries and drops a damaged one, a bad key, a bad id list or a bad search state', () => {
    const book = decodeBook({
      [KEY_A]: { ids: ['7', '3', '7'] },
      [`1:puffer:${A}`]: { ids: ['12'], search: { status: 'weird', floor: '0', low: '1', high: '2', chunk: '10', updatedAt: 1 } },
      [`1:mantle:${A}`]: { ids: ['-1', 'x'], search: { status: 'partial', floor: '0', low: '10', high: '20', chunk: '10', updatedAt: 1 } },
      [`1:kelp:${A}`]: { ids: ['1'] }, // not an id queue
      [`1:etherfi:${A.toUpperCase()}`]: { ids: ['1'] }, // keys are lowercase
      [`1:etherfi:${B}`]: 'not an entry',
    });
    expect(Object.keys(book).sort()).toEqual([KEY_A, `1:mantle:${A}`, `1:puffer:${A}`].sort());
    expect(book[KEY_A]).toEqual({ ids: [3n, 7n] }); // deduplicated and sorted on read
    expect(book[`1:puffer:${A}`]).toEqual({ ids: [12n] }); // the damaged search state is dropped, the ids stay
    expect(book[`1:mantle:${A}`]!.ids).toEqual([]); // a damaged id list is dropped, the search state stays
    expect(book[`1:mantle:${A}`]!.search).toMatchObject({ status: 'partial', low: 10n, high: 20n });
  });

  it('refuses more ids than the cap (the entry loses its ids, not the whole book)', () => {
    const ids = Array.from({ length: MAX_IDS_PER_ENTRY + 1 }, (_, i) => String(i));
    expect(decodeBook({ [KEY_A]: { ids }, [`1:puffer:${A}`]: { ids: ['1'] } })).toEqual({
      [KEY_A]: { ids: [] },
      [`1:puffer:${A}`]: { ids: [1n] },
    });
  });
});

describe('known request ids: changes', () => {
  it('adds without duplicates, per chain, queue and account (any address case)', () => {
    let book = addIds({}, 1, 'etherfi', A, [5n, 2n]);
    book = addIds(book, 1, 'etherfi', A.toUpperCase().replace('0X', '0x'), [2n, 9n, 5n]);
    book = addIds(book, 1, 'puffer', A, [5n]);
    book = addIds(book, 17000, 'etherfi', A, [1n]);
    expect(idsOf(book, 1, 'etherfi', A)).toEqual([2n, 5n, 9n]);
    expect(idsOf(book, 1, 'puffer', A)).toEqual([5n]);
    expect(idsOf(book, 17000, 'etherfi', A)).toEqual([1n]);
    expect(idsOf(book, 1, 'mantle', A)).toEqual([]);
    expect(idsOf(book, 1, 'etherfi', B)).toEqual([]);
  });

  it('removes claimed ids and leaves the rest and other entries alone', () => {
    let book = addIds(addIds({}, 1, 'mantle', A, [1n, 2n, 3n]), 1, 'mantle', B, [2n]);
    book = removeIds(book, 1, 'mantle', A, [2n, 99n]);
    expect(idsOf(book, 1, 'mantle', A)).toEqual([1n, 3n]);
    expect(idsOf(book, 1, 'mantle', B)).toEqual([2n]);
    expect(removeIds(book, 1, 'puffer', A, [1n])).toBe(book); // nothing stored there: unchanged
  });

  it('keeps at most the newest MAX_IDS_PER_ENTRY ids', () => {
    const many = Array.from({ length: MAX_IDS_PER_ENTRY + 10 }, (_, i) => BigInt(i));
    const ids = idsOf(addIds({}, 1, 'puffer', A, many), 1, 'puffer', A);
    expect(ids).toHaveLength(MAX_IDS_PER_ENTRY);
    expect(ids[0]).toBe(10n);
  });

  it('round-trips ids and the search state through the stored form (JSON, decimal strings)', async () => {
    const item = createMemoryItem();
    const store = createQueueIdsStore(item);
    await store.update((b) => setSearch(addIds(b, 1, 'etherfi', A, [2n ** 70n, 3n]), 1, 'etherfi', A, search));
    expect(item.raw()).toEqual({
      [KEY_A]: {
        ids: ['3', String(2n ** 70n)],
        search: { status: 'failed', floor: '0', low: '40', high: '90', chunk: '500', updatedAt: 5, error: search.error },
      },
    });
    const back = await store.read();
    expect(idsOf(back, 1, 'etherfi', A)).toEqual([3n, 2n ** 70n]);
    expect(searchOf(back, 1, 'etherfi', A)).toEqual(search);
    // An entry emptied of ids and without a search is not written at all.
    await store.update((b) => removeIds(setSearch(b, 1, 'puffer', B, { ...search, status: 'complete' }), 1, 'etherfi', A, [3n, 2n ** 70n]));
    const keys = Object.keys(item.raw() as object);
    expect(keys).toContain(bookKey(1, 'puffer', B));
    expect((item.raw() as Record<string, unknown>)[KEY_A]).toEqual({ ids: [], search: expect.any(Object) });
  });

  it('serializes concurrent updates (no lost write)', async () => {
    const store = createQueueIdsStore(createMemoryItem());
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.update((b) => addIds(b, 1, 'mantle', A, [BigInt(i)]))));
    expect(idsOf(await store.read(), 1, 'mantle', A)).toHaveLength(20);
  });
});
