import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

/** White modules around the code, as the QR standard asks: scanners find the code's edge by it. */
const QUIET_ZONE = 4;

/** The dark modules of `text` as one SVG path (a unit square per module), and the code's width in modules. */
function encode(text: string): { modules: number; path: string } {
  // Type 0 picks the smallest version that fits; level M survives a smudged or glared screen (15 % of the code).
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const squares: string[] = [];
  for (let row = 0; row < count; row++) {
    for (let col = 0; col < count; col++) {
      if (qr.isDark(row, col)) squares.push(`M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { modules: count + 2 * QUIET_ZONE, path: squares.join('') };
}

/**
 * A QR code drawn as SVG, black on white in both themes (many scanners do not read an inverted code). Its
 * size is a whole number of pixels per module, so every module is drawn crisp, never blurred between pixels.
 */
export function QrCode({ text, label, maxSize = 192 }: { text: string; label: string; maxSize?: number }) {
  const { modules, path } = useMemo(() => encode(text), [text]);
  const size = Math.max(1, Math.floor(maxSize / modules)) * modules;
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges"
      data-testid="receive-qr"
    >
      <rect width={modules} height={modules} fill="#ffffff" />
      <path d={path} fill="#000000" />
    </svg>
  );
}
