import { useEffect, useState, type ComponentType } from 'react';
import { Spinner } from '../ui';
import type { PopupTab } from './route-store';

type Screen = ComponentType;
type Loader = { get: () => Promise<Screen>; loaded?: Screen };

const loader = (load: () => Promise<Screen>): Loader => {
  let pending: Promise<Screen> | undefined;
  const entry: Loader = { get: () => (pending ??= load().then((screen) => (entry.loaded = screen))) };
  return entry;
};

/**
 * The tabs other than Home, each its own chunk: opening the popup evaluates only what Home needs
 * (home_first_render_ms in npm run bench). Not React.lazy: a Suspense boundary holds revealed content back
 * (React throttles a fallback's replacement by up to 300 ms), which a tab opened at once would pay.
 */
const SCREENS: Record<Exclude<PopupTab, 'home'>, Loader> = {
  portfolio: loader(() => import('../portfolio/PortfolioScreen').then((m) => m.PortfolioScreen)),
  stake: loader(() => import('../stake/StakeScreen').then((m) => m.StakeScreen)),
  activity: loader(() => import('./activity/ActivityScreen').then((m) => m.ActivityScreen)),
  alerts: loader(() => import('../alerts/AlertsScreen').then((m) => m.AlertsScreen)),
  more: loader(() => import('./MoreScreen').then((m) => m.MoreScreen)),
};

/** Loads every tab's chunk once the popup has settled, so a later tab switch is instant. */
export function preloadTabs(): void {
  for (const screen of Object.values(SCREENS)) void screen.get().catch(() => undefined);
}

/** A tab other than Home: its screen once its chunk is in, a spinner until then (key it by tab). */
export function DeferredTab({ tab }: { tab: Exclude<PopupTab, 'home'> }) {
  const entry = SCREENS[tab];
  const [Screen, setScreen] = useState<Screen | undefined>(() => entry.loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Screen) return;
    let live = true;
    entry.get().then(
      (s) => live && setScreen(() => s),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [entry, Screen]);
  if (Screen) return <Screen />;
  return (
    <div className="flex h-full items-center justify-center">
      {failed ? (
        <p className="text-sm text-danger">This screen could not be loaded. Close and reopen the popup.</p>
      ) : (
        <Spinner label="Loading" />
      )}
    </div>
  );
}
