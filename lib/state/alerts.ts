import type { AlertSettings } from '../alerts/types';
import { call } from './call';
import { createResourceStore } from './resource';

/**
 * The Alerts screen's data. The background announces topic 'alerts' whenever an alert is raised,
 * read, or the settings change, so both stores re-read then.
 */
export const alertsStore = createResourceStore('alerts', () => call('alerts:list'));
export const alertSettingsStore = createResourceStore('alerts', () => call('alerts:getSettings'));

/** Marks alerts read (ids, or every alert); answers the badge count left. */
export async function markAlertsRead(ids: string[] | 'all'): Promise<number> {
  const { unreadDanger } = await call('alerts:markRead', { ids });
  return unreadDanger;
}

export const saveAlertSettings = (settings: AlertSettings): Promise<AlertSettings> => call('alerts:updateSettings', settings);

export { fromFormValues, toFormValues, RULE_LABELS, ALERT_RULES } from './alerts-form';
export type { AlertsFormErrors, AlertsFormValues, FormResult, TokenThresholdText } from './alerts-form';
