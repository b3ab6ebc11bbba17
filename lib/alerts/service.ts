import { chainOf } from '../chain/clients';
import { createNetworkTransport } from '../chain/transport';
import { serializeError } from '../errors';
import type { StoredNetwork } from '../storage/items';
import type { ScheduleState } from '../tracker/schedule';
import type { TrackerSnapshot } from '../tracker/types';
import { createAlertsEngine, type AlertsEngine } from './engine';
import { createStorageAlertsStore } from './storage-store';
import type { AlertNotification, AlertSettings } from './types';

/** Hash route the popup reads to land on the Alerts tab (see components/popup/route-store). */
export const ALERTS_ROUTE = '#alerts';

export type AlertsServiceDeps = {
  network: () => Promise<StoredNetwork>;
  /** Delivery: a system notification (chrome.notifications in the worker). */
  showNotification: (notification: AlertNotification) => Promise<unknown>;
  clearNotification: (id: string) => Promise<unknown>;
  /** Count of unread danger alerts on the toolbar badge; 0 clears it. */
  setBadge: (count: number) => Promise<unknown>;
  /** Opens the popup on a route (a notification was clicked). */
  openPopup: (route: string) => Promise<unknown>;
  /** The alerts list changed (UI topic 'alerts'). */
  onChange: () => void;
};

const report = (what: string) => (error: unknown) => console.warn(`Ballast alerts: ${what} failed`, serializeError(error).message);

/**
 * Portfolio notifications in the background: the alerts engine (state in storage, so a restarted worker
 * carries on) fed by every tracker snapshot and refresh attempt, the popup's reads and settings, and a
 * clicked notification that marks its alert read and opens the popup on it.
 */
export function createAlertsService(deps: AlertsServiceDeps) {
  let engine: AlertsEngine | undefined;

  async function get(): Promise<AlertsEngine> {
    engine ??= createAlertsEngine({
      chain: chainOf(await deps.network()),
      // 'scheduled': alerts follow the tracker's refreshes and backoff, no viem retries.
      getTransport: async () => createNetworkTransport(await deps.network(), { purpose: 'scheduled' }),
      store: createStorageAlertsStore(),
      notify: async (n) => {
        await deps.showNotification(n);
      },
      setBadge: async (count) => {
        await deps.setBadge(count);
      },
    });
    return engine;
  }

  return {
    list: async () => (await get()).list(),
    async markRead(ids: string[] | 'all'): Promise<{ unreadDanger: number }> {
      const e = await get();
      const unreadDanger = ids === 'all' ? await e.markAllRead() : await e.markRead(ids);
      deps.onChange();
      return { unreadDanger };
    },
    getSettings: async () => (await get()).getSettings(),
    async updateSettings(settings: AlertSettings): Promise<AlertSettings> {
      const stored = await (await get()).updateSettings(settings);
      deps.onChange();
      return stored;
    },

    /** A click on the notification or its "Open position" button: read, and show it in the popup. */
    async openAlert(id: string): Promise<void> {
      const e = await get();
      if (!(await e.get(id))) return; // not one of ours
      await e.markRead([id]);
      deps.onChange();
      await deps.clearNotification(id);
      const alert = await e.get(id);
      await deps.openPopup(alert?.positionId ? `${ALERTS_ROUTE}?position=${encodeURIComponent(alert.positionId)}` : ALERTS_ROUTE);
    },

    /** The badge is not kept by Chrome across browser restarts: put it back from storage. */
    startup: (): void =>
      void get()
        .then((e) => e.restoreBadge())
        .catch(report('restoring the badge')),

    /** Tracker onSnapshot: runs every rule on the new snapshot. */
    handleSnapshot(snapshot: TrackerSnapshot): void {
      void get()
        .then((e) => e.evaluate(snapshot))
        .then((result) => {
          if (result.raised.length > 0) deps.onChange();
          if (result.logError) console.warn('Ballast alerts: slashing logs not read this time, retried next refresh:', result.logError);
        })
        .catch(report('evaluating a snapshot'));
    },
    /** After every refresh attempt, failed ones included: the watchdog for a silent RPC. */
    handleAttempt(schedule: ScheduleState): void {
      void get()
        .then((e) => e.checkHealth(schedule))
        .then((raised) => raised.length > 0 && deps.onChange())
        .catch(report('the RPC watchdog'));
    },
  };
}

export type AlertsService = ReturnType<typeof createAlertsService>;
