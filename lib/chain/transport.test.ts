import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fallback, http } from 'viem';
import { mainnet } from 'viem/chains';
import { AppError } from '../errors';
import { createNetworkTransport, endpointsOf, type TransportPurpose } from './transport';

const A = 'http://127.0.0.1:1001/';
const B = 'http://127.0.0.1:1002/';

/** Every fetch viem makes, answered per URL: a status, or a JSON-RPC result for each member of the body. */
type Answer = { status: number } | { result: string };
let answers: Record<string, Answer>;
let fetches: { url: string; body: unknown }[];

beforeEach(() => {
  fetches = [];
  vi.stubGlobal('fetch', async (url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as { id: number } | { id: number }[];
    fetches.push({ url, body });
    const answer = answers[url] ?? { status: 404 };
    if ('status' in answer) return new Response('down', { status: answer.status });
    const reply = (m: { id: number }) => ({ jsonrpc: '2.0', id: m.id, result: answer.result });
    return Response.json(Array.isArray(body) ? body.map(reply) : reply(body));
  });
});
afterEach(() => vi.unstubAllGlobals());

const request = (purpose: TransportPurpose, urls: string[]) =>
  createNetworkTransport({ name: 'Ethereum', rpcUrls: urls }, { purpose })({ chain: mainnet }).request;
const urlsAsked = () => fetches.map((f) => f.url);

describe('createNetworkTransport', () => {
  test('no RPC URL: one AppError that names the network and says where to add a URL', () => {
    let thrown: unknown;
    try {
      createNetworkTransport({ name: 'Ethereum', rpcUrls: [] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({
      shortMessage: 'No RPC URL set for Ethereum',
      details: 'Add the URL of an Ethereum node in More → Networks, then try again.',
      code: 'rpc.none',
    });
  });

  test('several URLs: a failing first URL hands over to the next, in order', async () => {
    answers = { [A]: { status: 503 }, [B]: { result: '0x1' } };
    await expect(request('scheduled', [A, B])({ method: 'eth_chainId' })).resolves.toBe('0x1');
    expect(urlsAsked()).toEqual([A, B]);
  });

  test('interactive: each URL gets one retry; scheduled: none; the list as a whole is never retried', async () => {
    answers = { [A]: { status: 503 }, [B]: { status: 503 } };
    await expect(request('scheduled', [A, B])({ method: 'eth_chainId' })).rejects.toThrow(/HTTP request failed/);
    expect(urlsAsked()).toEqual([A, B]);

    fetches = [];
    await expect(request('interactive', [A, B])({ method: 'eth_chainId' })).rejects.toThrow(/HTTP request failed/);
    expect(urlsAsked()).toEqual([A, A, B, B]);
  });

  test('interactive requests made in the same tick go out as one JSON-RPC batch; scheduled ones one by one', async () => {
    answers = { [A]: { result: '0x1' } };
    const interactive = request('interactive', [A]);
    await Promise.all([interactive({ method: 'eth_chainId' }), interactive({ method: 'eth_blockNumber' })]);
    expect(fetches).toHaveLength(1);
    expect(fetches[0]!.body).toHaveLength(2);

    fetches = [];
    const scheduled = request('scheduled', [A]);
    await Promise.all([scheduled({ method: 'eth_chainId' }), scheduled({ method: 'eth_blockNumber' })]);
    expect(fetches).toHaveLength(2);
  });
});

describe('endpointsOf', () => {
  test('names every URL of a fallback list, in order, and the single URL of http()', () => {
    const labels = (t: Parameters<typeof endpointsOf>[0]) => endpointsOf(t, mainnet).map((e) => e.label);
    expect(labels(fallback([http(A), http(B)]))).toEqual([A, B]);
    expect(labels(http(A))).toEqual([A]);
    expect(labels(createNetworkTransport({ name: 'Ethereum', rpcUrls: [A, B] }))).toEqual([A, B]);
  });

  test('each endpoint asks its own URL only', async () => {
    answers = { [A]: { status: 503 }, [B]: { result: '0x1' } };
    const [first, second] = endpointsOf(createNetworkTransport({ name: 'Ethereum', rpcUrls: [A, B] }, { purpose: 'scheduled' }), mainnet);
    await expect(first!.request({ method: 'eth_chainId' })).rejects.toThrow();
    await expect(second!.request({ method: 'eth_chainId' })).resolves.toBe('0x1');
    expect(urlsAsked()).toEqual([A, B]);
  });
});
