import type { Abi, Address, Client } from 'viem';
import { getCode, multicall, readContract } from 'viem/actions';
import { MULTICALL3 } from '../restaking';

export type ReadRequest = { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] };
export type ReadResult<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export type BatchReader = {
  /** Queues a view call; every read queued in the same turn goes out as ONE Multicall3 eth_call. */
  read<T = unknown>(request: ReadRequest): Promise<ReadResult<T>>;
  /** eth_getCode(address) != 0x, cached per preview; an error when the node did not answer. Sent with the next flush. */
  hasCode(address: Address): Promise<ReadResult<boolean>>;
  /**
   * Runs `request` (any RPC request, e.g. the simulation) at the next flush, in the same tick as the
   * queued reads: on a batching transport they all leave as ONE HTTP request (one round trip).
   */
  withNextFlush<T>(request: () => Promise<T>): Promise<T>;
  /** How many eth_call round trips the reads took (for latency reports). */
  readonly roundTrips: number;
};

const firstLine = (error: unknown) =>
  (error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error)).split('\n')[0] ??
  'unknown error';

/**
 * Rules ask for reads independently; this coalesces them (a tiny DataLoader) so a preview costs one or
 * two eth_calls however many rules run. A node without Multicall3 gets the reads one by one instead.
 * Everything queued before a flush (reads, code lookups, requests handed to withNextFlush) is sent in
 * that flush's tick, so a batching transport puts it in one JSON-RPC batch.
 */
export function createBatchReader(client: Client, { multicallAddress = MULTICALL3 }: { multicallAddress?: Address } = {}): BatchReader {
  let queue: { request: ReadRequest; resolve: (r: ReadResult) => void }[] = [];
  let requests: (() => void)[] = [];
  let scheduled = false;
  let roundTrips = 0;
  const codes = new Map<string, Promise<ReadResult<boolean>>>();
  const unbatched: Client = { ...client, batch: undefined };

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => void flush(), 0);
  }

  function withNextFlush<T>(request: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // A synchronous throw rejects this request only, not the flush that starts the others.
      requests.push(() => void new Promise<T>((r) => r(request())).then(resolve, reject));
      schedule();
    });
  }

  async function flush() {
    const batch = queue;
    const started = requests;
    queue = [];
    requests = [];
    scheduled = false;
    for (const start of started) start();
    if (batch.length === 0) return;
    roundTrips += 1;
    try {
      // Without the client's own multicall batching, which would hold this aggregate for one more timer
      // tick, after the transport's JSON-RPC batch has left: the reader already aggregates.
      const results = (await multicall(unbatched, {
        contracts: batch.map(({ request }) => ({ ...request, args: request.args ?? [] })) as never,
        allowFailure: true,
        batchSize: 0,
        multicallAddress,
      })) as { status: 'success' | 'failure'; result?: unknown; error?: Error }[];
      results.forEach((r, i) =>
        batch[i]?.resolve(r.status === 'success' ? { ok: true, value: r.result } : { ok: false, error: firstLine(r.error) }),
      );
    } catch {
      // Multicall3 missing or the aggregate failed as a whole: read each call alone so one bad read stays one.
      await Promise.all(
        batch.map(async ({ request, resolve }) => {
          try {
            resolve({ ok: true, value: await readContract(client, { ...request, args: request.args ?? [] } as never) });
          } catch (error) {
            resolve({ ok: false, error: firstLine(error) });
          }
        }),
      );
    }
  }

  return {
    read<T>(request: ReadRequest) {
      return new Promise<ReadResult<T>>((resolve) => {
        queue.push({ request, resolve: resolve as (r: ReadResult) => void });
        schedule();
      });
    },
    withNextFlush,
    hasCode(address) {
      const key = address.toLowerCase();
      let pending = codes.get(key);
      if (!pending) {
        pending = withNextFlush(() => getCode(client, { address })).then(
          (code): ReadResult<boolean> => ({ ok: true, value: !!code && code !== '0x' }),
          (error): ReadResult<boolean> => ({ ok: false, error: firstLine(error) }),
        );
        codes.set(key, pending);
      }
      return pending;
    },
    get roundTrips() {
      return roundTrips;
    },
  };
}
