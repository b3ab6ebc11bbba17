import { createPublicClient, http } from 'viem';
import { getChainId } from 'viem/actions';
import { mainnet } from 'viem/chains';
import { checkRegistry, formatTable } from './check-registry';
import { checkL2Registry, formatL2Table } from './check-l2';
import { L2_CHAIN_IDS, type L2ChainId } from '../../lib/restaking/l2';

/**
 * npm run smoke -- --rpc <url> [--json]
 * Reads every registry entry of the chain the RPC reports (Ethereum's registry on chain id 1, lib/restaking/l2's on
 * Arbitrum One, Base, OP Mainnet and Linea); exit 0 when all pass, 1 when any fails, 2 on bad input
 * or an RPC that does not answer.
 */
const USAGE = 'Usage: npm run smoke -- --rpc <http(s) URL of an Ethereum, Arbitrum One, Base, OP Mainnet or Linea RPC> [--json]';

function parseArgs(argv: readonly string[]): { rpc: string; json: boolean } | { error: string } {
  let rpc: string | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--rpc') rpc = argv[++i];
    else if (arg.startsWith('--rpc=')) rpc = arg.slice('--rpc='.length);
    else return { error: `Unknown argument "${arg}".` };
  }
  if (!rpc) return { error: 'Missing --rpc <url>.' };
  let url: URL;
  try {
    url = new URL(rpc);
  } catch {
    return { error: `--rpc "${rpc}" is not a URL.` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: `--rpc must be an http(s) URL, got "${url.protocol}".` };
  return { rpc, json };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ('error' in args) {
    console.error(`${args.error}\n${USAGE}`);
    return 2;
  }
  // batch: the per-token eth_getCode calls travel in one HTTP request.
  const client = createPublicClient({ chain: mainnet, transport: http(args.rpc, { batch: true, retryCount: 1, timeout: 30_000 }) });
  let chainId: number;
  try {
    chainId = await getChainId(client);
  } catch (error) {
    console.error(
      `The RPC at ${args.rpc} did not answer eth_chainId: ${(error as Error).message.split('\n')[0]}\nCheck the URL, your API key and the network.`,
    );
    return 2;
  }
  if ((L2_CHAIN_IDS as readonly number[]).includes(chainId)) {
    const l2 = await checkL2Registry(client, chainId as L2ChainId);
    console.log(args.json ? JSON.stringify({ rpc: args.rpc, ...l2 }, null, 2) : formatL2Table(l2));
    return l2.ok ? 0 : 1;
  }
  if (chainId !== 1)
    console.error(`Warning: the RPC reports chain id ${chainId}; the registry holds Ethereum mainnet (chain id 1) addresses.`);
  const report = { ...(await checkRegistry(client, args.rpc)), chainId };
  console.log(args.json ? JSON.stringify(report, null, 2) : formatTable(report));
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Smoke check failed: ${(error as Error).message}`);
    process.exit(2);
  },
);
