import type { ReactNode } from 'react';
import { cx, focusRing } from './cx';

/**
 * The deliberate second step a danger flag asks for: the action it guards stays inert until the user
 * ticks this box. One look everywhere (a danger fee, a network claiming another chain's name).
 */
export function DangerAcknowledgement({
  checked,
  onChange,
  className,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <label className={cx('flex cursor-pointer items-start gap-2 rounded-md bg-danger-soft p-2 text-sm', className)}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className={cx('mt-0.5 size-4 accent-danger', focusRing)}
      />
      <span>{children}</span>
    </label>
  );
}
