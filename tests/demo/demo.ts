// npm run demo: the product on the devnet in one command.
// Builds the extension, starts the seeded devnet on 127.0.0.1:8545, serves the demo restaking dApp, and opens
// Chromium with Ballast loaded and the demo accounts imported. Without a display it sets everything up headless,
// checks that the wallet reads the devnet, and prints how to load the extension by hand.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDevnet } from '../devnet/devnet';
import { describeDemo } from '../devnet/seed/demo';
import { clearDevnetState, writeDevnetState } from '../devnet/state-file';
import { DEV_MNEMONIC } from '../devnet/context';
import { launchBallast, sendProtocol, CHROMIUM_PATH, EXTENSION_DIR } from '../e2e/harness';
import { startDemoServer, demoConfig } from './serve';

const DEMO_PASSWORD = 'ballast-demo';
const root = resolve(import.meta.dirname, '../..');
const arg = (name: string) => process.argv.includes(name);
const log = (line: string) => process.stderr.write(line + '\n');

function buildExtension() {
  if (arg('--no-build') && existsSync(join(EXTENSION_DIR, 'manifest.json'))) return;
  // The test build: the production build plus the devnet network the demo runs on (a plain wxt build has none).
  log('Building the extension (BALLAST_BUILD=test wxt build)…');
  const env = { ...process.env, BALLAST_BUILD: 'test' };
  const result = spawnSync('npx', ['wxt', 'build'], { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error('wxt build failed: see the output above');
}

async function main() {
  buildExtension();
  const portIndex = process.argv.indexOf('--port');
  const port = portIndex === -1 ? 8545 : Number(process.argv[portIndex + 1]);
  log(`Starting the devnet on 127.0.0.1:${port}…`);
  const devnet = await startDevnet({ port });
  writeDevnetState({ rpcUrl: devnet.rpcUrl, port: devnet.port, pid: process.pid, startedAt: new Date().toISOString() });
  const dapp = await startDemoServer({ config: demoConfig({ operator: devnet.info.operator as `0x${string}` }) });

  const display = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !arg('--headless');
  let close: (() => Promise<void>) | undefined;
  if (existsSync(CHROMIUM_PATH)) {
    const ballast = await launchBallast({ devnetRpcUrl: devnet.rpcUrl, headless: !display });
    close = () => ballast.close();
    const page = await ballast.openPopup();
    const imported = await sendProtocol(page, 'wallet:importMnemonic', { mnemonic: DEV_MNEMONIC, password: DEMO_PASSWORD });
    if (!imported.ok) throw new Error(`Importing the demo mnemonic failed: ${imported.error.message}`);
    // Demo accounts are HD indexes 1–3 of the dev mnemonic; index 0 is the funded deployer.
    for (let i = 0; i < 3; i++) await sendProtocol(page, 'accounts:add', { name: `Demo ${i + 1}` });
    await page.reload();
    const dappPage = await ballast.context.newPage();
    await dappPage.goto(dapp.url);
    log(display ? 'Chromium is open with Ballast and the demo dApp.' : 'Ballast is running headless (no display found).');
  } else {
    log(`Chromium not found at ${CHROMIUM_PATH} (apt-get install -y chromium): load the extension by hand as below.`);
  }

  process.stdout.write(
    JSON.stringify({ rpcUrl: devnet.rpcUrl, dapp: dapp.url, extension: EXTENSION_DIR, password: DEMO_PASSWORD }, null, 2) + '\n',
  );
  log(
    [
      '',
      `Devnet: ${devnet.rpcUrl} (chain id 1) · demo dApp: ${dapp.url}`,
      ...describeDemo(devnet.info.demoAccounts),
      'To use your own browser: chrome://extensions → Developer mode → Load unpacked → ' + EXTENSION_DIR,
      `then import the mnemonic "${DEV_MNEMONIC}" (dev only!) with any password;`,
      'the Networks screen has the devnet preset at http://127.0.0.1:8545.',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );

  const shutdown = async () => {
    clearDevnetState(process.pid);
    await close?.().catch(() => undefined);
    await dapp.stop();
    await devnet.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  if (arg('--check')) await shutdown();
}

main().catch((error: unknown) => {
  log(`demo: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
