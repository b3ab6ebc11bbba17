import type { HTMLAttributes, ReactNode } from 'react';
import { cx } from './cx';

export function Card({
  title,
  actions,
  className,
  children,
  ...rest
}: Omit<HTMLAttributes<HTMLElement>, 'title'> & { title?: ReactNode; actions?: ReactNode }) {
  return (
    <section className={cx('rounded-lg border border-line bg-surface p-3', className)} {...rest}>
      {(title || actions) && (
        <header className="mb-2 flex items-center justify-between gap-2">
          {title && <h2 className="text-sm font-semibold text-ink">{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}
