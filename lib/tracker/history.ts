import type { TrackerSnapshot } from './types';

/** 288 points = one day at the default 5-minute refresh. */
export const MAX_POINTS_PER_SERIES = 288;
/** Positions come and go; the least recently updated series beyond this are dropped. */
export const MAX_SERIES = 200;

/** One chart point. Values are decimal strings (WAD or wei) exactly as in the snapshot. */
export type HistoryPoint = {
  t: number;
  block: string;
  fair: string | null;
  market: string | null;
  depegWad: string | null;
  exposure?: string | null;
};
/** Series key → points, oldest first. Keys: `token:<symbol>` or `position:<position id>`. */
export type History = Record<string, HistoryPoint[]>;

const str = (v: bigint | null | undefined) => (v === null || v === undefined ? null : v.toString());

/** Appends to a series, dropping the oldest points beyond `max` (a ring buffer in effect). */
export function appendPoint(series: readonly HistoryPoint[], point: HistoryPoint, max = MAX_POINTS_PER_SERIES): HistoryPoint[] {
  const last = series[series.length - 1];
  // The same block twice (popup open right after an alarm) adds nothing new to a chart.
  const base = last && last.block === point.block ? series.slice(0, -1) : series;
  const next = [...base, point];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Adds one snapshot to the history: a point per token (peg chart) and per readable position. */
export function recordSnapshot(
  history: History,
  snapshot: TrackerSnapshot,
  limits = { maxPoints: MAX_POINTS_PER_SERIES, maxSeries: MAX_SERIES },
): History {
  const next: History = { ...history };
  const t = snapshot.takenAt;
  const block = snapshot.blockNumber.toString();
  for (const token of snapshot.tokens) {
    const key = `token:${token.symbol}`;
    next[key] = appendPoint(
      next[key] ?? [],
      { t, block, fair: str(token.fairRate), market: str(token.marketRate), depegWad: str(token.depegWad) },
      limits.maxPoints,
    );
  }
  for (const p of snapshot.positions) {
    if (p.status !== 'ok') continue;
    const key = `position:${p.id}`;
    const point = {
      t,
      block,
      fair: str(p.fairValueEth),
      market: str(p.marketValueEth),
      depegWad: str(p.depegWad),
      exposure: str(p.slashing?.worstCaseEth),
    };
    next[key] = appendPoint(next[key] ?? [], point, limits.maxPoints);
  }
  const keys = Object.keys(next);
  if (keys.length <= limits.maxSeries) return next;
  const newestFirst = keys.sort((a, b) => (next[b]?.at(-1)?.t ?? 0) - (next[a]?.at(-1)?.t ?? 0));
  return Object.fromEntries(newestFirst.slice(0, limits.maxSeries).map((k) => [k, next[k]!]));
}
