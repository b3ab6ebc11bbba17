import { storage } from '@wxt-dev/storage';
import { DEFAULT_ALERT_SETTINGS } from './settings';
import { EMPTY_ALERTS_STATE, type AlertSettings, type AlertsState, type AlertsStore } from './types';

/** Versioned chrome.storage.local items. Bump a version with a migration when a shape changes. */
export const alertsItems = {
  state: storage.defineItem<AlertsState>('local:alerts.state', { version: 1, fallback: EMPTY_ALERTS_STATE }),
  settings: storage.defineItem<AlertSettings>('local:alerts.settings', { version: 1, fallback: DEFAULT_ALERT_SETTINGS }),
};

export function createStorageAlertsStore(items = alertsItems): AlertsStore {
  return {
    // Fields added in a later release read with their empty value instead of undefined.
    getState: async () => ({ ...EMPTY_ALERTS_STATE, ...(await items.state.getValue()) }),
    setState: (s) => items.state.setValue(s),
    getSettings: async () => ({ ...DEFAULT_ALERT_SETTINGS, ...(await items.settings.getValue()) }),
    setSettings: (s) => items.settings.setValue(s),
  };
}
