import { useState } from 'react';
import { RESTAKING_SYMBOLS } from '../../lib/restaking/tokens';
import { alertSettingsStore, alertsStore, markAlertsRead, saveAlertSettings } from '../../lib/state/alerts';
import { Button, EmptyState, InlineError } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { ResourceView } from '../popup/ResourceView';
import { AlertList } from './AlertList';
import { AlertSettingsForm } from './AlertSettingsForm';

/** `#alerts?position=<id>` (a notification click) → the position whose alerts to show first. */
function positionFromHash(): string | undefined {
  const query = globalThis.location?.hash.split('?')[1];
  return query ? (new URLSearchParams(query).get('position') ?? undefined) : undefined;
}

/** The popup's Alerts tab: what Ballast noticed about the positions, and the settings for it. */
export function AlertsScreen() {
  const [view, setView] = useState<'list' | 'settings'>('list');
  return view === 'list' ? (
    <AlertsListView onSettings={() => setView('settings')} />
  ) : (
    <AlertsSettingsView onBack={() => setView('list')} />
  );
}

function AlertsListView({ onSettings }: { onSettings: () => void }) {
  const alerts = useResource(alertsStore);
  const [focusPosition] = useState(positionFromHash);
  const mark = useAction((ids: string[] | 'all') => markAlertsRead(ids));
  const unread = alerts.data?.filter((a) => !a.read).length ?? 0;
  return (
    <Screen
      title="Alerts"
      actions={
        <Button size="sm" variant="secondary" onClick={onSettings}>
          Settings
        </Button>
      }
    >
      <div className="flex flex-col gap-2">
        <InlineError error={mark.error} />
        <ResourceView resource={alerts} what="alerts">
          {(items) =>
            items.length === 0 ? (
              <EmptyState title="No alerts yet — Ballast checks your positions every 5 minutes">
                Depeg, slashing, claimable withdrawals and large position changes appear here and as notifications.
              </EmptyState>
            ) : (
              <>
                <div className="flex items-center justify-between text-xs text-ink-muted">
                  <span aria-live="polite">{unread === 0 ? 'All read' : `${unread} unread`}</span>
                  <Button size="sm" variant="ghost" disabled={unread === 0 || mark.loading} onClick={() => void mark.run('all')}>
                    Mark all read
                  </Button>
                </div>
                <AlertList alerts={items} focusPosition={focusPosition} busy={mark.loading} onMarkRead={(id) => void mark.run([id])} />
              </>
            )
          }
        </ResourceView>
      </div>
    </Screen>
  );
}

function AlertsSettingsView({ onBack }: { onBack: () => void }) {
  const settings = useResource(alertSettingsStore);
  const save = useAction(saveAlertSettings);
  return (
    <Screen title="Alert settings" onBack={onBack}>
      <ResourceView resource={settings} what="alert settings">
        {(s) => (
          <AlertSettingsForm settings={s} tokens={RESTAKING_SYMBOLS} onSave={save.run} saving={save.loading} saveError={save.error} />
        )}
      </ResourceView>
    </Screen>
  );
}
