import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startAnvil, type AnvilInstance } from '../devnet/anvil';
import { startFaultProxy, type FaultProxy } from './proxy';

let anvil: AnvilInstance;
let proxy: FaultProxy;

const post = (url: string, body: unknown, signal?: AbortSignal) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });
const rpc = (method: string, params: unknown[] = [], id = 1) => ({ jsonrpc: '2.0', id, method, params });

beforeAll(async () => {
  anvil = await startAnvil();
  proxy = await startFaultProxy(anvil.rpcUrl);
});
afterAll(async () => {
  await proxy?.stop();
  await anvil?.stop();
});
beforeEach(() => {
  proxy.clearFaults();
  proxy.resetCounts();
});

describe('fault proxy', () => {
  test('passes requests through unchanged and counts them (batch members one by one)', async () => {
    const direct = await (await post(anvil.rpcUrl, rpc('eth_chainId'))).json();
    expect(await (await post(proxy.url, rpc('eth_chainId'))).json()).toEqual(direct);
    const batch = (await (await post(proxy.url, [rpc('eth_chainId', [], 1), rpc('eth_blockNumber', [], 2)])).json()) as { id: number }[];
    expect(batch.map((a) => a.id).sort()).toEqual([1, 2]);
    expect(proxy.count('eth_chainId')).toBe(2);
    expect(proxy.count('eth_blockNumber')).toBe(1);
    expect(proxy.httpRequests()).toBe(2);
  });

  test('HTTP 5xx, malformed and truncated bodies, per method only', async () => {
    proxy.fault('eth_blockNumber', { kind: 'http', status: 503 });
    expect((await post(proxy.url, rpc('eth_blockNumber'))).status).toBe(503);
    expect((await post(proxy.url, rpc('eth_chainId'))).status).toBe(200);
    proxy.fault('eth_blockNumber', { kind: 'malformed' });
    await expect((await post(proxy.url, rpc('eth_blockNumber'))).json()).rejects.toThrow();
    proxy.fault('eth_blockNumber', { kind: 'truncated' });
    const text = await (await post(proxy.url, rpc('eth_blockNumber'))).text();
    expect(() => JSON.parse(text)).toThrow();
  });

  test('rpc-error: a JSON-RPC error object with the given code', async () => {
    proxy.fault('eth_simulateV1', { kind: 'rpc-error', code: -32601, message: 'Method not found' });
    expect(await (await post(proxy.url, rpc('eth_simulateV1', [], 7))).json()).toEqual({
      jsonrpc: '2.0',
      id: 7,
      error: { code: -32601, message: 'Method not found' },
    });
  });

  test('rpc-error in a batch: only the members it is set for fail, the others are answered by the node', async () => {
    proxy.fault('eth_simulateV1', { kind: 'rpc-error', code: -32601, message: 'Method not found' });
    const answers = (await (await post(proxy.url, [rpc('eth_simulateV1', [], 1), rpc('eth_chainId', [], 2)])).json()) as {
      id: number;
      result?: string;
      error?: { code: number };
    }[];
    expect(answers.find((a) => a.id === 1)).toMatchObject({ error: { code: -32601 } });
    expect(answers.find((a) => a.id === 2)).toMatchObject({ result: '0x1' });
    expect(proxy.httpRequests()).toBe(1);
  });

  test('times: a fault that fires once, then the real answer', async () => {
    proxy.fault('*', { kind: 'http', status: 500, times: 1 });
    expect((await post(proxy.url, rpc('eth_chainId'))).status).toBe(500);
    expect((await post(proxy.url, rpc('eth_chainId'))).status).toBe(200);
  });

  test('wrong chain id and contradicting answers', async () => {
    proxy.wrongChainId();
    expect(await (await post(proxy.url, rpc('eth_chainId'))).json()).toMatchObject({ result: '0x5' });
    proxy.fault('eth_blockNumber', { kind: 'rewrite', result: (_u, call) => `0x${(100 - call).toString(16)}` });
    const first = (await (await post(proxy.url, rpc('eth_blockNumber'))).json()) as { result: string };
    const second = (await (await post(proxy.url, rpc('eth_blockNumber'))).json()) as { result: string };
    expect(BigInt(second.result)).toBeLessThan(BigInt(first.result));
  });

  test('forward-then-hang: the node acts on the request, the client gets no answer', async () => {
    const before = BigInt(((await (await post(anvil.rpcUrl, rpc('eth_blockNumber'))).json()) as { result: string }).result);
    proxy.fault('evm_mine', { kind: 'forward-then-hang' });
    await expect(post(proxy.url, rpc('evm_mine'), AbortSignal.timeout(500))).rejects.toThrow();
    const after = BigInt(((await (await post(anvil.rpcUrl, rpc('eth_blockNumber'))).json()) as { result: string }).result);
    expect(after).toBe(before + 1n);
  });

  test('hang: not forwarded, no answer; delay: answered late', async () => {
    proxy.fault('evm_mine', { kind: 'hang' });
    const before = await (await post(anvil.rpcUrl, rpc('eth_blockNumber'))).json();
    await expect(post(proxy.url, rpc('evm_mine'), AbortSignal.timeout(300))).rejects.toThrow();
    expect(await (await post(anvil.rpcUrl, rpc('eth_blockNumber'))).json()).toEqual(before);
    proxy.fault('eth_chainId', { kind: 'delay', ms: 200 });
    const started = performance.now();
    expect((await post(proxy.url, rpc('eth_chainId'))).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });
});
