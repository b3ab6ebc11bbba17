import { defineConfig } from 'wxt';
import tailwindcss from '@tailwindcss/vite';

// Manifest permissions are kept to what the wallet truly uses:
// storage (vault, settings, snapshots), alarms (refresh, auto-lock), notifications (alerts).
// No host_permissions: RPC endpoints answer CORS; content scripts are declared per entrypoint.
export default defineConfig({
  // BALLAST_OUT_DIR lets parallel browser-test runs build into separate folders (default .output).
  outDir: process.env.BALLAST_OUT_DIR ?? '.output',
  modules: ['@wxt-dev/module-react'],
  vite: () => ({
    plugins: [tailwindcss()],
    build: { target: 'es2022' },
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
