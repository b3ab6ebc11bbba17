import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApprovalQueue } from '../../lib/provider';
import { pendingItem } from '../../lib/storage';

describe('approval queue', () => {
  beforeEach(() => fakeBrowser.reset());

  it('opens the window per new request, answers each request exactly once', async () => {
    let opened = 0;
    const queue = createApprovalQueue({ item: pendingItem, openWindow: async () => void opened++ });
    const first = queue.request({ origin: 'https://a.example', kind: 'connect', method: 'eth_requestAccounts', params: [], chainId: 1 });
    const second = queue.request({ origin: 'https://a.example', kind: 'signature', method: 'personal_sign', params: ['0x00'], chainId: 1 });
    await expect.poll(() => queue.list().then((l) => l.length)).toBe(2);
    const [a, b] = await queue.list();
    await queue.resolve(a!.id, { approved: true, accounts: [] });
    await expect(queue.resolve(a!.id, { approved: false })).rejects.toMatchObject({ code: 'approval.not-pending' });
    await queue.resolve(b!.id, { approved: false });
    expect(await first).toEqual({ approved: true, accounts: [] });
    expect(await second).toEqual({ approved: false });
    expect(opened).toBe(2);
    expect(await queue.list()).toEqual([]);
  });

  it('survives a worker restart: the stored request is answered and the re-sent page request gets the answer', async () => {
    const before = createApprovalQueue({ item: pendingItem, openWindow: async () => undefined });
    void before.request({
      origin: 'https://a.example',
      kind: 'transaction',
      method: 'eth_sendTransaction',
      params: [{}],
      chainId: 1,
      dedupeKey: 'https://a.example|p-1',
    });
    await expect.poll(() => before.list().then((l) => l.length)).toBe(1);
    // New worker: fresh in-memory state, same session storage.
    const after = createApprovalQueue({ item: pendingItem, openWindow: async () => undefined });
    const [stored] = await after.list();
    expect(stored).toMatchObject({ origin: 'https://a.example', kind: 'transaction' });
    await after.resolve(stored!.id, { approved: true });
    expect(await after.list()).toEqual([]);
    // Another origin re-using the same page id does not get it.
    const foreign = after.request({
      origin: 'https://b.example',
      kind: 'transaction',
      method: 'eth_sendTransaction',
      params: [{}],
      chainId: 1,
      dedupeKey: 'https://a.example|p-1',
    });
    expect(
      await after.request({
        origin: 'https://a.example',
        kind: 'transaction',
        method: 'eth_sendTransaction',
        params: [{}],
        chainId: 1,
        dedupeKey: 'https://a.example|p-1',
      }),
    ).toEqual({ approved: true });
    await after.withdraw(() => true);
    expect(await foreign).toEqual({ approved: false });
  });
});
