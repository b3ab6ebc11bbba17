/** "2026-12-09 14:00 UTC": minutes are enough for deadlines and expiries; UTC so every reader sees the same text. */
export function formatUtcMinute(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const UNITS: [limitSeconds: number, unitSeconds: number, name: string][] = [
  [90, 1, 'second'],
  [90 * 60, 60, 'minute'],
  [36 * 3600, 3600, 'hour'],
  [60 * 86_400, 86_400, 'day'],
  [730 * 86_400, 30 * 86_400, 'month'],
  [Infinity, 365 * 86_400, 'year'],
];

/**
 * "in 3 days" / "2 hours ago" / "now". Rounded to the nearest whole unit (half away from zero), the unit
 * chosen so the number stays small: a reader compares it with "soon" or "long", not to the second.
 */
export function formatRelative(targetMs: number, nowMs: number): string {
  const seconds = Math.round((targetMs - nowMs) / 1000);
  if (Math.abs(seconds) < 1) return 'now';
  const abs = Math.abs(seconds);
  const [, unit, name] = UNITS.find(([limit]) => abs < limit)!;
  const count = Math.round(abs / unit);
  const text = `${count} ${name}${count === 1 ? '' : 's'}`;
  return seconds > 0 ? `in ${text}` : `${text} ago`;
}
