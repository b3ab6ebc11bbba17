import { fallback, http, type Chain, type EIP1193RequestFn, type Transport } from 'viem';
import { AppError } from '../errors';
import type { StoredNetwork } from '../storage/items';

/**
 * Who waits for the answer decides how hard a request is retried:
 * - 'interactive': someone is looking at a spinner (a preview, a send, the insights panel). One quick
 *   retry per URL hides a dropped connection, and requests made in the same tick share one HTTP batch
 *   (a preview's simulation and its reads cost one round trip).
 * - 'scheduled': work with its own backoff (the tracker, the alerts watchdog). A viem retry would only
 *   delay that backoff, so each URL is asked once.
 */
export type TransportPurpose = 'interactive' | 'scheduled';

export type NetworkTransportOptions = {
  purpose?: TransportPurpose;
  /** Per-request timeout of every URL; 15 s unless a caller has a reason (a test's short fuse). */
  timeoutMs?: number;
};

const RETRIES_PER_URL: Record<TransportPurpose, number> = { interactive: 1, scheduled: 0 };
const BATCHED: Record<TransportPurpose, boolean> = { interactive: true, scheduled: false };
export const DEFAULT_TIMEOUT_MS = 15_000;

/** The one wording of "this network has no RPC", whoever needed it. */
export function noRpcUrlError(networkName: string): AppError {
  return new AppError(`No RPC URL set for ${networkName}`, {
    details: 'Add the URL of an Ethereum node in More → Networks, then try again.',
    code: 'rpc.none',
  });
}

/**
 * The viem transport for a network: every RPC URL of the user's list, in order. With several URLs a
 * failing one hands over to the next; the fallback itself does not retry the whole list (viem's default
 * would, three more times), so the per-URL retry count above is the only retry there is.
 */
export function createNetworkTransport(
  network: Pick<StoredNetwork, 'name' | 'rpcUrls'>,
  { purpose = 'interactive', timeoutMs = DEFAULT_TIMEOUT_MS }: NetworkTransportOptions = {},
): Transport {
  if (network.rpcUrls.length === 0) throw noRpcUrlError(network.name);
  const transports = network.rpcUrls.map((url) =>
    http(url, { batch: BATCHED[purpose], retryCount: RETRIES_PER_URL[purpose], timeout: timeoutMs }),
  );
  return transports.length === 1 ? transports[0]! : fallback(transports, { retryCount: 0 });
}

export type TransportEndpoint = { label: string; request: EIP1193RequestFn };

/**
 * The URLs behind a transport, each with its own request function: the one of http(), or each member of
 * fallback([...]). For checks that must ask every URL (do they agree on the chain?), not just the first
 * that answers.
 */
export function endpointsOf(transport: Transport, chain: Chain): TransportEndpoint[] {
  const built = transport({ chain, retryCount: 0 });
  const members = (built.value as { transports?: unknown } | undefined)?.transports;
  const list = Array.isArray(members) ? (members as ReturnType<Transport>[]) : [built];
  return list.map((t, i) => ({
    label: String((t.value as { url?: unknown } | undefined)?.url ?? `${t.config.name} #${i + 1}`),
    request: t.request,
  }));
}
