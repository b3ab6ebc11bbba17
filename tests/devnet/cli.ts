// npm run devnet [-- --port N]: a seeded mainnet-shaped devnet for the wallet and the demo.
// Prints DevnetInfo as JSON on stdout (progress goes to stderr), runs until SIGINT/SIGTERM.
import { startDevnet } from './devnet';
import { describeDemo } from './seed/demo';
import { clearDevnetState, DEVNET_STATE_FILE, writeDevnetState } from './state-file';

function parsePort(argv: string[]): number {
  const i = argv.indexOf('--port');
  if (i === -1) return 8545;
  const text = argv[i + 1] ?? '';
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65535) throw new Error(`--port must be a whole number in [1, 65535]; got "${text}"`);
  return port;
}

async function main() {
  const port = parsePort(process.argv.slice(2));
  const devnet = await startDevnet({ port, symbiotic: true });
  writeDevnetState({ rpcUrl: devnet.rpcUrl, port: devnet.port, pid: process.pid, startedAt: new Date().toISOString() });
  process.stdout.write(JSON.stringify(devnet.info, null, 2) + '\n');
  process.stderr.write(
    [
      `devnet ready on ${devnet.rpcUrl} (chain id 1) in ${devnet.info.readyInMs} ms; state in ${DEVNET_STATE_FILE}`,
      ...describeDemo(devnet.info.demoAccounts),
      'Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const shutdown = async () => {
    clearDevnetState(process.pid);
    await devnet.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`devnet: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
