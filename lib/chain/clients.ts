import { createPublicClient, type Chain, type PublicClient } from 'viem';
import { mainnet } from 'viem/chains';
import type { StoredNetwork } from '../storage/items';
import { createNetworkTransport } from './transport';

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

/** Public client over every RPC URL of the network, in order, falling back on failure (see createNetworkTransport). */
export function createNetworkClient(network: StoredNetwork): PublicClient {
  return createPublicClient({
    chain: chainOf(network),
    transport: createNetworkTransport(network, { purpose: 'interactive' }),
    batch: { multicall: true },
  });
}
