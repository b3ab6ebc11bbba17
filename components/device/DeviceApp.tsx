import { useEffect, useRef, useState } from 'react';
import { devicesStore } from '../../lib/state';
import { Badge, Button, Card, ErrorState, InlineError, Spinner } from '../ui';
import type { ErrorView } from '../../lib/state';
import { useResource } from '../hooks/use-resource';
import { useTheme } from '../hooks/use-theme';
import { DeviceRequestCard } from './DeviceRequestCard';
import { LedgerImport } from './LedgerImport';
import { KeystoneImport } from './KeystoneImport';

/**
 * The device window: where a hardware account's signatures happen (WebHID and the camera need a document; the
 * background has none) and where Ledger (`#import`) and Keystone (`#keystone`) accounts are imported. Opened by the background for each request.
 */
export function DeviceApp() {
  useTheme();
  const route = location.hash;
  return (
    <div className="flex min-h-screen flex-col bg-surface text-ink">
      <header className="flex items-center gap-2 border-b border-line px-4 py-2">
        <img src="/icon/32.png" alt="" className="size-5" />
        <span className="flex-1 text-sm font-semibold">Ballast · hardware wallet</span>
      </header>
      <main className="mx-auto flex w-full max-w-[480px] flex-1 flex-col gap-3 p-4">
        {route === '#import' ? <LedgerImport /> : route === '#keystone' ? <KeystoneImport /> : <DeviceRequests />}
      </main>
    </div>
  );
}

function DeviceRequests() {
  const pending = useResource(devicesStore);
  const hadRequests = useRef(false);
  const [done, setDone] = useState(0);
  // A request the device ended with a reason the person must read (another device, a failed check): the window
  // stays open on it instead of closing under their eyes.
  const [ended, setEnded] = useState<ErrorView>();
  const requests = pending.data;

  // Close once the last request is signed or refused (not when opened on an empty list, so it can say why).
  useEffect(() => {
    if (!requests) return;
    if (requests.length > 0) hadRequests.current = true;
    else if (hadRequests.current && !ended) window.close();
  }, [requests, ended]);

  if (!requests && pending.error)
    return (
      <ErrorState
        title="Could not read the device requests"
        message={pending.error.message}
        details={pending.error.details}
        onRetry={() => void devicesStore.getState().reload()}
      />
    );
  if (!requests)
    return (
      <div className="flex flex-1 items-center justify-center">
        <Spinner label="Loading device requests" />
      </div>
    );
  const [first] = requests;
  if (!first && ended)
    return (
      <Card>
        <div className="flex flex-col gap-3">
          <h1 className="text-base font-semibold">Nothing was signed</h1>
          <InlineError error={ended} />
          <Button variant="secondary" onClick={() => window.close()}>
            Close window
          </Button>
        </div>
      </Card>
    );
  if (!first)
    return (
      <p className="text-sm text-ink-muted" role="status">
        {done > 0 ? 'All signed. You can close this window.' : 'Nothing to sign on a device right now.'}
      </p>
    );
  return (
    <>
      {requests.length > 1 && <Badge tone="info">{requests.length} waiting</Badge>}
      <DeviceRequestCard
        key={first.id}
        request={first}
        onDone={() => {
          setEnded(undefined);
          setDone((n) => n + 1);
        }}
        onEnded={setEnded}
      />
    </>
  );
}
