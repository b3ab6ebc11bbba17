import type { NetworkView } from '../../lib/messaging/types';

/**
 * The name of the network a request was made on, from its stored chain id. Several networks can share an id
 * (the devnet and Ethereum are both 1): the active one is preferred, as the background does when it routes.
 */
export function networkNameOf(
  data: { networks: NetworkView[]; activeChainId: number; activeKey?: string } | undefined,
  chainId: number,
): string | undefined {
  if (!data) return undefined;
  const sameChain = data.networks.filter((n) => n.chainId === chainId);
  return (sameChain.find((n) => n.key !== undefined && n.key === data.activeKey) ?? sameChain[0])?.name;
}
