import '../../lib/polyfills';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { addIds, idsOf } from '../../lib/tracker/queue-ids/book';
import { queueIdsItem } from '../../lib/tracker/queue-ids/item';
import { createQueueIdsStore } from '../../lib/tracker/queue-ids/store';

const A = '0x1111111111111111111111111111111111111111';
const KEY_A = `1:etherfi:${A}`;

describe('known request ids in chrome.storage.local', () => {
  beforeEach(() => fakeBrowser.reset());

  it.each<[string, unknown]>([
    ['garbage string', 'garbage'],
    ['a number', 42],
    ['an array', ['1']],
    ['truncated JSON text', '{"1:etherfi'],
  ])('%s under the key reads as empty and the next write replaces it', async (_what, raw) => {
    await fakeBrowser.storage.local.set({ 'tracker.queueIds': raw });
    const store = createQueueIdsStore(queueIdsItem);
    expect(await store.read()).toEqual({});
    await store.update((b) => addIds(b, 1, 'puffer', A, [11n]));
    expect(await fakeBrowser.storage.local.get('tracker.queueIds')).toEqual({ 'tracker.queueIds': { [`1:puffer:${A}`]: { ids: ['11'] } } });
    expect(idsOf(await store.read(), 1, 'puffer', A)).toEqual([11n]);
  });

  it('a future version is not read (empty book, no throw) and is left as it is until a write', async () => {
    await fakeBrowser.storage.local.set({ 'tracker.queueIds': { [KEY_A]: { ids: ['1'] } }, 'tracker.queueIds$': { v: 9 } });
    expect(await createQueueIdsStore(queueIdsItem).read()).toEqual({});
    expect(await fakeBrowser.storage.local.get('tracker.queueIds')).toEqual({ 'tracker.queueIds': { [KEY_A]: { ids: ['1'] } } });
  });
});
