import { DEFAULT_ALERT_SETTINGS } from './settings';
import { EMPTY_ALERTS_STATE, type AlertSettings, type AlertsState, type AlertsStore } from './types';

/* Kept apart from storage-store.ts: @wxt-dev/storage needs the extension runtime, tests and scripts do not. */

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** For tests and node scripts: the same JSON round trip as chrome.storage, kept in memory. */
export function createMemoryAlertsStore(initial: { state?: AlertsState; settings?: AlertSettings } = {}): AlertsStore {
  let state = clone(initial.state ?? EMPTY_ALERTS_STATE);
  let settings = clone(initial.settings ?? DEFAULT_ALERT_SETTINGS);
  return {
    getState: async () => clone(state),
    setState: async (s) => void (state = clone(s)),
    getSettings: async () => clone(settings),
    setSettings: async (s) => void (settings = clone(s)),
  };
}
