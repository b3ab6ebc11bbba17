import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../lib/state';
import { Button, InlineError, Input } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useOnboardingFlow } from './flow-store';
import { cryptoRandom, pickBackupPositions } from './rules';

const WORDS_TO_CHECK = 3;

export function BackupCheck() {
  const { mnemonic, go, complete } = useOnboardingFlow();
  const total = mnemonic?.split(' ').length ?? 12;
  const positions = useMemo(() => pickBackupPositions(total, WORDS_TO_CHECK, cryptoRandom), [total]);
  const [words, setWords] = useState<Record<number, string>>({});
  const confirm = useAction((answer: Record<number, string>) => call('wallet:confirmBackup', { words: answer }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const answer = Object.fromEntries(positions.map((p) => [p, (words[p] ?? '').trim().toLowerCase()]));
    if (await confirm.run(answer)) complete();
  };

  return (
    <Screen title="Check your backup" onBack={() => go('show-phrase')}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <p className="text-xs text-ink-muted">Type the words at these positions of your recovery phrase.</p>
        {positions.map((p) => (
          <Input
            key={p}
            label={`Word #${p + 1}`}
            name={`backup-word-${p}`}
            autoComplete="off"
            spellCheck={false}
            value={words[p] ?? ''}
            onChange={(e) => setWords((w) => ({ ...w, [p]: e.target.value }))}
          />
        ))}
        <InlineError error={confirm.error} />
        <Button type="submit" block loading={confirm.loading}>
          Confirm backup
        </Button>
      </form>
    </Screen>
  );
}
