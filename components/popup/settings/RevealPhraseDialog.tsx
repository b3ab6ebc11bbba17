import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../../lib/state';
import { Button, Dialog, InlineError, PasswordInput } from '../../ui';
import { useAction } from '../../hooks/use-action';
import { PhraseGrid } from '../../onboarding/PhraseGrid';

/** Shows the recovery phrase after the password; the phrase is dropped when the dialog closes. */
export function RevealPhraseDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [mnemonic, setMnemonic] = useState<string>();
  const reveal = useAction((pw: string) => call('wallet:revealMnemonic', { password: pw }));
  const close = () => {
    setPassword('');
    setMnemonic(undefined);
    reveal.clearError();
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const result = await reveal.run(password);
    setPassword('');
    if (result) setMnemonic(result.mnemonic);
  };
  return (
    <Dialog open={open} title="Reveal recovery phrase" onClose={close}>
      {mnemonic ? (
        <div className="flex flex-col gap-3">
          <p className="text-xs text-warn">Anyone who sees these words controls your funds.</p>
          <PhraseGrid mnemonic={mnemonic} />
          <Button block onClick={close}>
            Done
          </Button>
        </div>
      ) : (
        <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
          <PasswordInput label="Password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <InlineError error={reveal.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={reveal.loading} disabled={!password}>
              Reveal
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
