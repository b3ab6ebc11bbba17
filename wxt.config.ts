import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';
import { fileURLToPath } from 'node:url';

// The test build (`BALLAST_BUILD=test wxt build`, npm run build:test) is what browser tests, the bench and the demo
// load: a production build (same mode, same minified React) plus the local devnet network, written beside it to
// .output/chrome-mv3-test so the two are never mistaken for each other.
const testBuild = process.env.BALLAST_BUILD === 'test';

// Manifest permissions are kept to what the wallet truly uses:
// storage (vault, settings, snapshots), alarms (refresh, auto-lock), notifications (alerts).
// No host_permissions: RPC endpoints answer CORS; content scripts are declared per entrypoint.
export default defineConfig({
  // BALLAST_OUT_DIR lets parallel browser-test runs build into separate folders (default .output).
  outDir: process.env.BALLAST_OUT_DIR ?? '.output',
  ...(testBuild ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-test' } : {}),
  modules: ['@wxt-dev/module-react'],
  vite: ({ mode }) => ({
    plugins: [tailwindcss()],
    build: { target: 'es2022' },
    // The Ledger transport seam: WebHID in a production build; in the test build the device double (issue #17: browser
    // tests plug it in here), so the double's code never reaches a production bundle.
    resolve: {
      alias: {
        // Node built-ins the Keystone UR libraries reach for (device page only): small shims, see the files.
        stream: fileURLToPath(new URL('./entrypoints/device/node-shims/stream.ts', import.meta.url)),
        crypto: fileURLToPath(new URL('./entrypoints/device/node-shims/crypto.ts', import.meta.url)),
        '#ledger-transport': fileURLToPath(
          new URL(testBuild ? './tests/hardware/page-transport.ts' : './lib/hardware/webhid-transport.ts', import.meta.url),
        ),
      },
    },
    // The local devnet network (http://127.0.0.1:8545 as chain 1) exists only in development (`wxt`) and in the
    // test build; `wxt build` (production) folds it away: see lib/chain/build-flavour.ts.
    define: { __BALLAST_DEVNET__: JSON.stringify(testBuild || mode === 'development') },
  }),
  manifest: ({ browser }) => ({
    name: 'Ballast',
    description: 'A wallet for liquid restaking tokens that knows slashing, depeg and impermanent-loss risk.',
    permissions: ['storage', 'alarms', 'notifications'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'ballast@ballast.wallet', strict_min_version: '128.0' } } }
      : {}),
  }),
});
