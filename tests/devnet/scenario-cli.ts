// npm run scenario -- <name> [...args] [--rpc URL]: changes one thing on a running devnet, prints JSON of what changed.
import { createContext } from './context';
import {
  advance,
  depeg,
  finalize,
  parseFinalizeProtocol,
  parseOracleUpdateToken,
  oracleUpdate,
  parseNumber,
  parseToken,
  rebase,
  reprice,
  SCENARIO_USAGE,
  SCENARIOS,
  ScenarioInputError,
  list,
  parseOperator,
  parseSet,
  parseNetwork,
  parseSymbioticOperator,
  parseSymbioticVault,
  slash,
  symbioticLimit,
  symbioticSlash,
} from './scenarios';
import { readDevnetState, DEVNET_STATE_FILE } from './state-file';
import { l2RateLag, parseL2Chain, parseL2Token, parseRateLag } from './scenarios-l2';
import { l2Depeg } from './scenarios-l2-depeg';
import { L2_DEVNET_CHAIN_IDS } from './l2-devnet';
import { arbitrum, base } from 'viem/chains';

function takeRpc(argv: string[], flag = '--rpc'): { rpc?: string; rest: string[] } {
  const i = argv.indexOf(flag);
  if (i === -1) return { rest: argv };
  const rpc = argv[i + 1];
  if (!rpc || !/^https?:\/\//.test(rpc)) throw new ScenarioInputError(`${flag} needs an http(s) URL; got "${rpc ?? ''}"`);
  return { rpc, rest: [...argv.slice(0, i), ...argv.slice(i + 2)] };
}

/** The L2 node of `chainId`: --l2-rpc, else the one `npm run devnet` wrote to the state file. */
function l2RpcUrl(chainId: number, override: string | undefined): string {
  const url = override ?? readDevnetState()?.l2?.find((n) => n.chainId === chainId)?.rpcUrl;
  if (!url)
    throw new Error(
      `No L2 devnet for chain ${chainId}: start "npm run devnet" (it starts ${L2_DEVNET_CHAIN_IDS.join(', ')}) or pass --l2-rpc <url>`,
    );
  return url;
}

function needArgs(args: string[], count: number, name: string) {
  if (args.length !== count) throw new ScenarioInputError(`"${name}" takes ${count} argument(s), got ${args.length}`);
}

async function main() {
  const { rpc: l2Rpc, rest: argv } = takeRpc(process.argv.slice(2), '--l2-rpc');
  const { rpc, rest } = takeRpc(argv);
  const [name, ...args] = rest;
  if (!name || !(SCENARIOS as readonly string[]).includes(name)) {
    throw new ScenarioInputError(`Unknown scenario "${name ?? ''}". Allowed scenarios: ${SCENARIOS.join(', ')}`);
  }
  // Validate the arguments before touching the network, so bad input fails the same with or without a devnet.
  const run = (() => {
    switch (name) {
      case 'depeg': {
        needArgs(args, 2, name);
        const t = parseToken(args[0]);
        return (ctx: ReturnType<typeof createContext>) => depeg(ctx, t, args[1]!);
      }
      case 'rebase': {
        needArgs(args, 2, name);
        const t = parseToken(args[0]);
        return (ctx: ReturnType<typeof createContext>) => rebase(ctx, t, args[1]!);
      }
      case 'reprice': {
        needArgs(args, 2, name);
        const t = parseToken(args[0]);
        return (ctx: ReturnType<typeof createContext>) => reprice(ctx, t, args[1]!);
      }
      case 'slash': {
        if (args.length !== 2 && args.length !== 3) throw new ScenarioInputError(`"slash" takes 2 or 3 arguments, got ${args.length}`);
        const who = parseOperator(args[0]);
        const set = args.length === 3 ? parseSet(args[1]) : undefined;
        const fraction = args[args.length - 1]!;
        return (ctx: ReturnType<typeof createContext>) => slash(ctx, who, fraction, set);
      }
      case 'finalize': {
        needArgs(args, 1, name);
        const protocol = parseFinalizeProtocol(args[0]);
        return (ctx: ReturnType<typeof createContext>) => finalize(ctx, protocol);
      }
      case 'oracle-update': {
        needArgs(args, 1, name);
        const token = parseOracleUpdateToken(args[0]);
        return (ctx: ReturnType<typeof createContext>) => oracleUpdate(ctx, token);
      }
      case 'l2-rate-lag': {
        needArgs(args, 3, name);
        const chainId = parseL2Chain(args[0]);
        const token = parseL2Token(chainId, args[1]);
        const lag = parseRateLag(args[2]);
        const chain = chainId === 8453 ? base : arbitrum;
        return (ctx: ReturnType<typeof createContext>) =>
          l2RateLag(ctx, createContext(l2RpcUrl(chainId, l2Rpc), chain), chainId, token, lag);
      }
      case 'l2-depeg': {
        needArgs(args, 3, name);
        const chainId = parseL2Chain(args[0]);
        const token = parseL2Token(chainId, args[1]);
        const fraction = parseNumber(args[2], 'fraction', 0, 1);
        const chain = chainId === 8453 ? base : arbitrum;
        return (ctx: ReturnType<typeof createContext>) =>
          l2Depeg(ctx, createContext(l2RpcUrl(chainId, l2Rpc), chain), chainId, token, fraction);
      }
      case 'symbiotic-limit': {
        needArgs(args, 3, name);
        const [vault, network] = [parseSymbioticVault(args[0]), parseNetwork(args[1])];
        return (ctx: ReturnType<typeof createContext>) => symbioticLimit(ctx, vault, network, args[2]!);
      }
      case 'symbiotic-slash': {
        needArgs(args, args.length === 4 ? 4 : 3, name);
        const [vault, network] = [parseSymbioticVault(args[0]), parseNetwork(args[1])];
        const operator = args[3] === undefined ? undefined : parseSymbioticOperator(args[3]);
        return (ctx: ReturnType<typeof createContext>) => symbioticSlash(ctx, vault, network, args[2]!, operator);
      }
      case 'list': {
        needArgs(args, 0, name);
        process.stdout.write(JSON.stringify(list(), null, 2) + '\n');
        return null;
      }
      default:
        needArgs(args, 1, name);
        return (ctx: ReturnType<typeof createContext>) => advance(ctx, args[0]!);
    }
  })();
  if (run === null) return;
  preflight(name, args);
  const rpcUrl = rpc ?? readDevnetState()?.rpcUrl;
  if (!rpcUrl) throw new Error(`No devnet found: start one with "npm run devnet" (it writes ${DEVNET_STATE_FILE}) or pass --rpc <url>`);
  const result = await run(createContext(rpcUrl));
  process.stdout.write(JSON.stringify(result, null, 2) + '\n');
}

/** Checks number ranges up front (the scenario functions check again; this keeps errors network-free). */
function preflight(name: string, args: string[]) {
  if (name === 'depeg') parseNumber(args[1], 'percent', 0, 100);
  if (name === 'rebase') parseNumber(args[1], 'percent', -100, 100);
  if (name === 'reprice') parseNumber(args[1], 'newRate', 0, 100);
  if (name === 'slash') parseNumber(args[args.length - 1], 'fraction', 0, 1, { maxInclusive: true });
  if (name === 'symbiotic-slash') parseNumber(args[2], 'fraction', 0, 1, { maxInclusive: true });
  if (name === 'symbiotic-limit') parseNumber(args[2], 'amount', 0, 1e12, { maxInclusive: true });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`scenario: ${message}\n`);
  if (error instanceof ScenarioInputError)
    process.stderr.write(`\nUsage: npm run scenario -- <name> [args] [--rpc URL] [--l2-rpc URL]\n${SCENARIO_USAGE}\n`);
  process.exit(error instanceof ScenarioInputError ? 2 : 1);
});
