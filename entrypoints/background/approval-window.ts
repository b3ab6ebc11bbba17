import type { BrowserApi } from './browser-api';
import type { Item } from '../../lib/wallet/wallet-service';

/** One approval window: focus it when open, create it otherwise. Its id survives worker restarts. */
export function createApprovalWindow(browser: BrowserApi, idItem: Item<number | null>) {
  return {
    async open(): Promise<void> {
      const id = await idItem.getValue();
      if (id !== null) {
        try {
          await browser.windows.update(id, { focused: true });
          return;
        } catch {
          // The window was closed while the worker slept.
        }
      }
      const created = await browser.windows.create({
        url: browser.runtime.getURL('/approval.html'),
        type: 'popup',
        width: 400,
        height: 640,
        focused: true,
      });
      await idItem.setValue(created?.id ?? null);
    },
    /** True when `windowId` was the approval window (it is forgotten then). */
    async closed(windowId: number): Promise<boolean> {
      if ((await idItem.getValue()) !== windowId) return false;
      await idItem.setValue(null);
      return true;
    },
  };
}
