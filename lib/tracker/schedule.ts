/** Refresh cadence and failure backoff. Pure functions of time, so the worker can restart anywhere. */
export const REFRESH_PERIOD_MS = 5 * 60_000;
/** First retry after a failed refresh; doubles per consecutive failure up to MAX_BACKOFF_MS. */
export const BASE_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 30 * 60_000;
/** Data older than two missed refreshes is stale even when nothing failed. */
export const STALE_AFTER_MS = 2 * REFRESH_PERIOD_MS;

export type ScheduleState = {
  consecutiveFailures: number;
  /** Earliest time (ms) the next automatic attempt may run. */
  nextAttemptAt: number;
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
};

export const INITIAL_SCHEDULE: ScheduleState = {
  consecutiveFailures: 0,
  nextAttemptAt: 0,
  lastAttemptAt: null,
  lastSuccessAt: null,
  lastError: null,
};

/** 30 s, 1 min, 2 min, 4 min … capped at 30 min. */
export function backoffDelay(consecutiveFailures: number): number {
  if (consecutiveFailures <= 0) return 0;
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.min(consecutiveFailures - 1, 30));
}

export function afterSuccess(now: number, period = REFRESH_PERIOD_MS): ScheduleState {
  return { consecutiveFailures: 0, nextAttemptAt: now + period, lastAttemptAt: now, lastSuccessAt: now, lastError: null };
}

export function afterFailure(prev: ScheduleState, now: number, error: string): ScheduleState {
  const consecutiveFailures = prev.consecutiveFailures + 1;
  return { ...prev, consecutiveFailures, nextAttemptAt: now + backoffDelay(consecutiveFailures), lastAttemptAt: now, lastError: error };
}

/** An automatic (alarm) attempt waits out the backoff; a user-triggered one only avoids hammering. */
export function mayAttempt(state: ScheduleState, now: number, trigger: 'alarm' | 'user', userMinGapMs = 10_000): boolean {
  if (trigger === 'user')
    return state.lastAttemptAt === null || now - state.lastAttemptAt >= userMinGapMs || state.consecutiveFailures === 0;
  return now >= state.nextAttemptAt;
}

export type Freshness = { stale: boolean; ageMs: number | null; reason: 'fresh' | 'no-data' | 'too-old' | 'last-refresh-failed' };

/**
 * Whether a snapshot may be shown as current. Old data, or data followed by a failed attempt, is
 * stale with its age — never presented as fresh.
 */
export function freshness(takenAt: number | null, state: ScheduleState, now: number, staleAfter = STALE_AFTER_MS): Freshness {
  if (takenAt === null) return { stale: true, ageMs: null, reason: 'no-data' };
  const ageMs = Math.max(0, now - takenAt);
  if (state.lastAttemptAt !== null && state.lastAttemptAt > takenAt && state.lastError !== null)
    return { stale: true, ageMs, reason: 'last-refresh-failed' };
  if (ageMs > staleAfter) return { stale: true, ageMs, reason: 'too-old' };
  return { stale: false, ageMs, reason: 'fresh' };
}
