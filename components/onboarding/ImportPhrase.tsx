import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../lib/state';
import { Button, InlineError, TextArea } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useOnboardingFlow } from './flow-store';
import { NewPasswordFields } from './NewPasswordFields';
import { checkNewPassword, normalizePhrase, phraseWordCountError } from './rules';
import type { PasswordErrors } from './rules';

export function ImportPhrase() {
  const { finish, complete } = useOnboardingFlow();
  const [phrase, setPhrase] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PasswordErrors & { phrase?: string }>({});
  const importIt = useAction((mnemonic: string, pw: string) => call('wallet:importMnemonic', { mnemonic, password: pw }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const mnemonic = normalizePhrase(phrase);
    const found = { ...checkNewPassword(password, confirm), phrase: phraseWordCountError(mnemonic) };
    setErrors(found);
    if (found.password || found.confirm || found.phrase) return;
    if (await importIt.run(mnemonic, password)) complete();
  };

  return (
    <Screen title="Import a recovery phrase" onBack={finish}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <TextArea
          label="Recovery phrase"
          name="mnemonic"
          value={phrase}
          onChange={(e) => setPhrase(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          hint="Words separated by spaces."
          error={errors.phrase}
        />
        <NewPasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} errors={errors} />
        <InlineError error={importIt.error} />
        <Button type="submit" block loading={importIt.loading}>
          Import
        </Button>
      </form>
    </Screen>
  );
}
