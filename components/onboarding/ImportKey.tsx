import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../lib/state';
import { Button, InlineError, PasswordInput } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useOnboardingFlow } from './flow-store';
import { NewPasswordFields } from './NewPasswordFields';
import { checkNewPassword } from './rules';
import type { PasswordErrors } from './rules';

const keyPattern = /^(0x)?[0-9a-fA-F]{64}$/;

export function ImportKey() {
  const { finish, complete } = useOnboardingFlow();
  const [key, setKey] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PasswordErrors & { key?: string }>({});
  const importIt = useAction((privateKey: string, pw: string) => call('wallet:importPrivateKey', { privateKey, password: pw }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = key.trim();
    const found = {
      ...checkNewPassword(password, confirm),
      key: keyPattern.test(trimmed) ? undefined : 'A private key is 64 hex digits, with or without 0x.',
    };
    setErrors(found);
    if (found.password || found.confirm || found.key) return;
    if (await importIt.run(trimmed, password)) complete();
  };

  return (
    <Screen title="Import a private key" onBack={finish}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <PasswordInput label="Private key" name="private-key" value={key} onChange={(e) => setKey(e.target.value)} error={errors.key} />
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={errors} />
        <InlineError error={importIt.error} />
        <Button type="submit" block loading={importIt.loading}>
          Import
        </Button>
      </form>
    </Screen>
  );
}
