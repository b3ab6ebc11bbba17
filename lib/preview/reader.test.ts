import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createPublicClient, decodeFunctionData, encodeFunctionResult, erc20Abi, http, multicall3Abi, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { createBatchReader } from './reader';

const URL_ = 'http://127.0.0.1:1001/';
const TOKEN = '0x00000000000000000000000000000000000000aa';
type Member = { id: number; method: string; params: unknown[] };
let bodies: Member[][];

/** A node behind fetch: eth_getCode says "contract", eth_blockNumber 0x10, aggregate3 answers symbol() = "TKN" for each call. */
function answer(m: Member): unknown {
  if (m.method === 'eth_getCode') return '0x60';
  if (m.method === 'eth_blockNumber') return '0x10';
  const { args } = decodeFunctionData({ abi: multicall3Abi, data: (m.params[0] as { data: Hex }).data });
  const calls = args[0] as readonly unknown[];
  const symbol = encodeFunctionResult({ abi: erc20Abi, functionName: 'symbol', result: 'TKN' });
  return encodeFunctionResult({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    result: calls.map(() => ({ success: true, returnData: symbol })),
  });
}

beforeEach(() => {
  bodies = [];
  vi.stubGlobal('fetch', async (_url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as Member | Member[];
    const members = Array.isArray(body) ? body : [body];
    bodies.push(members);
    const replies = members.map((m) => ({ jsonrpc: '2.0', id: m.id, result: answer(m) }));
    return Response.json(Array.isArray(body) ? replies : replies[0]);
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('createBatchReader on a batching client (the wallet client: JSON-RPC batches and multicall batching)', () => {
  test('reads, a code lookup and a request handed to withNextFlush leave as ONE HTTP request', async () => {
    const client = createPublicClient({
      chain: mainnet,
      transport: http(URL_, { batch: true, retryCount: 0 }),
      batch: { multicall: true },
    });
    const reader = createBatchReader(client);
    const [symbol, code, block] = await Promise.all([
      reader.read<string>({ address: TOKEN, abi: erc20Abi, functionName: 'symbol' }),
      reader.hasCode(TOKEN),
      reader.withNextFlush(() => client.request({ method: 'eth_blockNumber' })),
    ]);
    expect(symbol).toEqual({ ok: true, value: 'TKN' });
    expect(code).toEqual({ ok: true, value: true });
    expect(block).toBe('0x10');
    expect(bodies.map((b) => b.map((m) => m.method).sort())).toEqual([['eth_blockNumber', 'eth_call', 'eth_getCode']]);
    expect(reader.roundTrips).toBe(1);
  });

  test('a request that throws at once rejects alone; the reads of the same flush still answer', async () => {
    const client = createPublicClient({ chain: mainnet, transport: http(URL_, { batch: true, retryCount: 0 }) });
    const reader = createBatchReader(client);
    const failing = reader.withNextFlush(() => {
      throw new Error('bad request');
    });
    const read = reader.read<string>({ address: TOKEN, abi: erc20Abi, functionName: 'symbol' });
    await expect(failing).rejects.toThrow('bad request');
    expect(await read).toEqual({ ok: true, value: 'TKN' });
  });
});
