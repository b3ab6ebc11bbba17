import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION_DIR } from '../e2e/harness';
import type { BenchPart } from './types';

/**
 * Entries built the way each wallet ships its in-page script. MetaMask's inpage.js connects a
 * WindowPostMessageStream to initializeProvider; Rabby's page-provider package is its in-page script
 * (it installs window.ethereum when loaded).
 */
const ENTRIES = {
  metamask: `
import { WindowPostMessageStream } from '@metamask/post-message-stream';
import { initializeProvider } from '@metamask/providers/initializeInpageProvider';
const connectionStream = new WindowPostMessageStream({ name: 'metamask-inpage', target: 'metamask-contentscript' });
initializeProvider({ connectionStream, shouldShimWeb3: true, providerInfo: { uuid: crypto.randomUUID(), name: 'MetaMask', icon: 'data:,', rdns: 'io.metamask' } });
`,
  rabby: `import '@rabby-wallet/page-provider';\n`,
} as const;

type Esbuild = { build(options: Record<string, unknown>): Promise<unknown> };

/**
 * Ballast's built content-scripts/inpage.js (gzip -9) against @metamask/providers' and
 * @rabby-wallet/page-provider's in-page providers bundled with esbuild (minified, browser, iife),
 * gzip -9 too. Ratio = Ballast ÷ theirs: below 1 means Ballast's script is smaller.
 * Skips (no keys) with a note if esbuild or either package cannot be bundled here.
 */
export const inpageCompare: BenchPart = {
  name: 'inpage compare',
  needsBrowser: false,
  async run({ root }): Promise<Record<string, number>> {
    const ballast = gzipSync(readFileSync(join(EXTENSION_DIR, 'content-scripts/inpage.js')), { level: 9 }).length;
    const tmp = join(root, 'bench/tmp/inpage');
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    try {
      const esbuild = (await import('esbuild')) as unknown as Esbuild;
      const sizes: Record<string, number> = {};
      for (const [name, source] of Object.entries(ENTRIES)) {
        const entry = join(tmp, `${name}-entry.js`);
        const outfile = join(tmp, `${name}.js`);
        writeFileSync(entry, source);
        await esbuild.build({
          entryPoints: [entry], outfile, bundle: true, minify: true, platform: 'browser', format: 'iife', target: 'es2020',
          nodePaths: [join(root, 'node_modules')], define: { global: 'globalThis', 'process.env.NODE_ENV': '"production"' }, logLevel: 'silent',
        });
        sizes[name] = gzipSync(readFileSync(outfile), { level: 9 }).length;
      }
      console.error(`bench: in-page gzip -9 bytes: Ballast ${ballast}, MetaMask ${sizes.metamask}, Rabby ${sizes.rabby}`);
      const ratio = (theirs: number | undefined) => Math.round((ballast / theirs!) * 1000) / 1000;
      return { inpage_vs_metamask_ratio: ratio(sizes.metamask), inpage_vs_rabby_ratio: ratio(sizes.rabby) };
    } catch (error) {
      console.error(`bench: in-page comparison skipped, bundling failed: ${error instanceof Error ? error.message : String(error)}`);
      return {};
    }
  },
};
