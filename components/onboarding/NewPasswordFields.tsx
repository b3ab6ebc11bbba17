import { PasswordInput } from '../ui';
import { MIN_PASSWORD_LENGTH } from './rules';
import type { PasswordErrors } from './rules';

/** Password typed twice, with the rule stated up front; errors show once the user tried to submit. */
export function NewPasswordFields({
  password,
  confirm,
  onPassword,
  onConfirm,
  errors,
  label = 'New password',
}: {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  errors: PasswordErrors;
  label?: string;
}) {
  return (
    <>
      <PasswordInput
        label={label}
        name="new-password"
        value={password}
        onChange={(e) => onPassword(e.target.value)}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. It unlocks Ballast on this device only.`}
        error={errors.password}
      />
      <PasswordInput
        label="Confirm password"
        name="confirm-password"
        value={confirm}
        onChange={(e) => onConfirm(e.target.value)}
        error={errors.confirm}
      />
    </>
  );
}
