import { describe, expect, test } from 'vitest';
import { createClient, custom, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import type { StoredPending } from '../storage/items';
import { NO_SENDER } from './request';
import { createPreviewService } from './service';

/**
 * Guard mode previews another wallet's request for a page. Nothing of Ballast's own may go into it:
 * not its selected account as the sender, not its RPC's host or error text.
 */
const SELECTED: Address = '0x1111111111111111111111111111111111111111';
const NAMED: Address = '0x2222222222222222222222222222222222222222';
const TARGET: Address = '0x3333333333333333333333333333333333333333';
const ORIGIN = 'https://dapp.example';
const SECRET_RPC = 'https://secret-rpc.example/v1/KEY-abc123';

type Sent = { method: string; params: unknown };

/**
 * A preview service whose node records every request and answers each with `answer`; with `broken`,
 * building the client fails with that message (as an unreachable or misconfigured RPC does).
 */
function service({
  answer = () => '0x',
  pending = [],
  broken,
}: { answer?: (r: Sent) => unknown; pending?: StoredPending[]; broken?: string } = {}) {
  const sent: Sent[] = [];
  let selectedAsked = 0;
  const client = createClient({
    chain: mainnet,
    transport: custom({
      request: async (r: Sent) => {
        sent.push(r);
        return answer(r);
      },
    }),
  });
  const previews = createPreviewService({
    client: async () => {
      if (broken) throw new Error(broken);
      return client;
    },
    network: async () => ({ chainId: 1, rpcUrls: [SECRET_RPC] }),
    pending: async () => pending,
    watchPending: () => () => undefined,
    selectedAddress: async () => {
      selectedAsked += 1;
      return SELECTED;
    },
    onReady: () => undefined,
  });
  return { previews, sent, selectedAsked: () => selectedAsked };
}

const sendersOf = (sent: Sent[]): string[] =>
  JSON.stringify(sent)
    .match(/"from":"0x[0-9a-fA-F]{40}"/g)
    ?.map((m) => m.slice(8, -1).toLowerCase()) ?? [];

describe('guard previews never fall back to Ballast’s selected account', () => {
  test.each([
    ['eth_sendTransaction', [{ to: TARGET, data: '0x', value: '0x1' }]],
    ['wallet_sendCalls', [{ calls: [{ to: TARGET, data: '0x' }] }]],
  ])('%s without a sender: "could not check: the request names no sender", a warning, and nothing simulated', async (method, params) => {
    const s = service();
    const { preview } = await s.previews.forGuard(method, params, ORIGIN);
    expect(preview.worst).toBe('warn');
    expect(preview.flags).toEqual([expect.objectContaining({ severity: 'warn', numbers: { reason: NO_SENDER } })]);
    expect(preview.flags[0]?.title).toMatch(/could not check/i);
    expect(s.sent).toEqual([]);
    expect(s.selectedAsked()).toBe(0);
    expect(JSON.stringify(preview).toLowerCase()).not.toContain(SELECTED.toLowerCase());
  });

  test('control: a guard request that names its sender is simulated as that sender, never as the selected account', async () => {
    const s = service();
    await s.previews.forGuard('eth_sendTransaction', [{ from: NAMED, to: TARGET, data: '0x' }], ORIGIN);
    expect(s.sent.length).toBeGreaterThan(0);
    expect(sendersOf(s.sent)).toContain(NAMED.toLowerCase());
    expect(sendersOf(s.sent)).not.toContain(SELECTED.toLowerCase());
  });

  test('control: a request to Ballast without a sender is still simulated as the selected account', async () => {
    const entry: StoredPending = {
      id: 'p1',
      origin: ORIGIN,
      kind: 'transaction',
      method: 'eth_sendTransaction',
      params: [{ to: TARGET, data: '0x' }],
      createdAt: 0,
      chainId: 1,
    };
    const s = service({ pending: [entry] });
    await s.previews.get('p1', true);
    expect(sendersOf(s.sent)).toContain(SELECTED.toLowerCase());
  });
});

describe('guard previews carry nothing of Ballast’s RPC', () => {
  test('no rpcHost, and the error text of a failing RPC (its URL) is replaced by a fixed sentence', async () => {
    const s = service({ broken: `cannot reach ${SECRET_RPC}: status 429` });
    const view = await s.previews.forGuard('eth_sendTransaction', [{ from: NAMED, to: TARGET, data: '0x' }], ORIGIN);
    expect(view).not.toHaveProperty('rpcHost');
    expect(view.preview.worst).not.toBe('none');
    const text = JSON.stringify(view);
    expect(text).not.toContain('secret-rpc');
    expect(text).not.toContain('429');
    expect(text).toContain('the node did not answer');
  });

  test('control: the approval window’s preview of the same failure keeps the error’s words', async () => {
    const entry: StoredPending = {
      id: 'p2',
      origin: ORIGIN,
      kind: 'transaction',
      method: 'eth_sendTransaction',
      params: [{ from: NAMED, to: TARGET, data: '0x' }],
      createdAt: 0,
      chainId: 1,
    };
    const s = service({ broken: `cannot reach ${SECRET_RPC}: status 429`, pending: [entry] });
    expect(JSON.stringify(await s.previews.get('p2', true))).toContain('429');
  });
});
