import { useState } from 'react';
import { openLedgerTransport } from '../../lib/hardware/ledger-transport';
import type { DeviceRequest } from '../../lib/hardware/device-request';
import { signOnLedger } from '../../lib/hardware/sign-request';
import { call, toErrorView, type ErrorView } from '../../lib/state';
import { AppError, type HardwareErrorCode } from '../../lib/errors';
import { Address, Button, Card, InlineError } from '../ui';
import { requestSummary } from './request-summary';
import { KeystoneSigning } from './KeystoneSigning';

/** Device answers after which trying again makes no sense: the person said no, or the device holds another key. */
const ENDS_REQUEST: readonly string[] = ['hardware.rejected', 'hardware.wrong-device'];

/**
 * One request: what will be signed (to compare with the device screen), one button that asks the device, and what
 * the device said when it did not sign. A refusal on the device, or Cancel here, ends the request (the site hears
 * 4001); a locked or unplugged device can be fixed and tried again while the background still waits.
 */
export function DeviceRequestCard({
  request,
  onDone,
  onEnded,
}: {
  request: DeviceRequest;
  onDone: () => void;
  /** The request ended for a reason to read (not the person's own refusal): the window keeps it on screen. */
  onEnded?: (error: ErrorView) => void;
}) {
  const [state, setState] = useState<'idle' | 'signing' | 'sent'>('idle');
  const [error, setError] = useState<ErrorView>();
  const summary = requestSummary(request);
  const device = request.device === 'ledger' ? 'Ledger' : 'Keystone';

  async function sign() {
    setError(undefined);
    setState('signing');
    try {
      await answer(await signOnLedger(request, openLedgerTransport));
    } catch (caught) {
      await failed(caught);
    }
  }

  async function answer(signed: `0x${string}`) {
    try {
      await call('devices:answer', { id: request.id, signed });
      setState('sent');
      onDone();
    } catch (caught) {
      // The background checked the answer and refused it (another key, other bytes): the request is over.
      onEnded?.(toErrorView(caught));
      await failed(caught);
    }
  }

  async function failed(caught: unknown) {
    setState('idle');
    setError(toErrorView(caught));
    const code = caught instanceof AppError ? caught.code : undefined;
    if (code && ENDS_REQUEST.includes(code)) {
      if (code !== 'hardware.rejected') onEnded?.(toErrorView(caught));
      await call('devices:fail', { id: request.id, code: code as HardwareErrorCode }).catch(() => undefined);
    }
  }

  async function cancel() {
    await call('devices:fail', { id: request.id, code: 'hardware.rejected', extra: 'cancelled in Ballast' }).catch(() => undefined);
  }

  return (
    <Card>
      <div className="flex flex-col gap-3">
        <h1 className="text-base font-semibold">
          Sign on your {device}: {summary.title.toLowerCase()}
        </h1>
        <p className="text-xs text-ink-muted">
          Account <Address address={request.account} /> · path {request.path}
        </p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm" data-testid="device-request-summary">
          {summary.lines.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-ink-muted">{label}</dt>
              <dd className="break-all font-mono text-xs">{value}</dd>
            </div>
          ))}
        </dl>
        <p className="text-xs text-ink-muted">Check that the device shows the same, then confirm on the device.</p>
        {request.device === 'keystone' ? (
          <KeystoneSigning request={request} onSigned={(signed) => void answer(signed)} onError={(e) => void failed(e)} />
        ) : (
          <Button onClick={() => void sign()} loading={state === 'signing'} disabled={state !== 'idle'}>
            {state === 'signing' ? 'Confirm on your Ledger…' : 'Sign on Ledger'}
          </Button>
        )}
        <InlineError error={error} />
        <Button variant="secondary" onClick={() => void cancel()} disabled={state === 'signing'}>
          Cancel request
        </Button>
      </div>
    </Card>
  );
}
