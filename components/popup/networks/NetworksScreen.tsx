import { call, networksStore } from '../../../lib/state';
import { InlineError } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { ResourceView } from '../ResourceView';
import { NetworkCard } from './NetworkCard';

export function NetworksScreen({ onBack }: { onBack: () => void }) {
  const networks = useResource(networksStore);
  const switchTo = useAction((chainId: number) => call('networks:switch', { chainId }));
  return (
    <Screen title="Networks" onBack={onBack}>
      <div className="flex flex-col gap-2">
        <InlineError error={switchTo.error} />
        <ResourceView resource={networks} what="networks">
          {({ networks: list, activeChainId }) =>
            list.map((n) => (
              <NetworkCard key={n.key ?? n.chainId} network={n} active={n.chainId === activeChainId} onSwitch={() => void switchTo.run(n.chainId)} switching={switchTo.loading} />
            ))
          }
        </ResourceView>
      </div>
    </Screen>
  );
}
