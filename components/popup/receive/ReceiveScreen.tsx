import { lazy, Suspense, useState } from 'react';
import { getAddress } from 'viem';
import type { WalletStateView } from '../../../lib/messaging/types';
import { networksStore } from '../../../lib/state';
import { Badge, Button, Card, EmptyState, Skeleton } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useResource } from '../../hooks/use-resource';
import { activeNetwork } from '../networks/active';

// The QR encoder loads when Receive opens, not with every popup open (it is most of this screen's weight).
const QrCode = lazy(() => import('./QrCode').then((m) => ({ default: m.QrCode })));

type CopyState = 'idle' | 'copied' | 'failed';

/** The selected account's address to receive on: full text, QR code, copy, and the network it is for. */
export function ReceiveScreen({ state, onBack }: { state: WalletStateView; onBack: () => void }) {
  const networks = useResource(networksStore);
  const [copy, setCopy] = useState<CopyState>('idle');
  const account = state.accounts.find((a) => a.address === state.selectedAddress);
  const network = networks.data && activeNetwork(networks.data);
  const networkText = `${network?.name ?? 'Chain'} (chain ${network?.chainId ?? state.chainId})`;

  if (!account) {
    return (
      <Screen title="Receive" onBack={onBack}>
        <EmptyState title="No account selected">Pick an account on Home to see its address.</EmptyState>
      </Screen>
    );
  }
  // Stored addresses are already checksummed; shown through getAddress so the text is EIP-55 whatever was stored.
  const address = getAddress(account.address);
  const copyAddress = () =>
    void navigator.clipboard.writeText(address).then(
      () => setCopy('copied'),
      () => setCopy('failed'),
    );

  return (
    <Screen title="Receive" onBack={onBack}>
      <div className="flex flex-col gap-3">
        {account.kind === 'watch' && (
          <Card className="border-warn bg-warn-soft" role="note" data-testid="receive-watch-warning">
            <p className="text-xs text-ink">
              <strong>Watch-only account.</strong> Ballast cannot sign for this address. Receiving here is fine, but to move what arrives
              you need the wallet that holds its key.
            </p>
          </Card>
        )}
        <p className="flex items-center gap-1.5 text-sm font-semibold">
          {account.name}
          {account.kind === 'watch' && <Badge tone="info">Watch-only</Badge>}
        </p>
        <div className="self-center rounded-lg border border-line">
          <Suspense fallback={<Skeleton className="h-[148px] w-[148px]" />}>
            <QrCode text={address} label={`QR code of the address ${address}`} maxSize={160} />
          </Suspense>
        </div>
        <p className="mx-auto max-w-[21ch] break-all text-center font-mono text-sm text-ink" data-testid="receive-address">
          {address}
        </p>
        <Button onClick={copyAddress} block>
          {copy === 'copied' ? 'Copied' : 'Copy address'}
        </Button>
        <p role="status" className="min-h-4 text-center text-xs text-ink-muted">
          {copy === 'copied' && 'The address is on the clipboard.'}
          {copy === 'failed' && 'Could not copy: select the address above and copy it by hand.'}
        </p>
        <Card>
          <p className="text-xs text-ink-muted">Network</p>
          <p className="text-sm font-semibold" data-testid="receive-network">
            {networkText}
          </p>
          <p className="mt-1 text-xs text-ink-muted">
            Ballast shows what arrives on this network only: assets sent to this address on another network do not appear here.
          </p>
        </Card>
      </div>
    </Screen>
  );
}
