import type { Abi, Address, Client } from 'viem';
import { getCode, multicall, readContract } from 'viem/actions';
import { MULTICALL3 } from '../restaking';

export type ReadRequest = { address: Address; abi: Abi; functionName: string; args?: readonly unknown[] };
export type ReadResult<T = unknown> = { ok: true; value: T } | { ok: false; error: string };

export type BatchReader = {
  /** Queues a view call; every read queued in the same turn goes out as ONE Multicall3 eth_call. */
  read<T = unknown>(request: ReadRequest): Promise<ReadResult<T>>;
  /** eth_getCode(address) != 0x, cached per preview; an error when the node did not answer. */
  hasCode(address: Address): Promise<ReadResult<boolean>>;
  /** How many eth_call round trips the reads took (for latency reports). */
  readonly roundTrips: number;
};

const firstLine = (error: unknown) =>
  (error instanceof Error ? ((error as { shortMessage?: string }).shortMessage ?? error.message) : String(error)).split('\n')[0] ??
  'unknown error';

/**
 * Rules ask for reads independently; this coalesces them (a tiny DataLoader) so a preview costs one or
 * two eth_calls however many rules run. A node without Multicall3 gets the reads one by one instead.
 */
export function createBatchReader(client: Client, { multicallAddress = MULTICALL3 }: { multicallAddress?: Address } = {}): BatchReader {
  let queue: { request: ReadRequest; resolve: (r: ReadResult) => void }[] = [];
  let scheduled = false;
  let roundTrips = 0;
  const codes = new Map<string, Promise<ReadResult<boolean>>>();

  async function flush() {
    const batch = queue;
    queue = [];
    scheduled = false;
    roundTrips += 1;
    try {
      const results = (await multicall(client, {
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
        if (!scheduled) {
          scheduled = true;
          setTimeout(() => void flush(), 0);
        }
      });
    },
    hasCode(address) {
      const key = address.toLowerCase();
      let pending = codes.get(key);
      if (!pending) {
        pending = getCode(client, { address }).then(
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
