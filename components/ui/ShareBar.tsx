import { cx } from './cx';

/** Fills for up to five segments; further ones repeat. Shades of one hue, so no segment reads as a warning. */
const FILLS = ['bg-brand', 'bg-brand/60', 'bg-brand/30', 'bg-line-strong', 'bg-ink-muted'];

export type ShareSegment = { key: string; label: string; /** 0–10 000 */ shareBps: number };

export const shareFill = (index: number): string => FILLS[index % FILLS.length]!;

/** A thin stacked bar of shares (basis points) with a text alternative; the legend is the caller's list. */
export function ShareBar({ segments, label, className }: { segments: readonly ShareSegment[]; label: string; className?: string }) {
  const text = segments.map((s) => `${s.label} ${(s.shareBps / 100).toFixed(1)} %`).join(', ');
  return (
    <div
      role="img"
      aria-label={`${label}: ${text}`}
      className={cx('flex h-2 w-full overflow-hidden rounded-full bg-surface-muted', className)}
    >
      {segments.map((s, i) =>
        s.shareBps > 0 ? <span key={s.key} className={cx('h-full', shareFill(i))} style={{ width: `${s.shareBps / 100}%` }} /> : null,
      )}
    </div>
  );
}
