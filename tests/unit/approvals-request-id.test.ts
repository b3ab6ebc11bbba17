import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApprovalQueue, type ApprovalRequest } from '../../lib/provider/approvals';
import { pendingItem } from '../../lib/storage';

/**
 * A page picks the ids of its requests, and the queue re-attaches a re-sent request to its stored
 * entry by origin + id. Only the very same request may re-attach: anything else under that id would
 * get the user's answer to what the approval window showed.
 */
const ORIGIN = 'https://site.example';
const KEY = `${ORIGIN}|same-id`;
const shown: ApprovalRequest = {
  origin: ORIGIN,
  kind: 'signature',
  method: 'personal_sign',
  params: ['0x5369676e20696e', '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'],
  chainId: 1,
  dedupeKey: KEY,
};
const INVALID_REQUEST = -32600; // EIP-1474

describe('approval queue: a request id cannot be borrowed', () => {
  beforeEach(() => fakeBrowser.reset());

  it('refuses other params, another method or another kind under a waiting id; the shown request still gets the answer', async () => {
    const queue = createApprovalQueue({ item: pendingItem, openWindow: async () => undefined });
    const original = queue.request(shown);
    await expect.poll(() => queue.list().then((l) => l.length)).toBe(1);
    await expect(
      queue.request({ ...shown, params: ['0x492068616e64206f766572', shown.params && (shown.params as string[])[1]] }),
    ).rejects.toMatchObject({ code: INVALID_REQUEST });
    await expect(queue.request({ ...shown, method: 'eth_sign' })).rejects.toMatchObject({ code: INVALID_REQUEST });
    await expect(
      queue.request({
        ...shown,
        kind: 'transaction',
        method: 'eth_sendTransaction',
        params: [{ to: '0x0000000000000000000000000000000000000001', value: '0x1' }],
      }),
    ).rejects.toMatchObject({ code: INVALID_REQUEST });
    const [entry] = await queue.list();
    expect(await queue.list()).toHaveLength(1);
    expect(entry?.params).toEqual(shown.params);
    await queue.resolve(entry!.id, { approved: true });
    expect(await original).toEqual({ approved: true });
  });

  it('the identical re-send still re-attaches (worker restart), and a different request cannot take the stored answer', async () => {
    const before = createApprovalQueue({ item: pendingItem, openWindow: async () => undefined });
    void before.request(shown);
    await expect.poll(() => before.list().then((l) => l.length)).toBe(1);
    const after = createApprovalQueue({ item: pendingItem, openWindow: async () => undefined });
    const [stored] = await after.list();
    await after.resolve(stored!.id, { approved: true });
    await expect(after.request({ ...shown, params: ['0xdead', '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266'] })).rejects.toMatchObject({
      code: INVALID_REQUEST,
    });
    // Params that went through JSON (as over the port) compare equal to the stored ones.
    expect(await after.request(JSON.parse(JSON.stringify(shown)) as ApprovalRequest)).toEqual({ approved: true });
    expect(await after.list()).toEqual([]);
  });
});
