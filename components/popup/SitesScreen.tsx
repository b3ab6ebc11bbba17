import { call, networksStore, sitesStore } from '../../lib/state';
import { networkNameOf } from '../approval/network-name';
import { Address, Button, EmptyState, InlineError } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { ResourceView } from './ResourceView';

export function SitesScreen({ onBack }: { onBack: () => void }) {
  const sites = useResource(sitesStore);
  const revoke = useAction((origin: string) => call('sites:revoke', { origin }));
  const follow = useAction((origin: string) => call('sites:followWallet', { origin }));
  const networks = useResource(networksStore);
  const walletNetwork = networks.data ? networkNameOf(networks.data, networks.data.activeChainId) : undefined;
  const nameOf = (chainId: number) => (networks.data && networkNameOf(networks.data, chainId)) ?? `chain ${chainId}`;
  return (
    <Screen title="Connected sites" onBack={onBack}>
      <InlineError error={revoke.error ?? follow.error} />
      <ResourceView resource={sites} what="connected sites">
        {(list) =>
          list.length === 0 ? (
            <EmptyState title="No connected sites">A site sees your accounts only after you approve its connect request.</EmptyState>
          ) : (
            <ul className="flex flex-col gap-1.5">
              {list.map((site) => (
                <li key={site.origin} className="flex items-start justify-between gap-2 rounded-lg border border-line p-2">
                  <div className="min-w-0">
                    <p className="truncate text-sm font-medium">{site.origin}</p>
                    <p className="text-xs text-ink-muted">since {new Date(site.connectedAt).toLocaleDateString()}</p>
                    {/* The chain the site's requests go to: its own (it switched), or the wallet's. */}
                    <p className="text-xs text-ink-muted">
                      {site.chainId !== undefined ? (
                        <>
                          on <span className="font-medium text-ink">{nameOf(site.chainId)}</span>
                        </>
                      ) : (
                        <>follows the wallet{walletNetwork ? ` (${walletNetwork})` : ''}</>
                      )}
                    </p>
                    <ul className="mt-1 flex flex-wrap gap-1">
                      {site.accounts.map((a) => (
                        <li key={a}>
                          <Address address={a} copy={false} />
                        </li>
                      ))}
                    </ul>
                  </div>
                  <div className="flex shrink-0 flex-col items-stretch gap-1">
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Disconnect ${site.origin}`}
                      onClick={() => void revoke.run(site.origin)}
                    >
                      Disconnect
                    </Button>
                    {site.chainId !== undefined && (
                      <Button
                        size="sm"
                        variant="secondary"
                        aria-label={`Follow wallet for ${site.origin}`}
                        title="Put this site back on the wallet's network"
                        disabled={follow.loading}
                        onClick={() => void follow.run(site.origin)}
                      >
                        Follow wallet
                      </Button>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </Screen>
  );
}
