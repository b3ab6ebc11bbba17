/**
 * A sliding-window count per key (an origin), in memory: a worker restart resets it, which only ever
 * lets a page ask again sooner, never lets one request through unchecked.
 */
export type RateLimit = {
  /** Counts one hit for `key`; false (not counted) when `key` already had `limit` hits in the last `windowMs`. */
  take(key: string): boolean;
};

export function createRateLimit({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }): RateLimit {
  const hits = new Map<string, number[]>();
  return {
    take(key) {
      const t = now();
      const since = t - windowMs;
      // Keys with no hit left in the window go, so pages cycling through origins cannot grow the map for good.
      for (const [k, times] of hits) if ((times[times.length - 1] ?? 0) <= since) hits.delete(k);
      const recent = (hits.get(key) ?? []).filter((time) => time > since);
      const allowed = recent.length < limit;
      if (allowed) recent.push(t);
      if (recent.length > 0) hits.set(key, recent);
      return allowed;
    },
  };
}
