import type { Item } from '../storage/item';

/** The window calls the approval page needs (chrome.windows in the background). */
export type ApprovalWindowApi = {
  url: string;
  focus(windowId: number): Promise<unknown>;
  create(options: { url: string; type: 'popup'; width: number; height: number; focused: boolean }): Promise<{ id?: number } | undefined>;
};

/** One approval window: focus it when open, create it otherwise. Its id survives worker restarts. */
/** A page sending request after request must not keep pulling the window to the front. */
export const REFOCUS_INTERVAL_MS = 1_000;

export function createApprovalWindow(windows: ApprovalWindowApi, idItem: Item<number | null>, now: () => number = Date.now) {
  let lastFocus = -Infinity;
  return {
    async open(): Promise<void> {
      const id = await idItem.getValue();
      if (id !== null) {
        if (now() - lastFocus < REFOCUS_INTERVAL_MS) return;
        try {
          await windows.focus(id);
          lastFocus = now();
          return;
        } catch {
          // The window was closed while the worker slept.
        }
      }
      const created = await windows.create({
        url: windows.url,
        type: 'popup',
        width: 400,
        height: 640,
        focused: true,
      });
      lastFocus = now();
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
