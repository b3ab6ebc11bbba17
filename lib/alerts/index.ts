/**
 * Portfolio notifications: rules run after every tracker refresh (depeg episodes, slashing events,
 * claimable withdrawals, large position moves, a silent RPC), deduped per event across worker
 * restarts, with cool-downs and quiet hours. Delivery is injected: notify → chrome.notifications,
 * setBadge → chrome.action badge. The storage-backed store lives in ./storage-store (extension only).
 */
export { createAlertsEngine, evaluateAlerts } from './engine';
export type { AlertsEngine, EvaluateResult } from './engine';
export { createMemoryAlertsStore } from './memory-store';
export { DEFAULT_ALERT_SETTINGS, validateAlertSettings, validateThresholdPercent, depegThresholdsFor } from './settings';
export { isQuietTime, localMinuteOfDay } from './quiet-hours';
export { unreadDangerCount } from './deliver';
export { SLASHING_TOPICS, slashingEventsAbi } from './rules/slashing-logs';
export { ALERT_RULES, EMPTY_ALERTS_STATE } from './types';
export type {
  Alert,
  AlertNotification,
  AlertRule,
  AlertSettings,
  AlertSeverity,
  AlertsDeps,
  AlertsState,
  AlertsStore,
  QuietHours,
} from './types';
