import { useEffect } from 'react';
import type { WalletStateView } from '../../lib/messaging/types';
import { Tabs } from '../ui';
import type { TabItem } from '../ui';
import { NavIcon } from './nav-icons';
import { useRoute } from './route-store';
import type { PopupTab } from './route-store';
import { HomeScreen } from './home/HomeScreen';
import { NoRpcNotice } from './NoRpcNotice';
import { DeferredTab, preloadTabs } from './deferred-tabs';

const tabs: TabItem<PopupTab>[] = [
  { key: 'home', label: 'Home', icon: <NavIcon name="home" /> },
  { key: 'portfolio', label: 'Portfolio', icon: <NavIcon name="portfolio" /> },
  { key: 'stake', label: 'Stake', icon: <NavIcon name="stake" /> },
  { key: 'activity', label: 'Activity', icon: <NavIcon name="activity" /> },
  { key: 'alerts', label: 'Alerts', icon: <NavIcon name="alerts" /> },
  { key: 'more', label: 'More', icon: <NavIcon name="more" /> },
];

/** After Home has had its time to paint, the other tabs load in the background. */
const PRELOAD_AFTER_MS = 400;

export function MainShell({ state }: { state: WalletStateView }) {
  const { tab, setTab } = useRoute();
  useEffect(() => {
    const timer = setTimeout(preloadTabs, PRELOAD_AFTER_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="flex h-full flex-col">
      <NoRpcNotice />
      <div id="popup-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="min-h-0 flex-1">
        {tab === 'home' ? <HomeScreen state={state} /> : <DeferredTab key={tab} tab={tab} />}
      </div>
      <nav aria-label="Main" className="shrink-0 border-t border-line bg-surface">
        <Tabs items={tabs} value={tab} onChange={setTab} label="Main sections" panelId="popup-panel" />
      </nav>
    </div>
  );
}
