import type { ReactNode } from 'react';
import { Button } from './Button';

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center gap-2 px-4 py-8 text-center">
      <p className="text-sm font-semibold text-ink">{title}</p>
      {children && <div className="text-xs text-ink-muted">{children}</div>}
      {action}
    </div>
  );
}

/** Says what failed and what to do about it, with a retry when one makes sense. */
export function ErrorState({
  title,
  message,
  details,
  onRetry,
}: {
  title: string;
  message: string;
  details?: string;
  onRetry?: () => void;
}) {
  return (
    <div role="alert" className="flex flex-col gap-2 rounded-lg border border-danger bg-danger-soft p-3 text-sm">
      <h2 className="text-sm font-semibold text-danger">{title}</h2>
      <p className="text-ink">{message}</p>
      {details && <p className="text-xs text-ink-muted">{details}</p>}
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry} className="self-start">
          Try again
        </Button>
      )}
    </div>
  );
}

/** A one-line error under a form, from a failed action. */
export function InlineError({ error }: { error?: { message: string; details?: string } }) {
  if (!error) return null;
  return (
    <div role="alert" className="rounded-md bg-danger-soft p-2 text-xs text-danger">
      <p className="font-semibold">{error.message}</p>
      {error.details && <p className="mt-0.5 text-ink">{error.details}</p>}
    </div>
  );
}
