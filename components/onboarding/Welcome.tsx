import { Button } from '../ui';
import { useOnboardingFlow } from './flow-store';

export function Welcome() {
  const start = useOnboardingFlow((s) => s.start);
  return (
    <div className="flex h-full flex-col justify-between p-5">
      <div className="mt-10 flex flex-col gap-2">
        <img src="/icon/128.png" alt="" className="size-14" />
        <h1 className="text-2xl font-bold">Ballast</h1>
        <p className="text-sm text-ink-muted">
          A wallet for liquid staking and restaking tokens that shows slashing, depeg and impermanent-loss risk before you sign.
        </p>
      </div>
      <div className="flex flex-col gap-2">
        <Button block onClick={() => start('create')}>
          Create a new wallet
        </Button>
        <Button block variant="secondary" onClick={() => start('import-phrase')}>
          Import a recovery phrase
        </Button>
        <Button block variant="secondary" onClick={() => start('import-key')}>
          Import a private key
        </Button>
        <Button block variant="ghost" onClick={() => start('watch')}>
          Watch an address
        </Button>
      </div>
    </div>
  );
}
