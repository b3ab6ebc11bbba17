import { walletStore } from '../../lib/state';
import { ErrorState, Spinner } from '../ui';
import { useResource } from '../hooks/use-resource';
import { useTheme } from '../hooks/use-theme';
import { Onboarding } from '../onboarding/Onboarding';
import { useOnboardingFlow } from '../onboarding/flow-store';
import { UnlockScreen } from '../unlock/UnlockScreen';
import { MainShell } from './MainShell';

/** The toolbar popup: exactly 360×600; onboarding, unlock, or the wallet. */
export function PopupApp() {
  useTheme();
  const wallet = useResource(walletStore);
  const onboarding = useOnboardingFlow((s) => s.active);
  return <main className="h-[600px] w-[360px] overflow-hidden bg-surface text-ink">{body()}</main>;

  function body() {
    if (onboarding) return <Onboarding />;
    if (!wallet.data) {
      if (wallet.error) {
        return (
          <div className="p-4">
            <ErrorState
              title="Could not read the wallet"
              message={wallet.error.message}
              details={wallet.error.details}
              onRetry={() => void walletStore.getState().reload()}
            />
          </div>
        );
      }
      return (
        <div className="flex h-full items-center justify-center">
          <Spinner label="Loading wallet" />
        </div>
      );
    }
    switch (wallet.data.status) {
      case 'uninitialized':
        return <Onboarding />;
      case 'locked':
        return <UnlockScreen />;
      case 'unlocked':
        return <MainShell state={wallet.data} />;
    }
  }
}
