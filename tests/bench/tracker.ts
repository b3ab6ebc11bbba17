import { decodeFunctionData, http, isAddressEqual, multicall3Abi, type Address, type EIP1193RequestFn, type Hex, type Transport } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3 } from '../../lib/restaking/addresses';
import { defaultReaders } from '../../lib/tracker/readers';
import { refreshPositions } from '../../lib/tracker/refresh';
import { devAccount } from '../devnet/context';
import { RUNS, median, type BenchPart } from './types';

/**
 * Counts what a refresh would cost without Multicall3: every wire request is one, except an aggregate3
 * eth_call, which stands for as many requests as it carries calls (each would be its own eth_call).
 */
type NaiveCounter = { naive: number };

function naiveCountingTransport(inner: Transport, counter: NaiveCounter): Transport {
  return (params) => {
    const built = inner(params);
    const request = (async (args, options) => {
      counter.naive += readsIn(args as { method: string; params?: unknown });
      return built.request(args, options);
    }) as EIP1193RequestFn;
    return { ...built, request };
  };
}

function readsIn({ method, params }: { method: string; params?: unknown }): number {
  const call = (params as [{ to?: Address; data?: Hex; input?: Hex }] | undefined)?.[0];
  const data = call?.data ?? call?.input;
  if (method !== 'eth_call' || !call?.to || !data || !isAddressEqual(call.to, MULTICALL3)) return 1;
  try {
    const decoded = decodeFunctionData({ abi: multicall3Abi, data });
    return decoded.functionName === 'aggregate3' ? decoded.args[0].length : 1;
  } catch {
    return 1;
  }
}

async function measure(rpcUrl: string, accounts: readonly Address[], readers = defaultReaders) {
  const requests: number[] = [];
  const naive: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const counter: NaiveCounter = { naive: 0 };
    const transport = naiveCountingTransport(http(rpcUrl, { retryCount: 0 }), counter);
    const started = performance.now();
    const snapshot = await refreshPositions({ transport, chain: mainnet, accounts, readers: readers() });
    times.push(performance.now() - started);
    requests.push(snapshot.requestCount);
    naive.push(counter.naive);
  }
  return { requests: median(requests), naive: median(naive), ms: median(times) };
}

/** Tracker refresh on the seeded devnet: JSON-RPC requests and wall time for 1 and 10 accounts (medians of RUNS). */
export const tracker: BenchPart = {
  name: 'tracker',
  needsBrowser: false,
  async run({ devnet }) {
    const ten = Array.from({ length: 10 }, (_, i) => devAccount(i).address);
    const one = await measure(devnet.rpcUrl, ten.slice(0, 1));
    const many = await measure(devnet.rpcUrl, ten);
    // The same 10-account refresh without the LRT look-through reader (defaultReaders includes it).
    const withoutLookThrough = await measure(devnet.rpcUrl, ten, () => defaultReaders().filter((r) => r.family !== 'lrt-exposure'));
    return {
      refresh_requests_1_account: one.requests,
      refresh_ms_1_account: Math.round(one.ms),
      refresh_requests_10_accounts: many.requests,
      refresh_ms_10_accounts: Math.round(many.ms),
      // Reads as "naive requests ÷ Ballast requests" for the 10-account refresh: how many JSON-RPC requests
      // the same reads would take sent one by one (each call inside an aggregate3 batch counted as one
      // eth_call, every other request as itself), for each request the engine actually sends.
      // The 10-account refresh with the LRT look-through (= refresh_ms_10_accounts, named for issue #15), and what the look-through adds.
      lookthrough_refresh_ms: Math.round(many.ms),
      lookthrough_extra_ms: Math.round(many.ms - withoutLookThrough.ms),
      refresh_vs_naive_request_ratio: Math.round((many.naive / many.requests) * 10) / 10,
    };
  },
};
