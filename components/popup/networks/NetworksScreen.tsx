import type { NetworkView } from '../../../lib/messaging/types';
import { call, networksStore } from '../../../lib/state';
import { InlineError } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { ResourceView } from '../ResourceView';
import { NetworkCard } from './NetworkCard';
import { activeNetwork } from './active';

export function NetworksScreen({ onBack }: { onBack: () => void }) {
  const networks = useResource(networksStore);
  // `key` tells the devnet and mainnet apart (both chain 1); older backgrounds ignore it.
  const switchTo = useAction((network: NetworkView) => {
    const ref = { chainId: network.chainId, key: network.key };
    return call('networks:switch', ref);
  });
  return (
    <Screen title="Networks" onBack={onBack}>
      <div className="flex flex-col gap-2">
        <InlineError error={switchTo.error} />
        <ResourceView resource={networks} what="networks">
          {(data) => {
            const active = activeNetwork(data);
            return data.networks.map((n) => (
              <NetworkCard
                key={n.key ?? n.chainId}
                network={n}
                active={n === active}
                onSwitch={() => void switchTo.run(n)}
                switching={switchTo.loading}
              />
            ));
          }}
        </ResourceView>
      </div>
    </Screen>
  );
}
