import type { QuietHours } from './types';

/** Local minute of the day (0–1439) in the system's time zone. */
export const localMinuteOfDay = (ms: number): number => {
  const d = new Date(ms);
  return d.getHours() * 60 + d.getMinutes();
};

/** Whether `minute` falls in [start, end); a window that wraps midnight (22:00–07:00) is handled. start = end means never. */
export function isQuietTime(q: QuietHours, minute: number): boolean {
  if (!q.enabled || q.startMinute === q.endMinute) return false;
  return q.startMinute < q.endMinute ? minute >= q.startMinute && minute < q.endMinute : minute >= q.startMinute || minute < q.endMinute;
}
