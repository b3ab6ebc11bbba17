import type { WalletStateView } from '../../lib/messaging/types';
import { Tabs } from '../ui';
import type { TabItem } from '../ui';
import { NavIcon } from './nav-icons';
import { useRoute } from './route-store';
import type { PopupTab } from './route-store';
import { HomeScreen } from './home/HomeScreen';
import { ActivityScreen } from './activity/ActivityScreen';
import { MoreScreen } from './MoreScreen';
import { AlertsScreen } from '../alerts/AlertsScreen';
import { PortfolioScreen } from '../portfolio/PortfolioScreen';
import { StakeScreen } from '../stake/StakeScreen';
import { NoRpcNotice } from './NoRpcNotice';

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
        {panel()}
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
