import { useEffect, useRef, useState } from 'react';
import type { DeviceRequest } from '../../lib/hardware/device-request';
import { keystoneSignatureReader, type KeystoneRequest } from '../../lib/hardware/keystone/request';
import { signOnKeystone } from '../../lib/hardware/sign-request';
import { Button } from '../ui';
import { AnimatedQr } from './AnimatedQr';
import { QrScanner } from './QrScanner';

/** Frames of an animated request: every fragment, then as many fountain frames again (a missed frame is made up). */
const framesOf = (request: KeystoneRequest) => request.parts(request.fragments > 1 ? request.fragments * 2 : 1);

/**
 * A Keystone signs over QR both ways: Ballast shows the sign request (animated when long), the person scans it with
 * the device, checks and signs there, then Ballast's camera reads the signature the device shows. The signed result
 * goes to `onSigned`; what went wrong (an unreadable or stale code, another key) to `onError`.
 */
export function KeystoneSigning({
  request,
  onSigned,
  onError,
}: {
  request: DeviceRequest;
  onSigned: (signed: `0x${string}`) => void;
  onError: (error: unknown) => void;
}) {
  const [shown, setShown] = useState<{ frames: string[]; requestId: string }>();
  const [scanning, setScanning] = useState(false);
  const [progress, setProgress] = useState<string>();
  const answer = useRef<{ parts: string[]; resolve: (parts: string[]) => void; reader: ReturnType<typeof keystoneSignatureReader> }>(
    undefined,
  );

  useEffect(() => {
    let active = true;
    signOnKeystone(request, (keystone) => {
      setShown({ frames: framesOf(keystone), requestId: keystone.requestId });
      return new Promise<string[]>((resolve) => {
        answer.current = { parts: [], resolve, reader: keystoneSignatureReader(keystone.requestId) };
      });
    }).then(
      (signed) => active && onSigned(signed),
      (error: unknown) => active && onError(error),
    );
    return () => {
      active = false;
    };
    // One signing round per request; the callbacks are the card's and stable for its life.
  }, [request.id]);

  function scanned(text: string): boolean {
    const current = answer.current;
    if (!current) return false;
    try {
      current.parts.push(text);
      const complete = current.reader.receive(text);
      setProgress(complete ? 'Signature read.' : `Reading the signature: ${Math.round(current.reader.progress() * 100)} %`);
      if (complete) current.resolve(current.parts);
      return complete;
    } catch (error) {
      onError(error);
      return true;
    }
  }

  if (!shown) return <p className="text-sm text-ink-muted">Preparing the QR code…</p>;
  return (
    <div className="flex flex-col gap-3">
      {!scanning ? (
        <>
          <p className="text-sm">1. Scan this code with your Keystone, check the details on its screen and sign there.</p>
          <AnimatedQr frames={shown.frames} label="Sign request for your Keystone" />
          <Button onClick={() => setScanning(true)}>2. Scan the Keystone's signature</Button>
        </>
      ) : (
        <QrScanner label="Camera: hold the Keystone's signature QR code in view" onText={scanned} progress={progress} />
      )}
    </div>
  );
}
