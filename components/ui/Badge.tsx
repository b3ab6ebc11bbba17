import type { ReactNode } from 'react';
import { cx } from './cx';

export type BadgeTone = 'info' | 'warn' | 'danger' | 'ok' | 'neutral';

const tones: Record<BadgeTone, string> = {
  info: 'bg-info-soft text-info',
  warn: 'bg-warn-soft text-warn',
  danger: 'bg-danger-soft text-danger',
  ok: 'bg-ok-soft text-ok',
  neutral: 'bg-surface-muted text-ink-muted',
};

export function Badge({ tone = 'neutral', children, title }: { tone?: BadgeTone; children: ReactNode; title?: string }) {
  return (
    <span title={title} className={cx('inline-flex items-center rounded-full px-2 py-0.5 text-[11px] font-semibold', tones[tone])}>
      {children}
    </span>
  );
}
