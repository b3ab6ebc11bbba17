import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { cx, focusRing } from './cx';

export type TabItem<K extends string> = { key: K; label: string; icon?: ReactNode };

/**
 * A row of tabs (WAI-ARIA tabs pattern: arrow keys move between tabs). `panelId` ties them to the
 * panel they control.
 */
export function Tabs<K extends string>({
  items,
  value,
  onChange,
  label,
  panelId,
  className,
}: {
  items: TabItem<K>[];
  value: K;
  onChange: (key: K) => void;
  label: string;
  panelId?: string;
  className?: string;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = (index + step + items.length) % items.length;
    const item = items[next];
    if (item) {
      onChange(item.key);
      refs.current[next]?.focus();
    }
  };
  return (
    <div role="tablist" aria-label={label} className={cx('flex', className)}>
      {items.map((item, index) => {
        const selected = item.key === value;
        return (
          <button
            key={item.key}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${item.key}`}
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(item.key)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={cx(
              'flex flex-1 flex-col items-center justify-center gap-0.5 px-1 py-1.5 text-[11px] font-medium',
              selected ? 'text-brand' : 'text-ink-muted hover:text-ink',
              focusRing,
            )}
          >
            {item.icon}
            {item.label}
          </button>
        );
      })}
    </div>
  );
}
