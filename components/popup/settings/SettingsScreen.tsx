import { useState } from 'react';
import { call, settingsStore, walletStore } from '../../../lib/state';
import { Button, Card, InlineError, Select, Toggle } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { ResourceView } from '../ResourceView';
import { RevealPhraseDialog } from './RevealPhraseDialog';
import { ChangePasswordDialog } from './ChangePasswordDialog';

const autoLockChoices = [1, 5, 15, 30, 60, 240, 720, 1440];
type Theme = 'system' | 'light' | 'dark';

function minutesLabel(m: number) {
  return m < 60 ? `${m} minute${m === 1 ? '' : 's'}` : `${m / 60} hour${m === 60 ? '' : 's'}`;
}

export function SettingsScreen({ onBack }: { onBack: () => void }) {
  const settings = useResource(settingsStore);
  const wallet = useResource(walletStore);
  const [dialog, setDialog] = useState<'reveal' | 'password'>();
  const set = useAction((patch: { defaultWallet?: boolean; guardMode?: boolean; theme?: Theme; txNotifications?: boolean }) =>
    call('settings:set', patch),
  );
  const autoLock = useAction((minutes: number) => call('wallet:setAutoLock', { minutes }));
  const lock = useAction(() => call('wallet:lock'));
  const minutes = wallet.data?.autoLockMinutes;
  const choices = minutes && !autoLockChoices.includes(minutes) ? [...autoLockChoices, minutes].sort((a, b) => a - b) : autoLockChoices;

  return (
    <Screen title="Settings" onBack={onBack}>
      <div className="flex flex-col gap-3">
        <InlineError error={set.error ?? autoLock.error ?? lock.error} />
        <ResourceView resource={settings} what="settings">
          {(s) => (
            <Card title="General" className="flex flex-col gap-3">
              <div className="flex flex-col gap-3">
                <Select
                  label="Theme"
                  value={s.theme}
                  onChange={(e) => void set.run({ theme: e.target.value as Theme })}
                  options={[
                    { value: 'system', label: 'Like the system' },
                    { value: 'light', label: 'Light' },
                    { value: 'dark', label: 'Dark' },
                  ]}
                />
                <Toggle
                  label="Default wallet"
                  description="Take window.ethereum even when another wallet is installed."
                  checked={s.defaultWallet}
                  onChange={(v) => void set.run({ defaultWallet: v })}
                />
                <Toggle
                  label="Guard mode"
                  description="Show the risk card for requests sent to other wallets too."
                  checked={s.guardMode}
                  onChange={(v) => void set.run({ guardMode: v })}
                />
                <Toggle
                  label="Transaction notifications"
                  description="A system notification when a transaction you sent confirms, fails or is cancelled."
                  checked={s.txNotifications}
                  onChange={(v) => void set.run({ txNotifications: v })}
                />
              </div>
            </Card>
          )}
        </ResourceView>
        <Card title="Security">
          <div className="flex flex-col gap-3">
            {minutes !== undefined && (
              <Select
                label="Lock after inactivity"
                value={String(minutes)}
                onChange={(e) => void autoLock.run(Number(e.target.value))}
                options={choices.map((m) => ({ value: String(m), label: minutesLabel(m) }))}
              />
            )}
            <Button variant="secondary" block onClick={() => setDialog('reveal')}>
              Reveal recovery phrase
            </Button>
            <Button variant="secondary" block onClick={() => setDialog('password')}>
              Change password
            </Button>
            <Button variant="danger" block onClick={() => void lock.run()} loading={lock.loading}>
              Lock now
            </Button>
          </div>
        </Card>
      </div>
      <RevealPhraseDialog open={dialog === 'reveal'} onClose={() => setDialog(undefined)} />
      <ChangePasswordDialog open={dialog === 'password'} onClose={() => setDialog(undefined)} />
    </Screen>
  );
}
