import type { PublicClient } from 'viem';
import type { NetworkService } from '../chain/networks';
import type { StoredNetwork } from '../storage/items';
import type { PermissionService } from '../wallet/permissions';
import type { ProviderRouterDeps } from './context';

export type SiteNetworkDeps = { networks: NetworkService; permissions: Pick<PermissionService, 'get'> };

/**
 * The network a site's requests go to: the chain it switched to (kept with its connection), else the
 * wallet's network. A stored chain id no network has any more (a devnet in a production build) falls back
 * to the wallet's, saying so in the log.
 */
export async function siteNetwork(origin: string, deps: SiteNetworkDeps): Promise<StoredNetwork> {
  const chainId = (await deps.permissions.get(origin))?.chainId;
  if (chainId === undefined) return deps.networks.active();
  const own = await deps.networks.findByChainId(chainId);
  if (own) return own;
  console.warn(`[ballast] ${origin} chose chain ${chainId}, which is no longer configured; it follows the wallet's network`);
  return deps.networks.active();
}

/**
 * The router's dependencies as one site sees them: `networks.active()` and `client()` are the site's network,
 * read once per request, so a request finishes on the chain it started on even if the site switches meanwhile.
 */
export function siteScope(origin: string, deps: ProviderRouterDeps): ProviderRouterDeps {
  let network: Promise<StoredNetwork> | undefined;
  const active = () => (network ??= siteNetwork(origin, deps));
  const clientFor = deps.clientFor;
  const client = clientFor ? async (): Promise<PublicClient> => clientFor(await active()) : deps.client;
  return { ...deps, networks: { ...deps.networks, active }, client };
}
