import { fallback, http, type Transport } from 'viem';
import { createAlertsEngine, type AlertsEngine } from '../../lib/alerts';
import { createStorageAlertsStore } from '../../lib/alerts/storage-store';
import { chainOf } from '../../lib/chain';
import { AppError, serializeError } from '../../lib/errors';
import { onMessage, type BallastProtocol, type Result, type UiTopic } from '../../lib/messaging';
import type { ScheduleState, TrackerSnapshot } from '../../lib/tracker';
import type { BrowserApi, MessageSender } from './browser-api';
import { isExtensionPage } from './ports';
import type { Services } from './services';

type Key = 'alerts:list' | 'alerts:markRead' | 'alerts:getSettings' | 'alerts:updateSettings';
type DataOf<K extends Key> = Parameters<BallastProtocol[K]>[0];
type ValueOf<K extends Key> = ReturnType<BallastProtocol[K]> extends Result<infer V> ? V : never;

/** Red like the danger tone of the popup: the badge only ever counts unread danger alerts. */
const BADGE_COLOR = '#b91c1c';
/** Hash route the popup reads to land on the Alerts tab (see components/popup/route-store). */
export const ALERTS_ROUTE = '#alerts';

export type AlertsWiring = {
  /** Tracker onSnapshot: runs every rule on the new snapshot. */
  handleSnapshot: (snapshot: TrackerSnapshot) => void;
  /** After every refresh attempt, failed ones included: the watchdog for a silent RPC. */
  handleAttempt: (schedule: ScheduleState) => void;
};

/**
 * Portfolio notifications in the worker: the alerts engine (state in chrome.storage, so a restarted
 * worker carries on), chrome.notifications + the toolbar badge for delivery, the popup's alerts:*
 * messages, and notification clicks that mark the alert read and open the popup on it.
 */
export function registerAlerts(browser: BrowserApi, services: () => Services, notify: (topic: UiTopic) => void): AlertsWiring {
  let engine: AlertsEngine | undefined;

  const transport = async (): Promise<Transport> => {
    const { rpcUrls } = await services().networks.active();
    if (rpcUrls.length === 0)
      throw new AppError('No RPC URL set for the active network', {
        details: 'Add the URL of an Ethereum node in More → Networks.',
        code: 'no_rpc',
      });
    const all = rpcUrls.map((url) => http(url, { retryCount: 0, timeout: 15_000 }));
    return all.length === 1 ? all[0]! : fallback(all);
  };

  async function get(): Promise<AlertsEngine> {
    engine ??= createAlertsEngine({
      chain: chainOf(await services().networks.active()),
      getTransport: transport,
      store: createStorageAlertsStore(),
      notify: async ({ id, title, message, buttons }) => {
        // iconUrl is required by Chrome for 'basic' notifications; without it create() fails.
        await browser.notifications.create(id, {
          type: 'basic',
          iconUrl: browser.runtime.getURL('/icon/128.png'),
          title,
          message,
          ...(buttons ? { buttons } : {}),
          priority: 2,
        });
      },
      setBadge: async (count) => {
        await browser.action.setBadgeText({ text: count > 0 ? String(count) : '' });
        await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOR });
      },
    });
    return engine;
  }

  const report = (what: string) => (error: unknown) => console.warn(`Ballast alerts: ${what} failed`, serializeError(error).message);

  function handle<K extends Key>(key: K, fn: (data: DataOf<K>, e: AlertsEngine) => Promise<ValueOf<K>>) {
    onMessage(key, (async ({ data, sender }: { data: DataOf<K>; sender: MessageSender }) => {
      try {
        if (!isExtensionPage(browser, sender)) {
          throw new AppError('Refused: not an extension page', {
            details: 'Only Ballast pages may read or change alerts.',
            code: 'forbidden_sender',
          });
        }
        return { ok: true, value: await fn(data, await get()) };
      } catch (error) {
        return { ok: false, error: serializeError(error) };
      }
    }) as never);
  }

  handle('alerts:list', (_d, e) => e.list());
  handle('alerts:markRead', async (d, e) => {
    const unreadDanger = d.ids === 'all' ? await e.markAllRead() : await e.markRead(d.ids);
    notify('alerts');
    return { unreadDanger };
  });
  handle('alerts:getSettings', (_d, e) => e.getSettings());
  handle('alerts:updateSettings', async (d, e) => {
    const stored = await e.updateSettings(d);
    notify('alerts');
    return stored;
  });

  /** A click on the notification or its "Open position" button: read, and show it in the popup. */
  async function openAlert(id: string) {
    const e = await get();
    if (!(await e.get(id))) return; // not one of ours
    await e.markRead([id]);
    notify('alerts');
    await browser.notifications.clear(id);
    const alert = await e.get(id);
    const route = alert?.positionId ? `${ALERTS_ROUTE}?position=${encodeURIComponent(alert.positionId)}` : ALERTS_ROUTE;
    // action.openPopup needs a focused browser window; a small popup window always works.
    await browser.windows.create({
      url: browser.runtime.getURL(`/popup.html${route}`),
      type: 'popup',
      width: 360,
      height: 640,
      focused: true,
    });
  }
  browser.notifications.onClicked.addListener((id) => void openAlert(id).catch(report('opening an alert')));
  browser.notifications.onButtonClicked.addListener((id) => void openAlert(id).catch(report('opening an alert')));

  // The badge is not kept by Chrome across browser restarts: put it back from storage.
  void get()
    .then((e) => e.restoreBadge())
    .catch(report('restoring the badge'));

  return {
    handleSnapshot: (snapshot) => {
      void get()
        .then((e) => e.evaluate(snapshot))
        .then((result) => {
          if (result.raised.length > 0) notify('alerts');
          if (result.logError) console.warn('Ballast alerts: slashing logs not read this time, retried next refresh:', result.logError);
        })
        .catch(report('evaluating a snapshot'));
    },
    handleAttempt: (schedule) => {
      void get()
        .then((e) => e.checkHealth(schedule))
        .then((raised) => raised.length > 0 && notify('alerts'))
        .catch(report('the RPC watchdog'));
    },
  };
}
