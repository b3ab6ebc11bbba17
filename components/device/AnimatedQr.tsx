import { useEffect, useState } from 'react';
import { QrCode } from '../popup/receive/QrCode';

/** How long each frame of an animated code shows: the Keystone's camera reads several per second. */
const FRAME_MS = 250;

/** A QR code that cycles through `frames` (a UR message too long for one code); one frame is shown still. */
export function AnimatedQr({ frames, label }: { frames: readonly string[]; label: string }) {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    if (frames.length < 2) return;
    const timer = setInterval(() => setIndex((i) => (i + 1) % frames.length), FRAME_MS);
    return () => clearInterval(timer);
  }, [frames]);
  const text = frames[index % frames.length] ?? '';
  return (
    <div className="flex justify-center rounded-md bg-white p-2" data-testid="keystone-request-qr" data-frames={frames.length}>
      <QrCode text={text} label={frames.length > 1 ? `${label}, frame ${index + 1} of ${frames.length}` : label} maxSize={280} />
    </div>
  );
}
