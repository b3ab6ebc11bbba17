import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../e2e/harness';
import type { BenchPart } from './types';

const gzipBytes = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);

/** JS files a page loads: the entry's own <script src> plus the chunks those import (transitively). */
function pageScripts(dir: string, html: string): string[] {
  const seen = new Set<string>();
  const queue = [...readFileSync(join(dir, html), 'utf8').matchAll(/<script[^>]*src="\/?([^"]+)"/g)].map((m) => m[1]!);
  while (queue.length > 0) {
    const rel = queue.shift()!;
    if (seen.has(rel)) continue;
    seen.add(rel);
    const code = readFileSync(join(dir, rel), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*\(?\s*["'](?:\.\.?\/)*(?:chunks\/)?([\w.-]+\.js)["']/g)) queue.push(`chunks/${m[1]}`);
  }
  return [...seen].map((rel) => join(dir, rel));
}

/**
 * gzip -9 sizes of the built bundles (the test build, .output/chrome-mv3-test: the production build differs only by
 * the devnet entry in background.js). The popup sums every JS chunk it loads.
 */
export const bundleSizes: BenchPart = {
  name: 'bundle sizes',
  needsBrowser: false,
  async run() {
    const dir = EXTENSION_DIR;
    const popup = pageScripts(dir, 'popup.html');
    if (popup.length === 0) throw new Error(`popup.html in ${dir} loads no script; is the build complete?`);
    return {
      inpage_gzip_bytes: gzipBytes([join(dir, 'content-scripts/inpage.js')]),
      content_gzip_bytes: gzipBytes([join(dir, 'content-scripts/content.js')]),
      background_gzip_bytes: gzipBytes([join(dir, 'background.js')]),
      popup_gzip_bytes: gzipBytes(popup),
    };
  },
};
