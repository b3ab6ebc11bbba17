import { isQuietTime } from './quiet-hours';
import type { Alert, AlertCandidate, AlertNotification, AlertSettings, AlertsState } from './types';

export const MAX_LISTED_ALERTS = 200;
export const MAX_SEEN_KEYS = 2_000;

export const unreadDangerCount = (alerts: readonly Alert[]) => alerts.filter((a) => a.severity === 'danger' && !a.read).length;

export type DeliveryContext = { settings: AlertSettings; now: number; minute: number; chainId: number; block: string };

/**
 * Dedupe, cool-down and quiet hours, applied to the state in place. Returns the alerts raised (new
 * keys only) and the notifications to show. An alert in quiet hours or in its cool-down is listed
 * unread but not notified.
 */
export function admit(
  state: AlertsState,
  candidates: readonly AlertCandidate[],
  { settings, now, minute, chainId, block }: DeliveryContext,
): { raised: Alert[]; notifications: AlertNotification[] } {
  const quiet = isQuietTime(settings.quietHours, minute);
  const cooldownMs = settings.cooldownMinutes * 60_000;
  const raised: Alert[] = [];
  const notifications: AlertNotification[] = [];
  for (const { cooldownKey, block: candidateBlock, chainId: candidateChain, ...c } of candidates) {
    if (state.seen[c.id] !== undefined) continue;
    state.seen[c.id] = now;
    const last = state.cooldowns[cooldownKey];
    const cooling = last !== undefined && now - last < cooldownMs;
    const notified = !quiet && !cooling;
    if (notified) state.cooldowns[cooldownKey] = now;
    const alert: Alert = { ...c, time: now, block: candidateBlock ?? block, chainId: candidateChain ?? chainId, read: false, notified };
    raised.push(alert);
    if (notified)
      notifications.push({
        id: alert.id,
        title: alert.title,
        message: alert.message,
        ...(alert.positionId ? { buttons: [{ title: 'Open position' }] } : {}),
      });
  }
  state.alerts = [...raised.reverse(), ...state.alerts].slice(0, MAX_LISTED_ALERTS);
  prune(state, now, cooldownMs);
  return { raised, notifications };
}

function prune(state: AlertsState, now: number, cooldownMs: number) {
  const seen = Object.entries(state.seen);
  if (seen.length > MAX_SEEN_KEYS) state.seen = Object.fromEntries(seen.sort((a, b) => b[1] - a[1]).slice(0, MAX_SEEN_KEYS));
  for (const [k, t] of Object.entries(state.cooldowns)) if (now - t >= cooldownMs) delete state.cooldowns[k];
}
