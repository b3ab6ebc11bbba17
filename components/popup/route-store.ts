import { create } from 'zustand';

/** Bottom navigation. Portfolio, Stake and Alerts are filled by their own issues. */
export type PopupTab = 'home' | 'portfolio' | 'stake' | 'activity' | 'alerts' | 'more';
export type MorePage = 'menu' | 'sites' | 'networks' | 'settings';

type RouteState = {
  tab: PopupTab;
  more: MorePage;
  setTab: (tab: PopupTab) => void;
  openMore: (page: MorePage) => void;
};

/** A notification click opens popup.html#alerts (optionally ?position=…) on the Alerts tab. */
const initialTab = (): PopupTab => (globalThis.location?.hash.startsWith('#alerts') ? 'alerts' : 'home');

export const useRoute = create<RouteState>((set) => ({
  tab: initialTab(),
  more: 'menu',
  setTab: (tab) => set({ tab, more: 'menu' }),
  openMore: (page) => set({ tab: 'more', more: page }),
}));
