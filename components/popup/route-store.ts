import { create } from 'zustand';

/** Bottom navigation. Portfolio, Stake and Alerts are filled by their own issues. */
export type PopupTab = 'home' | 'portfolio' | 'stake' | 'activity' | 'alerts' | 'more';
export type MorePage = 'menu' | 'sites' | 'networks' | 'settings' | 'addressBook';
/** Screens opened from Home over the account list. */
export type HomePage = 'main' | 'receive' | 'send';

type RouteState = {
  tab: PopupTab;
  more: MorePage;
  home: HomePage;
  setTab: (tab: PopupTab) => void;
  openMore: (page: MorePage) => void;
  openHome: (page: HomePage) => void;
};

/** A notification click opens popup.html#alerts (optionally ?position=…) on the Alerts tab. */
const initialTab = (): PopupTab => (globalThis.location?.hash.startsWith('#alerts') ? 'alerts' : 'home');

export const useRoute = create<RouteState>((set) => ({
  tab: initialTab(),
  more: 'menu',
  home: 'main',
  setTab: (tab) => set({ tab, more: 'menu', home: 'main' }),
  openMore: (page) => set({ tab: 'more', more: page }),
  openHome: (page) => set({ tab: 'home', home: page }),
}));
