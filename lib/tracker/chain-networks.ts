import type { Transport } from 'viem';
import { DEVNET_KEY } from '../chain/networks';
import { createNetworkTransport } from '../chain/transport';
import { L2_CHAIN_IDS } from '../restaking/l2';
import type { StoredNetwork } from '../storage/items';
import type { ChainSource } from './chains';

/** A devnet network of a dev/test build: the L1 devnet or one of its L2 twins ("devnet-base"…). */
export const isDevnetNetwork = (n: Pick<StoredNetwork, 'key'>): boolean => n.key === DEVNET_KEY || n.key.startsWith(`${DEVNET_KEY}-`);

export type ChainSourcesParameters = {
  networks: readonly StoredNetwork[];
  /** The network the tracker reads as Ethereum: its family (devnet or real) decides which L2 networks go with it. */
  active: Pick<StoredNetwork, 'key' | 'chainId'>;
  /** The transport builder; lib/chain/transport.ts's (URLs tried in order) unless a test counts requests. */
  transportOf?: (network: StoredNetwork) => Transport;
};

/**
 * The L2s a refresh reads beside Ethereum (issue #18, item 3): every chain of the L2 registry that has a network in
 * the active network's family — the devnet twins beside the devnet, the user's built-in or added L2 networks beside a
 * real Ethereum — so a devnet Base is never added to mainnet holdings, nor the reverse. A network with RPC URLs gets
 * the one transport builder ('scheduled': the tracker's backoff decides retries); one without is listed as not read,
 * with the reason, never read as zero. The devnet family lists only the twins it has (no devnet Optimism to miss).
 */
export function chainSourcesOf({
  networks,
  active,
  transportOf = (n) => createNetworkTransport(n, { purpose: 'scheduled' }),
}: ChainSourcesParameters): ChainSource[] {
  const devnet = isDevnetNetwork(active);
  const family = networks.filter((n) => isDevnetNetwork(n) === devnet);
  return L2_CHAIN_IDS.filter((id) => id !== active.chainId).flatMap((chainId): ChainSource[] => {
    const candidates = family.filter((n) => n.chainId === chainId);
    const network = candidates.find((n) => n.rpcUrls.length > 0) ?? candidates[0];
    if (!network) return [];
    if (network.rpcUrls.length === 0) return [{ chainId, name: network.name, notRead: `no RPC URL set for ${network.name}` }];
    return [{ chainId, name: network.name, transport: transportOf(network) }];
  });
}
