import { lazy, Suspense } from 'react';
import type { WalletStateView } from '../../lib/messaging/types';
import { Tabs } from '../ui';
import type { TabItem } from '../ui';
import { NavIcon } from './nav-icons';
import { useRoute } from './route-store';
import type { PopupTab } from './route-store';
import { HomeScreen } from './home/HomeScreen';
import { NoRpcNotice } from './NoRpcNotice';
import { Spinner } from '../ui';

// Home is in the popup's first bundle; the other tabs load when first opened, so opening the popup evaluates
// only what Home needs (home_first_render_ms in npm run bench).
const ActivityScreen = lazy(() => import('./ActivityScreen').then((m) => ({ default: m.ActivityScreen })));
const MoreScreen = lazy(() => import('./MoreScreen').then((m) => ({ default: m.MoreScreen })));
const AlertsScreen = lazy(() => import('../alerts/AlertsScreen').then((m) => ({ default: m.AlertsScreen })));
const PortfolioScreen = lazy(() => import('../portfolio/PortfolioScreen').then((m) => ({ default: m.PortfolioScreen })));
const StakeScreen = lazy(() => import('../stake/StakeScreen').then((m) => ({ default: m.StakeScreen })));

const tabs: TabItem<PopupTab>[] = [
  { key: 'home', label: 'Home', icon: <NavIcon name="home" /> },
  { key: 'portfolio', label: 'Portfolio', icon: <NavIcon name="portfolio" /> },
  { key: 'stake', label: 'Stake', icon: <NavIcon name="stake" /> },
  { key: 'activity', label: 'Activity', icon: <NavIcon name="activity" /> },
  { key: 'alerts', label: 'Alerts', icon: <NavIcon name="alerts" /> },
  { key: 'more', label: 'More', icon: <NavIcon name="more" /> },
];

export function MainShell({ state }: { state: WalletStateView }) {
  const { tab, setTab } = useRoute();
  return (
    <div className="flex h-full flex-col">
      <NoRpcNotice />
      <div id="popup-panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="min-h-0 flex-1">
        <Suspense
          fallback={
            <div className="flex h-full items-center justify-center">
              <Spinner label="Loading" />
            </div>
          }
        >
          {panel()}
        </Suspense>
      </div>
      <nav aria-label="Main" className="shrink-0 border-t border-line bg-surface">
        <Tabs items={tabs} value={tab} onChange={setTab} label="Main sections" panelId="popup-panel" />
      </nav>
    </div>
  );

  function panel() {
    switch (tab) {
      case 'home':
        return <HomeScreen state={state} />;
      case 'portfolio':
        return <PortfolioScreen />;
      case 'stake':
        return <StakeScreen />;
      case 'activity':
        return <ActivityScreen />;
      case 'alerts':
        return <AlertsScreen />;
      case 'more':
        return <MoreScreen />;
    }
  }
}
