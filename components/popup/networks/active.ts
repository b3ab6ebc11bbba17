import type { NetworkView } from '../../../lib/messaging/types';

/**
 * The active network of a networks:list answer. The devnet and mainnet share chain id 1, so the
 * background's `activeKey` decides when present; otherwise the first network of the active chain.
 */
export function activeNetwork(data: { networks: NetworkView[]; activeChainId: number }): NetworkView | undefined {
  const activeKey = (data as { activeKey?: string }).activeKey;
  if (activeKey !== undefined) return data.networks.find((n) => n.key === activeKey);
  return data.networks.find((n) => n.chainId === data.activeChainId);
}
