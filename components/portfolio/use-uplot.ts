import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

/** Theme colours from the design tokens, read at draw time so light and dark both fit. */
export function chartColors() {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    ink: v('--color-ink-muted', '#4b5563'),
    line: v('--color-line', '#d1d5db'),
    brand: v('--color-brand', '#1d4ed8'),
    warn: v('--color-warn', '#92400e'),
    danger: v('--color-danger', '#b91c1c'),
  };
}

/**
 * Mounts one uPlot chart in the returned div and rebuilds it when `key` changes (data or theme).
 * uPlot draws on a canvas, so the caller supplies a text alternative next to it.
 */
export function useUplot(build: (width: number) => { options: Omit<uPlot.Options, 'width'>; data: uPlot.AlignedData }, key: string) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const width = Math.max(200, Math.floor(el.clientWidth || 320));
    const { options, data } = build(width);
    let plot = new uPlot({ ...options, width }, data, el);
    const theme = new MutationObserver(() => {
      // The dark class toggled: redraw with the other palette.
      plot.destroy();
      el.replaceChildren();
      const next = build(width);
      plot = new uPlot({ ...next.options, width }, next.data, el);
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
    return () => {
      theme.disconnect();
      plot.destroy();
      el.replaceChildren();
    };
    // `build` is recreated every render; `key` says when its output changes.
  }, [key]);
  return ref;
}
