import type { Transport } from 'viem';
import { countingTransport, createRequestCounter, type RequestCounter } from '../../lib/tracker/counting-transport';

/** One request counter per chain id: `counted(chainId, transport)` wraps a chain's transport with a fresh counter. */
export function chainCounters() {
  const counters = new Map<number, RequestCounter>();
  const counted = (chainId: number, transport: Transport) => {
    const c = createRequestCounter();
    counters.set(chainId, c);
    return countingTransport(transport, c);
  };
  return { counters, counted };
}
