// npm run devnet [-- --port N] [--no-l2]: a seeded mainnet-shaped devnet for the wallet and the demo, plus the L2 nodes
// (Arbitrum One 42161 on port N+1, Base 8453 on N+2; l2-devnet.ts) whose rates mirror its fair rates.
// Prints DevnetInfo (with `l2`) as JSON on stdout (progress goes to stderr), runs until SIGINT/SIGTERM.
import { formatEther } from 'viem';
import { startDevnet } from './devnet';
import { L2_DEVNET_CHAIN_IDS, l1RatesFromInfo, startL2Devnets, type L2Devnet } from './l2-devnet';
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
  const argv = process.argv.slice(2);
  const port = parsePort(argv);
  const withL2 = !argv.includes('--no-l2');
  const devnet = await startDevnet({ port, symbiotic: true });
  let l2: L2Devnet[] = [];
  try {
    // After the L1 is seeded: each L2 rate starts at the L1 fair rate exactly (no lag until a scenario makes one).
    if (withL2)
      l2 = await startL2Devnets({
        ports: Object.fromEntries(L2_DEVNET_CHAIN_IDS.map((id, i) => [id, port + 1 + i])),
        l1Rates: l1RatesFromInfo(devnet.info.rates),
      });
  } catch (error) {
    await devnet.stop();
    throw error;
  }
  const l2State = l2.map((n) => ({ chainId: n.chainId, name: n.info.name, rpcUrl: n.rpcUrl, port: n.port }));
  writeDevnetState({ rpcUrl: devnet.rpcUrl, port: devnet.port, pid: process.pid, startedAt: new Date().toISOString(), l2: l2State });
  process.stdout.write(JSON.stringify({ ...devnet.info, l2: l2.map((n) => n.info) }, null, 2) + '\n');
  process.stderr.write(
    [
      `devnet ready on ${devnet.rpcUrl} (chain id 1) in ${devnet.info.readyInMs} ms; state in ${DEVNET_STATE_FILE}`,
      ...l2.flatMap((n) => [
        `L2 ${n.info.name} on ${n.rpcUrl} (chain id ${n.chainId}) in ${n.info.readyInMs} ms`,
        ...n.info.demo.map(
          (d) =>
            `  ${d.address}: ${Object.entries(d.balances)
              .map(([s, wei]) => `${formatEther(BigInt(wei))} ${s}`)
              .join(', ')}`,
        ),
      ]),
      ...describeDemo(devnet.info.demoAccounts),
      'Ctrl-C to stop.',
      '',
    ].join('\n'),
  );
  const shutdown = async () => {
    clearDevnetState(process.pid);
    await Promise.all([devnet.stop(), ...l2.map((n) => n.stop())]);
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`devnet: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
