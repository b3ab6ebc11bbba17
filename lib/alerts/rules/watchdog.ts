import type { ScheduleState } from '../../tracker/schedule';
import type { AlertCandidate, AlertSettings } from '../types';

/**
 * "You are not being watched over": the tracker's refreshes have failed for longer than the set time.
 * One alert per outage (keyed by the last success), nothing while refreshes succeed.
 */
export function watchdogRule(schedule: ScheduleState, settings: AlertSettings, now: number): AlertCandidate[] {
  if (schedule.consecutiveFailures === 0) return [];
  const since = schedule.lastSuccessAt ?? null;
  const silentFor = since === null ? null : now - since;
  if (silentFor === null || silentFor < settings.unwatchedAfterMinutes * 60_000) return [];
  const minutes = Math.floor(silentFor / 60_000);
  return [
    {
      id: `watchdog:${since}`,
      rule: 'watchdog',
      severity: 'danger',
      cooldownKey: 'watchdog',
      title: 'Your positions are not being watched',
      message: `The RPC has failed for ${minutes >= 120 ? `${Math.floor(minutes / 60)} h` : `${minutes} min`} (${schedule.consecutiveFailures} attempts; last error: ${schedule.lastError ?? 'unknown'}). Depeg and slashing alerts cannot fire until it answers: check the RPC URL in Networks.`,
      data: {
        lastSuccessAt: String(since),
        consecutiveFailures: String(schedule.consecutiveFailures),
        lastError: schedule.lastError ?? '',
      },
    },
  ];
}
