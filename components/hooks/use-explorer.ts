import { explorerFor, explorerTxUrl, networksStore } from '../../lib/state';
import { useResource } from './use-resource';

/** Gives a transaction's explorer page on a chain, or undefined when that network has none (the devnet). */
export function useTxLink(): (chainId: number, hash: string) => string | undefined {
  const networks = useResource(networksStore);
  return (chainId, hash) => explorerTxUrl(explorerFor(networks.data, chainId), hash);
}
