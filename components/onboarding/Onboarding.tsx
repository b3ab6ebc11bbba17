import { useOnboardingFlow } from './flow-store';
import { Welcome } from './Welcome';
import { CreateWallet } from './CreateWallet';
import { ShowPhrase } from './ShowPhrase';
import { BackupCheck } from './BackupCheck';
import { ImportPhrase } from './ImportPhrase';
import { ImportKey } from './ImportKey';
import { WatchAddress } from './WatchAddress';
import { ChooseRpc } from './ChooseRpc';

export function Onboarding() {
  const { step, complete, finish } = useOnboardingFlow();
  switch (step) {
    case 'welcome':
      return <Welcome />;
    case 'create':
      return <CreateWallet />;
    case 'show-phrase':
      return <ShowPhrase />;
    case 'backup-check':
      return <BackupCheck />;
    case 'import-phrase':
      return <ImportPhrase />;
    case 'import-key':
      return <ImportKey />;
    case 'watch':
      return <WatchAddress onDone={complete} onBack={finish} />;
    case 'rpc':
      return <ChooseRpc />;
  }
}
