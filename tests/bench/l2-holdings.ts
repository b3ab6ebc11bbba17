import { createPublicClient, http, type Client } from 'viem';
import { readHoldingsAcrossChains, type HoldingsChainId } from '../../lib/restaking/l2';
import { countingTransport, createRequestCounter, type RequestCounter } from '../../lib/tracker/counting-transport';
import { devAccount } from '../devnet/context';
import { l1RatesFromInfo, startL2Devnets } from '../devnet/l2-devnet';
import { RUNS, median, type BenchPart } from './types';

/**
 * Holdings across Ethereum and the L2 devnets (issue #18): JSON-RPC requests per chain for one refresh of 10 accounts
 * (the most any chain took; goal 1) and the wall time of the whole three-chain read (chains in parallel). Medians of RUNS.
 */
export const l2Holdings: BenchPart = {
  name: 'l2-holdings',
  needsBrowser: false,
  async run({ devnet }) {
    const l2 = await startL2Devnets({ l1Rates: l1RatesFromInfo(devnet.info.rates) });
    try {
      const urls: [HoldingsChainId, string][] = [[1, devnet.rpcUrl], ...l2.map((n): [HoldingsChainId, string] => [n.chainId, n.rpcUrl])];
      const accounts = Array.from({ length: 10 }, (_, i) => devAccount(i).address);
      const perChain: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const counters: RequestCounter[] = [];
        const clients: Partial<Record<HoldingsChainId, Client>> = {};
        for (const [chainId, url] of urls) {
          const counter = createRequestCounter();
          counters.push(counter);
          clients[chainId] = createPublicClient({ transport: countingTransport(http(url, { retryCount: 0 }), counter) });
        }
        const started = performance.now();
        const result = await readHoldingsAcrossChains({ clients, accounts });
        times.push(performance.now() - started);
        const failed = result.chains.find((c) => !c.ok);
        if (failed && !failed.ok) throw new Error(`chain ${failed.chainId}: ${failed.error}`);
        perChain.push(Math.max(...counters.map((c) => c.count)));
      }
      return { refresh_requests_per_chain: median(perChain), refresh_ms_3_chains: Math.round(median(times)) };
    } finally {
      await Promise.all(l2.map((n) => n.stop()));
    }
  },
};
