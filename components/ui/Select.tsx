import { useId } from 'react';
import type { SelectHTMLAttributes } from 'react';
import { cx, focusRing } from './cx';

export type SelectOption = { value: string; label: string };

export function Select({
  label,
  options,
  className,
  ...rest
}: { label: string; options: SelectOption[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-ink">
        {label}
      </label>
      <select id={id} className={cx('h-10 rounded-md border border-line bg-surface px-2 text-sm text-ink', focusRing, className)} {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
