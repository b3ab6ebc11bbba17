import { useEffect, useRef, useState } from 'react';
import jsQR from 'jsqr';
import { InlineError } from '../ui';

/**
 * The camera, read for QR codes: each frame the video shows is drawn to a canvas and decoded with jsQR; every new text
 * goes to `onText`, which answers true when it has all it needs (an animated code takes several frames). The camera
 * stops when that happens or when the scanner leaves the page.
 */
export function QrScanner({ label, onText, progress }: { label: string; onText: (text: string) => boolean; progress?: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [error, setError] = useState<{ message: string; details?: string }>();
  const handler = useRef(onText);
  handler.current = onText;

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    let last = '';
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const stop = () => {
      stopped = true;
      stream?.getTracks().forEach((t) => t.stop());
    };
    const onFrame = () => {
      const v = video.current;
      if (stopped || !v || !context) return;
      if (v.videoWidth > 0) {
        canvas.width = v.videoWidth;
        canvas.height = v.videoHeight;
        context.drawImage(v, 0, 0);
        const found = jsQR(context.getImageData(0, 0, canvas.width, canvas.height).data, canvas.width, canvas.height, {
          inversionAttempts: 'dontInvert',
        });
        if (found && found.data !== last) {
          last = found.data;
          if (handler.current(found.data)) return stop();
        }
      }
      v.requestVideoFrameCallback(onFrame);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return stop();
        video.current.srcObject = s;
        await video.current.play();
        video.current.requestVideoFrameCallback(onFrame);
      })
      .catch((caught: unknown) =>
        setError({
          message: 'Ballast could not use the camera',
          details: `${caught instanceof Error ? caught.message : String(caught)}. Allow camera access for this page, then try again.`,
        }),
      );
    return stop;
  }, []);

  return (
    <div className="flex flex-col gap-2">
      <video ref={video} muted playsInline aria-label={label} className="aspect-square w-full rounded-md bg-black object-cover" />
      <p role="status" className="text-xs text-ink-muted">
        {progress ?? label}
      </p>
      <InlineError error={error} />
    </div>
  );
}
