import { createPublicClient, fallback, http, type Chain, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import { AppError } from '../errors';
import type { StoredNetwork } from '../storage/items';

/** A viem chain object for a stored network (mainnet's contracts, e.g. Multicall3, reused for chain 1). */
export function chainOf(network: StoredNetwork): Chain {
  const base = network.chainId === 1 ? mainnet : undefined;
  return {
    ...(base ?? {}),
    id: network.chainId,
    name: network.name,
    nativeCurrency: { name: network.nativeSymbol, symbol: network.nativeSymbol, decimals: 18 },
    rpcUrls: { default: { http: network.rpcUrls } },
  } as Chain;
}

/** Public client over every RPC URL of the network, in order, falling back on failure. */
export function createNetworkClient(network: StoredNetwork): PublicClient {
  if (network.rpcUrls.length === 0) {
    throw new AppError(`No RPC URL set for ${network.name}`, {
      details: 'Add the URL of an Ethereum node in Settings → Networks.',
      code: 'no_rpc',
    });
  }
  const transports = network.rpcUrls.map((url) => http(url, { batch: true, retryCount: 1, timeout: 15_000 }));
  return createPublicClient({
    chain: chainOf(network),
    transport: transports.length === 1 ? transports[0]! : fallback(transports),
    batch: { multicall: true },
  });
}
