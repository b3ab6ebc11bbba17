import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../lib/state';
import { Button, InlineError } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useOnboardingFlow } from './flow-store';
import { NewPasswordFields } from './NewPasswordFields';
import { checkNewPassword } from './rules';
import type { PasswordErrors } from './rules';

export function CreateWallet() {
  const { finish, go, setMnemonic } = useOnboardingFlow();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const create = useAction((pw: string) => call('wallet:create', { password: pw }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewPassword(password, confirm);
    setErrors(found);
    if (found.password || found.confirm) return;
    const result = await create.run(password);
    if (result) {
      setMnemonic(result.mnemonic);
      go('show-phrase');
    }
  };

  return (
    <Screen title="Create a wallet" onBack={finish}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={errors} />
        <InlineError error={create.error} />
        <Button type="submit" block loading={create.loading}>
          Create wallet
        </Button>
      </form>
    </Screen>
  );
}
