import { useState } from 'react';
import type { WalletStateView } from '../../../lib/messaging/types';
import { call, networksStore } from '../../../lib/state';
import { Address, Button, Card, InlineError, cx, focusRing } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useAction } from '../../hooks/use-action';
import { useResource } from '../../hooks/use-resource';
import { WatchAddress } from '../../onboarding/WatchAddress';
import { useRoute } from '../route-store';
import { AccountList } from './AccountList';
import { activeNetwork } from '../networks/active';
import { ReceiveScreen } from '../receive/ReceiveScreen';
import { HomeBalances } from './HomeBalances';
import { SendScreen } from '../send/SendScreen';

export function HomeScreen({ state }: { state: WalletStateView }) {
  const [watching, setWatching] = useState(false);
  const lock = useAction(() => call('wallet:lock'));
  const addAccount = useAction(() => call('accounts:add', {}));
  const networks = useResource(networksStore);
  const { openMore, openHome, home } = useRoute();
  const selected = state.accounts.find((a) => a.address === state.selectedAddress);
  // A watch-only wallet has no secrets: nothing to lock, no phrase to derive accounts from.
  const hasKeys = state.accounts.some((a) => a.kind !== 'watch');
  const hasPhrase = state.accounts.some((a) => a.kind === 'hd');
  const network = networks.data && activeNetwork(networks.data);

  if (watching) return <WatchAddress onDone={() => setWatching(false)} onBack={() => setWatching(false)} />;
  if (home === 'receive') return <ReceiveScreen state={state} onBack={() => openHome('main')} />;
  if (home === 'send') return <SendScreen onBack={() => openHome('main')} />;

  return (
    <Screen
      title="Ballast"
      actions={
        <>
          <button
            type="button"
            onClick={() => openMore('networks')}
            className="rounded-full border border-line px-2 py-0.5 text-xs text-ink-muted hover:text-ink focus-visible:outline-2 focus-visible:outline-focus"
          >
            {network?.name ?? `Chain ${state.chainId}`}
          </button>
          {hasKeys && (
            <Button size="sm" variant="secondary" onClick={() => void lock.run()} loading={lock.loading}>
              Lock
            </Button>
          )}
        </>
      }
    >
      <div className="flex flex-col gap-3">
        {state.backupPending && (
          <Card className="border-warn bg-warn-soft" role="note">
            <p className="text-xs text-ink">
              Your recovery phrase backup is not confirmed. Open Settings → Reveal recovery phrase and write it down.
            </p>
          </Card>
        )}
        {selected && (
          <Card>
            <p className="text-xs text-ink-muted">Selected account</p>
            <p className="text-base font-semibold" data-testid="selected-account-name">
              {selected.name}
            </p>
            <Address address={selected.address} named={false} />
            <div className="mt-2 flex gap-2">
              {selected.kind !== 'watch' && (
                <Button size="sm" onClick={() => openHome('send')}>
                  Send
                </Button>
              )}
              <Button size="sm" variant="secondary" onClick={() => openHome('receive')}>
                Receive
              </Button>
            </div>
          </Card>
        )}
        {selected && <HomeBalances account={selected.address} />}
        <InlineError error={lock.error ?? addAccount.error} />
        <AccountList accounts={state.accounts} selectedAddress={state.selectedAddress} />
        <div className="grid grid-cols-2 gap-2">
          {hasPhrase && (
            <Button variant="secondary" size="sm" onClick={() => void addAccount.run()} loading={addAccount.loading}>
              Add account
            </Button>
          )}
          <Button variant="secondary" size="sm" onClick={() => setWatching(true)}>
            Watch address
          </Button>
          {/* WebHID asks for the device from a click in a full page, not in the popup: the import runs in a tab. */}
          <a
            href="/device.html#import"
            target="_blank"
            rel="noreferrer"
            className={cx(
              'inline-flex h-8 items-center justify-center rounded-md border border-line bg-surface px-3 text-xs font-medium text-ink hover:bg-surface-muted',
              focusRing,
            )}
          >
            Connect Ledger
          </a>
          {/* The camera, too, is asked for in a full page. */}
          <a
            href="/device.html#keystone"
            target="_blank"
            rel="noreferrer"
            className={cx(
              'inline-flex h-8 items-center justify-center rounded-md border border-line bg-surface px-3 text-xs font-medium text-ink hover:bg-surface-muted',
              focusRing,
            )}
          >
            Sync Keystone
          </a>
        </div>
      </div>
    </Screen>
  );
}
