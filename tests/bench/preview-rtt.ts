import { createNetworkClient } from '../../lib/chain/clients';
import { buildPreview } from '../../lib/preview';
import { startFaultProxy } from '../fault/proxy';
import { percentile, previewMix } from './preview';
import type { BenchPart } from './types';

/** What every HTTP request to the RPC costs on top of the node's own work: a nearby hosted RPC. */
const RTT_MS = 50;
const PREVIEWS = 28; // 7 rounds of the 4-transaction mix

/**
 * The preview mix of the preview part, on the wallet's own client (createNetworkClient: the transport a
 * user gets) through a JSON-RPC proxy on 127.0.0.1 that holds every HTTP request RTT_MS before
 * forwarding it (a JSON-RPC batch is one HTTP request). Round trips = p50 / RTT_MS: what a user on a
 * real network waits for, which the bare devnet number (a few ms per request) hides.
 */
export const previewRtt: BenchPart = {
  name: 'preview at 50 ms rtt',
  needsBrowser: false,
  async run({ devnet }) {
    const { requests } = await previewMix(devnet);
    const proxy = await startFaultProxy(devnet.rpcUrl);
    proxy.fault('*', { kind: 'delay', ms: RTT_MS });
    const client = createNetworkClient({
      key: 'bench',
      chainId: 1,
      name: 'devnet, 50 ms away',
      rpcUrls: [proxy.url],
      nativeSymbol: 'ETH',
      builtIn: false,
    });
    try {
      const times: number[] = [];
      const perKind = new Map<number, { ms: number[]; http: number[] }>();
      for (let i = 0; i < PREVIEWS; i++) {
        const index = i % requests.length;
        proxy.resetCounts();
        const started = performance.now();
        const result = await buildPreview({ client, chainId: 1, now: () => Date.now() }, requests[index]!);
        const ms = performance.now() - started;
        if (result.simulation.status !== 'ok')
          throw new Error(`preview of mix item ${index} did not simulate: ${JSON.stringify(result.simulation)}`);
        times.push(ms);
        const kind = perKind.get(index) ?? { ms: [], http: [] };
        kind.ms.push(ms);
        kind.http.push(proxy.httpRequests());
        perKind.set(index, kind);
      }
      for (const [index, { ms, http }] of perKind)
        console.error(
          `bench: preview mix item ${index} at ${RTT_MS} ms: p50 ${Math.round(percentile(ms, 50))} ms, ${percentile(http, 50)} HTTP requests`,
        );
      const p50 = percentile(times, 50);
      return {
        preview_ms_at_50ms_rtt: Math.round(p50),
        preview_round_trips_at_50ms_rtt: Math.round((p50 / RTT_MS) * 100) / 100,
      };
    } finally {
      await proxy.stop();
    }
  },
};
