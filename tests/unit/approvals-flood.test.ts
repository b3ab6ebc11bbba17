import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { createApprovalQueue } from '../../lib/provider';
import { MAX_ORIGIN_BYTES, MAX_PARAMS_BYTES, MAX_PENDING_PER_ORIGIN } from '../../lib/provider/approvals';
import { REFOCUS_INTERVAL_MS, createApprovalWindow } from '../../lib/provider/approval-window';
import { addChainParams, watchAssetParams } from '../../lib/provider/schemas';
import { pendingItem } from '../../lib/storage';
import { memoryItem } from './provider-harness';

const A = 'https://a.example';
const B = 'https://b.example';
const sign = (origin: string, n: number) => ({
  origin,
  kind: 'signature' as const,
  method: 'personal_sign',
  params: [`0x${n.toString(16).padStart(2, '0')}`],
  chainId: 1,
  dedupeKey: `${origin}|s-${n}`,
});

describe('approval queue flood limits', () => {
  beforeEach(() => fakeBrowser.reset());
  const queue = () => createApprovalQueue({ item: pendingItem, openWindow: async () => undefined });

  it('keeps one connect per origin waiting: a second one gets -32002, another origin is not affected', async () => {
    const q = queue();
    void q.request({ origin: A, kind: 'connect', method: 'eth_requestAccounts', params: [], chainId: 1, dedupeKey: `${A}|c-1` });
    await expect.poll(() => q.list().then((l) => l.length)).toBe(1);
    await expect(
      q.request({ origin: A, kind: 'connect', method: 'eth_requestAccounts', params: [], chainId: 1, dedupeKey: `${A}|c-2` }),
    ).rejects.toMatchObject({ code: -32002 });
    void q.request({ origin: B, kind: 'connect', method: 'eth_requestAccounts', params: [], chainId: 1, dedupeKey: `${B}|c-1` });
    await expect.poll(() => q.list().then((l) => l.length)).toBe(2);
  });

  it(`caps the requests waiting per origin at ${MAX_PENDING_PER_ORIGIN} (-32005 beyond), per origin`, async () => {
    const q = queue();
    for (let n = 0; n < MAX_PENDING_PER_ORIGIN; n++) void q.request(sign(A, n));
    await expect.poll(() => q.list().then((l) => l.length)).toBe(MAX_PENDING_PER_ORIGIN);
    await expect(q.request(sign(A, 99))).rejects.toMatchObject({ code: -32005 });
    void q.request(sign(B, 0));
    await expect.poll(() => q.list().then((l) => l.length)).toBe(MAX_PENDING_PER_ORIGIN + 1);
    // Answering one frees a place.
    const [first] = await q.list();
    await q.resolve(first!.id, { approved: false });
    void q.request(sign(A, 100));
    await expect.poll(() => q.list().then((l) => l.filter((p) => p.origin === A).length)).toBe(MAX_PENDING_PER_ORIGIN);
  });

  it('refuses params larger than the per-request cap with -32602 and stores nothing', async () => {
    const q = queue();
    const huge = { ...sign(A, 1), params: [`0x${'ab'.repeat(MAX_PARAMS_BYTES / 2 + 10)}`] };
    await expect(q.request(huge)).rejects.toMatchObject({ code: -32602 });
    expect(await pendingItem.getValue()).toEqual([]);
  });

  it(`caps the bytes waiting per origin at ${MAX_ORIGIN_BYTES} (-32005 beyond)`, async () => {
    const q = queue();
    const big = (n: number) => ({ ...sign(A, n), params: [`0x${n.toString(16).padStart(2, '0')}${'ab'.repeat(60_000)}`] });
    for (let n = 0; n < 3; n++) void q.request(big(n)); // 3 × ~120 KB
    await expect.poll(() => q.list().then((l) => l.length)).toBe(3);
    await expect(q.request(big(3))).rejects.toMatchObject({ code: -32005 });
    const stored = JSON.stringify(await pendingItem.getValue()).length;
    expect(stored).toBeLessThan(MAX_ORIGIN_BYTES + 4_000);
  });

  it('a re-send of a waiting request (same page id) is not counted as a new one', async () => {
    const q = queue();
    for (let n = 0; n < MAX_PENDING_PER_ORIGIN; n++) void q.request(sign(A, n));
    await expect.poll(() => q.list().then((l) => l.length)).toBe(MAX_PENDING_PER_ORIGIN);
    const again = q.request(sign(A, 3));
    const entry = (await q.list()).find((p) => JSON.stringify(p.params) === JSON.stringify(sign(A, 3).params));
    await q.resolve(entry!.id, { approved: true });
    expect(await again).toEqual({ approved: true });
  });
});

describe('dApp params that would sit in the queue', () => {
  it('wallet_watchAsset: an image that is not a short URL is refused, naming the field', () => {
    const asset = { address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', symbol: 'DAI', decimals: 18 };
    const big = watchAssetParams.safeParse({ type: 'ERC20', options: { ...asset, image: `data:image/png;base64,${'A'.repeat(100_000)}` } });
    expect(big.success).toBe(false);
    expect(JSON.stringify(big.error?.issues[0]?.path)).toContain('image');
    expect(watchAssetParams.safeParse({ type: 'ERC20', options: { ...asset, image: 'https://example.com/dai.png' } }).success).toBe(true);
  });

  it('wallet_addEthereumChain: URL lists longer than 5 entries are refused', () => {
    const chain = { chainId: '0xa', chainName: 'OP Mainnet', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } };
    const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://rpc${i}.example`);
    expect(addChainParams.safeParse([{ ...chain, rpcUrls: urls(5) }]).success).toBe(true);
    expect(addChainParams.safeParse([{ ...chain, rpcUrls: urls(6) }]).success).toBe(false);
    expect(addChainParams.safeParse([{ ...chain, rpcUrls: urls(1), iconUrls: urls(500) }]).success).toBe(false);
  });
});

describe('approval window focus', () => {
  it('is brought to the front at most once a second while a page floods requests', async () => {
    let clock = 0;
    const focused: number[] = [];
    const id = memoryItem<number | null>(42);
    const win = createApprovalWindow(
      { url: 'approval.html', focus: async (w) => void focused.push(w), create: async () => ({ id: 42 }) },
      id,
      () => clock,
    );
    for (let i = 0; i < 50; i++) {
      await win.open();
      clock += 50; // 50 requests over 2.5 s
    }
    expect(focused.length).toBe(Math.ceil((50 * 50) / REFOCUS_INTERVAL_MS));
  });
});
