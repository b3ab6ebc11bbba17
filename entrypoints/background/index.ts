import '../../lib/polyfills';
import { onMessage } from '../../lib/messaging';
import { answerCardAsk } from '../../lib/messaging/card-channel';
import { registerProtocolHandlers, type OnMessage } from '../../lib/messaging/handler-layer';
import { PROTOCOL_HANDLERS } from '../../lib/messaging/handlers';
import { createPortHub } from '../../lib/messaging/port-hub';
import { answerSettingsAsk } from '../../lib/messaging/settings-channel';
import { pendingItem, settingsItem } from '../../lib/storage';
import { closeToContentScripts, type AccessLevelArea } from '../../lib/storage/access-level';
import { createServices, type Services } from './services';

export default defineBackground({
  type: 'module',
  main() {
    // First thing at every start: storage.local (the encrypted vault) is for Ballast's pages and worker only.
    void closeToContentScripts(browser.storage.local as AccessLevelArea);
    // Every listener is registered synchronously here so MV3 can wake the worker for it.
    let services: Services | undefined;
    const get = () => (services ??= createServices(browser, hub));
    const ports = createPortHub(browser.runtime, get);
    // A change of the wallet's network reaches the sites that follow it; a site on its own chain hears only its own switches.
    const hub = {
      notifyUi: (topic: Parameters<typeof ports.notifyUi>[0]) => {
        ports.notifyUi(topic);
        if (topic === 'wallet') void get().flows.walletChanged();
        if (topic === 'networks' || topic === 'sites') ports.refreshSiteChains();
      },
      emitProvider: ports.emitProvider,
      refreshSiteAccounts: ports.refreshSiteAccounts,
      refreshSiteChains: ports.refreshSiteChains,
    };

    registerProtocolHandlers(
      onMessage as unknown as OnMessage,
      { runtime: browser.runtime, services: get, touchAutoLock: (s) => s.autoLock.touch() },
      PROTOCOL_HANDLERS,
    );
    // Our content script's two runtime messages, the only ones besides our pages' (lib/messaging/card-channel,
    // settings-channel): the in-page card's preview, and the settings it acts on (it cannot read storage.local).
    browser.runtime.onMessage.addListener((raw: unknown, sender, sendResponse: (answer: unknown) => void) => {
      const answer =
        answerCardAsk({ runtime: browser.runtime, previews: () => get().previews }, raw, sender) ??
        answerSettingsAsk({ runtime: browser.runtime, settings: () => settingsItem }, raw, sender);
      if (!answer) return undefined;
      void answer.then(sendResponse);
      return true;
    });
    browser.runtime.onConnect.addListener((port) => ports.onConnect(port));
    browser.alarms.onAlarm.addListener(({ name }) => {
      const s = get();
      void s.autoLock.onAlarm(name);
      s.portfolio.onAlarm(name);
      void s.flows.onAlarm(name);
      void s.activityWatcher.onAlarm(name).catch((e: unknown) => console.warn('Ballast: activity refresh failed', e));
    });
    const openAlert = (id: string) =>
      void get()
        .alerts.openAlert(id)
        .catch((e: unknown) => console.warn('Ballast alerts: opening an alert failed', e));
    browser.notifications.onClicked.addListener(openAlert);
    browser.notifications.onButtonClicked.addListener(openAlert);
    browser.windows.onRemoved.addListener((windowId) => {
      void get()
        .approvalWindow.closed(windowId)
        .then((wasApproval) => {
          // Closing the approval window rejects whatever was still waiting in it (4001 for the dApps).
          if (wasApproval) void get().approvals.withdraw(() => true);
        });
      void get()
        .deviceWindow.closed(windowId)
        .then((wasDevice) => {
          // Closing the device window refuses what it showed, as Reject on the device would (4001); a request that
          // arrived while it was closing itself (a batch's next call) gets a new window.
          if (!wasDevice) return;
          const left = get().devices.cancelShown('hardware.rejected', 'the device window was closed');
          if (left.length > 0)
            void get()
              .deviceWindow.open()
              .catch((e: unknown) => console.warn('Ballast: the device window did not open', e));
        });
    });
    browser.runtime.onInstalled.addListener(() => {
      void browser.storage.local.set({ 'ballast:installedAt': Date.now() });
    });

    // Work a stopped worker left: previews of queued requests, the tracker's alarm, the badge, running flows.
    const s = get();
    pendingItem.watch(() => void s.previews.sync());
    void s.previews.sync();
    void s.portfolio.startup();
    s.alerts.startup();
    s.flows.startup();
  },
});
