import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../lib/state';
import { Button, InlineError, PasswordInput } from '../ui';
import { useAction } from '../hooks/use-action';

/** Password prompt for a locked wallet; shared by the popup and the approval window. */
export function UnlockScreen({ reason }: { reason?: string }) {
  const [password, setPassword] = useState('');
  const unlock = useAction((pw: string) => call('wallet:unlock', { password: pw }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    // The wallet topic event switches the screen; clearing the field keeps no copy in memory.
    if (await unlock.run(password)) setPassword('');
  };
  return (
    <div className="flex h-full flex-col justify-center gap-6 p-5">
      <div className="flex flex-col items-center gap-2 text-center">
        <img src="/icon/128.png" alt="" className="size-14" />
        <h1 className="text-xl font-bold">Unlock Ballast</h1>
        <p className="text-sm text-ink-muted">{reason ?? 'Enter your password to open the wallet.'}</p>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <PasswordInput label="Password" name="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        <InlineError error={unlock.error} />
        <Button type="submit" block loading={unlock.loading} disabled={!password}>
          Unlock
        </Button>
      </form>
    </div>
  );
}
