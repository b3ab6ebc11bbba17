import { networksStore } from '../../lib/state';
import { Button } from '../ui';
import { useResource } from '../hooks/use-resource';
import { useOnboardingFlow } from '../onboarding/flow-store';
import { activeNetwork } from './networks/active';

/**
 * Above every tab while the active network has no RPC (the user chose "Set up later"): says why balances,
 * previews and sending cannot work yet, instead of each screen failing on its own, and opens the RPC step.
 */
export function NoRpcNotice() {
  const networks = useResource(networksStore);
  const start = useOnboardingFlow((s) => s.start);
  const network = networks.data && activeNetwork(networks.data);
  if (!network || network.rpcUrls.length > 0) return null;
  return (
    <div role="status" data-testid="no-rpc" className="flex shrink-0 items-center gap-2 border-b border-warn bg-warn-soft px-3 py-2">
      <p className="flex-1 text-xs text-ink">
        No RPC set for {network.name}: Ballast cannot read balances, preview or send until you choose one.
      </p>
      <Button size="sm" variant="secondary" onClick={() => start('rpc')}>
        Choose an RPC
      </Button>
    </div>
  );
}
