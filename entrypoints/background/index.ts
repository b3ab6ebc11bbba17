import '../../lib/polyfills';
import { createPortHub } from './ports';
import { createServices, type Services } from './services';
import { registerUiHandlers } from './ui-handlers';
import { registerPortfolio } from './portfolio';
import { registerPreview } from './preview';
import { registerAlerts } from './alerts';
import { registerFlows } from './flows';
import { registerInsights } from './insights';

export default defineBackground({
  type: 'module',
  main() {
    // Every listener is registered synchronously here so MV3 can wake the worker for it.
    let services: Services | undefined;
    const get = () => (services ??= createServices(browser, hub));
    const ports = createPortHub(browser, get);
    const hub = {
      notifyUi: ports.notifyUi,
      emitProvider: ports.emitProvider,
      refreshSiteAccounts: ports.refreshSiteAccounts,
    };
    // Chain changes reach every connected site, whoever switched (popup or a dApp).
    let lastChainId: number | undefined;
    // Set once the flows are registered below; a notification before that finds nothing to resume.
    // eslint-disable-next-line prefer-const -- a const here would be in its temporal dead zone for early notifications
    let flows: ReturnType<typeof registerFlows> | undefined;
    const originalNotify = hub.notifyUi;
    hub.notifyUi = (topic) => {
      originalNotify(topic);
      if (topic === 'wallet') flows?.walletChanged();
      if (topic !== 'networks') return;
      void get()
        .networks.active()
        .then((n) => {
          if (lastChainId !== undefined && n.chainId !== lastChainId)
            ports.emitProvider('*', 'chainChanged', `0x${n.chainId.toString(16)}`);
          lastChainId = n.chainId;
        });
    };
    void get()
      .networks.active()
      .then((n) => (lastChainId ??= n.chainId));

    registerUiHandlers(browser, get, (topic) => hub.notifyUi(topic));
    registerPreview(browser, get, (topic) => hub.notifyUi(topic));
    const alerts = registerAlerts(browser, get, (topic) => hub.notifyUi(topic));
    registerPortfolio(browser, get, (topic) => hub.notifyUi(topic), { onSnapshot: alerts.handleSnapshot, onAttempt: alerts.handleAttempt });
    flows = registerFlows(browser, get, (topic) => hub.notifyUi(topic));
    registerInsights(browser, get);
    browser.runtime.onConnect.addListener((port) => ports.onConnect(port));
    browser.alarms.onAlarm.addListener((alarm) => void get().autoLock.onAlarm(alarm.name));
    browser.windows.onRemoved.addListener((windowId) => {
      void get()
        .approvalWindow.closed(windowId)
        .then((wasApproval) => {
          // Closing the approval window rejects whatever was still waiting in it (4001 for the dApps).
          if (wasApproval) void get().approvals.withdraw(() => true);
        });
    });
    browser.runtime.onInstalled.addListener(() => {
      void browser.storage.local.set({ 'ballast:installedAt': Date.now() });
    });
  },
});
