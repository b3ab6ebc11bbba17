import type { HistoryPoint } from '../../lib/tracker/history';
import { formatWadRatio } from '../../lib/format';
import { chartColors, useUplot } from './use-uplot';

/**
 * Market ÷ fair over the tracker's history for one token: 1.00 is on peg, below is a discount.
 * Needs two points to draw a line; with one it says so rather than showing an empty frame.
 */
export function PegChart({ symbol, points }: { symbol: string; points: readonly HistoryPoint[] }) {
  const ratios = points.map((p) =>
    p.market !== null && p.fair !== null && BigInt(p.fair) > 0n ? (BigInt(p.market) * 10n ** 18n) / BigInt(p.fair) : null,
  );
  const last = ratios.at(-1) ?? null;
  const key = `${symbol}:${points.map((p) => `${p.t}:${p.market}:${p.fair}`).join(',')}`;
  const ref = useUplot(() => {
    const c = chartColors();
    const axis = { stroke: c.ink, grid: { stroke: c.line, width: 0.5 }, ticks: { stroke: c.line } };
    return {
      options: {
        height: 120,
        legend: { show: false },
        cursor: { show: false },
        // One point (first refresh) would stretch the time axis over years: show the last hour instead.
        scales: {
          x: { time: true, range: (_u, min, max) => (points.length < 2 || max - min < 600 ? [min - 3600, min + 60] : [min, max]) },
          y: { range: (_u, min, max) => [Math.min(min, 0.99), Math.max(max, 1.005)] },
        },
        axes: [
          { ...axis, size: 24, font: '10px system-ui' },
          { ...axis, size: 44, font: '10px system-ui', values: (_u, vals) => vals.map((v) => v.toFixed(3)) },
        ],
        series: [
          {},
          { stroke: c.brand, width: 2, points: { show: points.length < 3, size: 5, fill: c.brand } },
          { stroke: c.ink, width: 1, dash: [4, 4], points: { show: false } },
        ],
      },
      data: [points.map((p) => p.t / 1000), ratios.map((r) => (r === null ? null : Number(r) / 1e18)), points.map(() => 1)],
    };
  }, key);
  const summary =
    last === null
      ? `No market price for ${symbol} yet.`
      : `${symbol} market ÷ fair: ${formatWadRatio(last, 4)} now, over ${points.length} refresh${points.length === 1 ? '' : 'es'}.`;
  return (
    <figure className="flex flex-col gap-1">
      <div ref={ref} role="img" aria-label={`Peg history of ${symbol}. ${summary}`} data-chart="peg" className="w-full" />
      <figcaption className="text-[11px] text-ink-muted">{summary} Dashed line: on peg (1.0).</figcaption>
    </figure>
  );
}
