import type { ReactNode } from 'react';
import { cx, focusRing } from '../ui';

/** One screen: a title bar (optional back button and actions) over a scrolling body. */
export function Screen({
  title,
  onBack,
  actions,
  children,
  footer,
  className,
}: {
  title: string;
  onBack?: () => void;
  actions?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
}) {
  return (
    <div className="flex h-full min-h-0 flex-col">
      <header className="flex h-12 shrink-0 items-center gap-2 border-b border-line px-3">
        {onBack && (
          <button
            type="button"
            onClick={onBack}
            aria-label="Back"
            className={cx('rounded px-1.5 py-1 text-sm text-ink-muted hover:text-ink', focusRing)}
          >
            ←
          </button>
        )}
        <h1 className="flex-1 truncate text-base font-semibold">{title}</h1>
        {actions}
      </header>
      <div className={cx('min-h-0 flex-1 overflow-y-auto p-3', className)}>{children}</div>
      {footer && <div className="shrink-0 border-t border-line p-3">{footer}</div>}
    </div>
  );
}
