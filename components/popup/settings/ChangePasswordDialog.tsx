import { useState } from 'react';
import type { FormEvent } from 'react';
import { call } from '../../../lib/state';
import { Button, Dialog, InlineError, PasswordInput } from '../../ui';
import { useAction } from '../../hooks/use-action';
import { NewPasswordFields } from '../../onboarding/NewPasswordFields';
import { checkNewPassword } from '../../onboarding/rules';
import type { PasswordErrors } from '../../onboarding/rules';

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [oldPassword, setOld] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<PasswordErrors>({});
  const change = useAction((o: string, n: string) => call('wallet:changePassword', { oldPassword: o, newPassword: n }));
  const close = () => {
    setOld('');
    setNext('');
    setConfirm('');
    setErrors({});
    change.clearError();
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = checkNewPassword(next, confirm);
    setErrors(found);
    if (found.password || found.confirm) return;
    if (await change.run(oldPassword, next)) close();
  };
  return (
    <Dialog open={open} title="Change password" onClose={close}>
      <form onSubmit={submit} className="flex flex-col gap-3" noValidate>
        <PasswordInput label="Current password" value={oldPassword} onChange={(e) => setOld(e.target.value)} />
        <NewPasswordFields password={next} confirm={confirm} onPassword={setNext} onConfirm={setConfirm} errors={errors} />
        <InlineError error={change.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={change.loading}>
            Change
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
