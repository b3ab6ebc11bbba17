import uPlot from 'uplot';
import type { ExposureBar } from '../../lib/state/portfolio-model';
import { formatEth } from '../../lib/format';
import { chartColors, useUplot } from './use-uplot';

/** Slashable ETH per operator set (EigenLayer) or per protocol (LRT share, Symbiotic), as bars. */
export function ExposureChart({
  bars,
  name = 'Slashing exposure breakdown',
  chart = 'exposure',
  tone = 'warn',
}: {
  /** `name`: the bar's full name for the text alternative when the axis label is shortened. */
  bars: readonly (ExposureBar & { name?: string })[];
  /** What the chart shows, for its text alternative. */
  name?: string;
  /** data-chart attribute (tests find the canvas by it). */
  chart?: string;
  tone?: 'warn' | 'brand';
}) {
  const key = `${tone}:${bars.map((b) => `${b.label}:${b.eth}`).join(',')}`;
  const ref = useUplot(() => {
    const c = chartColors();
    const axis = { stroke: c.ink, grid: { stroke: c.line, width: 0.5 }, ticks: { show: false } };
    const barPaths = uPlot.paths.bars?.({ size: [0.6, 48] });
    return {
      options: {
        height: 120,
        legend: { show: false },
        cursor: { show: false },
        scales: {
          x: { time: false, range: (_u, min, max) => [min - 0.5, max + 0.5] },
          y: { range: (_u, _min, max) => [0, max * 1.15 || 1] },
        },
        axes: [
          {
            ...axis,
            size: 28,
            font: '10px system-ui',
            splits: () => bars.map((_b, i) => i),
            values: (_u, vals) => vals.map((v) => bars[v]?.label.slice(0, 14) ?? ''),
          },
          { ...axis, size: 40, font: '10px system-ui', values: (_u, vals) => vals.map((v) => v.toFixed(1)) },
        ],
        series: [{}, { stroke: c[tone], fill: c[tone], width: 1, paths: barPaths, points: { show: false } }],
      },
      data: [bars.map((_b, i) => i), bars.map((b) => Number(b.eth) / 1e18)],
    };
  }, key);
  const text = bars.map((b) => `${b.name ?? b.label}: ${formatEth(b.eth, { rounding: 'expand' })}`).join('; '); // ETH at risk: never smaller
  return (
    <figure className="flex flex-col gap-1">
      <div ref={ref} role="img" aria-label={`${name}. ${text}`} data-chart={chart} className="w-full" />
      <figcaption className="sr-only">{text}</figcaption>
    </figure>
  );
}
