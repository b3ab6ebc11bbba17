import type { EIP1193RequestFn, Transport } from 'viem';

/** Counts JSON-RPC requests; read and reset per refresh. */
export type RequestCounter = { count: number; methods: string[] };

export function createRequestCounter(): RequestCounter {
  return { count: 0, methods: [] };
}

/**
 * Wraps a viem transport (usually http()) and counts every JSON-RPC request that goes through it.
 * With JSON-RPC batching on, each batch member is still its own `request` call here, so it is
 * counted one by one — the number the issue bounds is requests, not HTTP round trips.
 * Put retries inside the wrapped transport's own config at 0 if every wire request must show.
 */
export function countingTransport(inner: Transport, counter: RequestCounter): Transport {
  return (params) => {
    const built = inner(params);
    const request = (async (args, options) => {
      counter.count += 1;
      counter.methods.push(args.method);
      return built.request(args, options);
    }) as EIP1193RequestFn;
    return { ...built, request };
  };
}
