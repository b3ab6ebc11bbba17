import { networksStore } from '../../lib/state';
import { useResource } from '../hooks/use-resource';
import { networkNameOf } from './network-name';

/** One line under the site's name: which network the request is for, by name and chain id. */
export function RequestNetwork({ chainId }: { chainId: number }) {
  const networks = useResource(networksStore);
  const name = networkNameOf(networks.data, chainId) ?? (networks.data || networks.error ? 'Unknown network' : undefined);
  return (
    <p className="text-xs text-ink-muted" data-testid="request-network" data-chain-id={chainId}>
      Network: {name && <span className="font-semibold text-ink">{name}</span>}
      {name && ' · '}chain id {chainId}
    </p>
  );
}
