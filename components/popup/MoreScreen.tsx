import { cx, focusRing } from '../ui';
import { Screen } from '../layout/Screen';
import { useRoute } from './route-store';
import type { MorePage } from './route-store';
import { SitesScreen } from './SitesScreen';
import { NetworksScreen } from './networks/NetworksScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { AddressBookScreen } from './address-book/AddressBookScreen';

const entries: Array<{ page: MorePage; title: string; text: string }> = [
  { page: 'sites', title: 'Sites', text: 'Connected sites and what they can see' },
  { page: 'addressBook', title: 'Address book', text: 'Names for the addresses you send to' },
  { page: 'networks', title: 'Networks', text: 'RPC URLs and the active network' },
  { page: 'settings', title: 'Settings', text: 'Auto-lock, theme, security' },
];

export function MoreScreen() {
  const { more, openMore } = useRoute();
  const back = () => openMore('menu');
  if (more === 'sites') return <SitesScreen onBack={back} />;
  if (more === 'networks') return <NetworksScreen onBack={back} />;
  if (more === 'settings') return <SettingsScreen onBack={back} />;
  if (more === 'addressBook') return <AddressBookScreen onBack={back} />;
  return (
    <Screen title="More">
      <ul className="flex flex-col gap-2">
        {entries.map((e) => (
          <li key={e.page}>
            <button
              type="button"
              onClick={() => openMore(e.page)}
              className={cx('flex w-full flex-col rounded-lg border border-line p-3 text-left hover:bg-surface-muted', focusRing)}
            >
              <span className="text-sm font-semibold">{e.title}</span>
              <span className="text-xs text-ink-muted">{e.text}</span>
            </button>
          </li>
        ))}
      </ul>
    </Screen>
  );
}
