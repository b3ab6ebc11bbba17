import { useId } from 'react';
import type { ReactNode } from 'react';
import { cx, focusRing } from './cx';

/** An on/off switch (role="switch"), labelled by its visible text. */
export function Toggle({
  label,
  description,
  checked,
  onChange,
  disabled,
}: {
  label: string;
  description?: ReactNode;
  checked: boolean;
  onChange: (next: boolean) => void;
  disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex items-center justify-between gap-3">
      <div className="flex flex-col">
        <span id={`${id}-label`} className="text-sm text-ink">
          {label}
        </span>
        {description && (
          <span id={`${id}-desc`} className="text-xs text-ink-muted">
            {description}
          </span>
        )}
      </div>
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-labelledby={`${id}-label`}
        aria-describedby={description ? `${id}-desc` : undefined}
        disabled={disabled}
        onClick={() => onChange(!checked)}
        className={cx(
          'relative h-6 w-11 shrink-0 rounded-full transition-colors disabled:opacity-60',
          checked ? 'bg-brand' : 'bg-line-strong',
          focusRing,
        )}
      >
        <span
          className={cx(
            'absolute left-0 top-0.5 size-5 rounded-full bg-white shadow transition-transform',
            checked ? 'translate-x-5.5' : 'translate-x-0.5',
          )}
        />
      </button>
    </div>
  );
}
