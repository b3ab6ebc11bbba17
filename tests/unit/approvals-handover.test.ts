import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApprovalQueue, type ApprovalRequest } from '../../lib/provider/approvals';
import { toRpcError } from '../../lib/provider/errors';
import { pendingItem } from '../../lib/storage';

/**
 * A worker stop between the user's answer and the page hearing back: the page's relay re-sends the
 * same request (same origin + id) to a fresh worker. An approval must never run twice, and the user
 * must never be asked twice for one request.
 */
const ORIGIN = 'https://site.example';
const send: ApprovalRequest = {
  origin: ORIGIN,
  kind: 'transaction',
  method: 'eth_sendTransaction',
  chainId: 1,
  dedupeKey: `${ORIGIN}|p-7`,
  params: [{ from: '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', to: '0x000000000000000000000000000000000000dead', value: '0x1' }],
};

function worker() {
  const opened = { count: 0 };
  const queue = createApprovalQueue({ item: pendingItem, openWindow: async () => void opened.count++ });
  return { queue, opened };
}

describe('approval queue: the answer handed over, then the worker stopped', () => {
  beforeEach(() => fakeBrowser.reset());

  it('an approval the old worker took is not run again for the re-sent request: a -32603 that says to check the account’s transactions first', async () => {
    const before = worker();
    const waiting = before.queue.request(send);
    await expect.poll(() => before.queue.list().then((l) => l.length)).toBe(1);
    const [entry] = await before.queue.list();
    await before.queue.resolve(entry!.id, { approved: true });
    expect(await waiting).toEqual({ approved: true });
    // The old worker was signing / broadcasting when Chrome stopped it; the page re-sends.
    const after = worker();
    const resent = await after.queue.request(send).then(
      () => undefined,
      (e: unknown) => toRpcError(e),
    );
    expect(resent?.code).toBe(-32603);
    expect(resent?.message).toMatch(/restarted.*may already have been sent.*before trying again/s);
    expect(after.opened.count).toBe(0);
    expect(await after.queue.list()).toEqual([]);
    // The tombstone keeps no calldata.
    expect((await pendingItem.getValue()).map((p) => p.params)).toEqual([null]);
  });

  it('a refusal the old worker took is repeated for the re-sent request, without asking again', async () => {
    const before = worker();
    const waiting = before.queue.request(send);
    await expect.poll(() => before.queue.list().then((l) => l.length)).toBe(1);
    const [entry] = await before.queue.list();
    await before.queue.resolve(entry!.id, { approved: false });
    expect(await waiting).toEqual({ approved: false });
    const after = worker();
    expect(await after.queue.request(send)).toEqual({ approved: false });
    expect(after.opened.count).toBe(0);
  });

  it('closing the approval window after answering a request nobody waited for keeps the answer for the re-send', async () => {
    const before = worker();
    void before.queue.request(send);
    await expect.poll(() => before.queue.list().then((l) => l.length)).toBe(1);
    const after = worker(); // restarted before the user answered; the page has not re-sent yet
    const [entry] = await after.queue.list();
    await after.queue.resolve(entry!.id, { approved: true });
    // The window closes itself on the empty queue: the background withdraws whatever was still open.
    expect(await after.queue.withdraw(() => true)).toBe(0);
    expect(await after.queue.request(send)).toEqual({ approved: true });
    expect(after.opened.count).toBe(0);
  });

  it('a request without a page id (it cannot be re-sent) leaves nothing stored once answered', async () => {
    const { queue } = worker();
    const waiting = queue.request({ ...send, dedupeKey: undefined });
    await expect.poll(() => queue.list().then((l) => l.length)).toBe(1);
    await queue.resolve((await queue.list())[0]!.id, { approved: true });
    expect(await waiting).toEqual({ approved: true });
    expect(await pendingItem.getValue()).toEqual([]);
  });

  it('a new request under a fresh id still asks the user', async () => {
    const before = worker();
    const waiting = before.queue.request(send);
    await expect.poll(() => before.queue.list().then((l) => l.length)).toBe(1);
    await before.queue.resolve((await before.queue.list())[0]!.id, { approved: true });
    await waiting;
    const again = before.queue.request({ ...send, dedupeKey: `${ORIGIN}|p-8` });
    await expect.poll(() => before.queue.list().then((l) => l.length)).toBe(1);
    expect(before.opened.count).toBe(2);
    await before.queue.withdraw(() => true);
    expect(await again).toEqual({ approved: false });
  });
});
