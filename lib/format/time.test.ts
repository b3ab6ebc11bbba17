import { describe, expect, it } from 'vitest';
import { formatRelative, formatUtcMinute } from './time';

const NOW = Date.UTC(2026, 11, 6, 20, 0, 0);

describe('time formats', () => {
  it('writes a UTC minute', () => {
    expect(formatUtcMinute(Date.UTC(2026, 11, 9, 14, 0, 59))).toBe('2026-12-09 14:00 UTC');
    expect(formatUtcMinute(0)).toBe('1970-01-01 00:00 UTC');
  });
  it('says how far away, in the unit a person would use', () => {
    expect(formatRelative(NOW + 3 * 86_400_000, NOW)).toBe('in 3 days');
    expect(formatRelative(NOW - 2 * 3_600_000, NOW)).toBe('2 hours ago');
    expect(formatRelative(NOW + 30_000, NOW)).toBe('in 30 seconds');
    expect(formatRelative(NOW + 89 * 60_000, NOW)).toBe('in 89 minutes');
    expect(formatRelative(NOW + 91 * 60_000, NOW)).toBe('in 2 hours');
    expect(formatRelative(NOW + 400 * 86_400_000, NOW)).toBe('in 13 months');
    expect(formatRelative(NOW + 3 * 365 * 86_400_000, NOW)).toBe('in 3 years');
    expect(formatRelative(NOW + 1 * 86_400_000, NOW)).toBe('in 24 hours');
    expect(formatRelative(NOW + 400, NOW)).toBe('now');
  });
});
