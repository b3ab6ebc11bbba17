import { call, sitesStore } from '../../lib/state';
import { Address, Button, EmptyState, InlineError } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { ResourceView } from './ResourceView';

export function SitesScreen({ onBack }: { onBack: () => void }) {
  const sites = useResource(sitesStore);
  const revoke = useAction((origin: string) => call('sites:revoke', { origin }));
  return (
    <Screen title="Connected sites" onBack={onBack}>
      <InlineError error={revoke.error} />
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
                    <ul className="mt-1 flex flex-wrap gap-1">
                      {site.accounts.map((a) => (
                        <li key={a}>
                          <Address address={a} copy={false} />
                        </li>
                      ))}
                    </ul>
                  </div>
                  <Button size="sm" variant="danger" aria-label={`Disconnect ${site.origin}`} onClick={() => void revoke.run(site.origin)}>
                    Disconnect
                  </Button>
                </li>
              ))}
            </ul>
          )
        }
      </ResourceView>
    </Screen>
  );
}
