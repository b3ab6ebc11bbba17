import type { Address } from 'viem';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import { startAnvil } from './anvil';
import { createContext, type DevnetContext } from './context';
import { seedDemo, type DemoAccount } from './seed/demo';
import { seedEigen, type EigenSeed } from './seed/eigen';
import { seedEns, type EnsSeed } from './seed/ens';
import { seedLrt, type LrtSeed } from './seed/lrt';
import { seedDefi, type DefiSeed } from './seed/defi';
import { seedSymbioticRegistry, type SymbioticModulesSeed } from './seed/symbiotic';
import { seedTokens, type TokensSeed } from './seed/tokens';
import { toJson } from './json';

/** Everything a person or a test needs to know about a running devnet. JSON-safe: bigints are decimal strings. */
export type DevnetInfo = {
  rpcUrl: string;
  chainId: number;
  /** Wall-clock time from spawning anvil to the last seed transaction. */
  readyInMs: number;
  tokens: TokensSeed['tokens'];
  contracts: TokensSeed['contracts'];
  feeds: Record<string, { address: Address; answer: string; decimals: number; description: string }>;
  /** Fair ETH per 1e18 token, read back through the registry after all seeding. */
  rates: Record<string, string>;
  /** Rates exactly as seedTokens set them (before demo deposits nudged them by rounding). */
  seededRates: Record<string, string>;
  eigen?: unknown;
  operator?: Address;
  defi?: unknown;
  demoAccounts: DemoAccount[];
  /** ENS doubles at the mainnet addresses and the names they resolve. */
  ens?: EnsSeed;
  /** The stakers, operators and AVSs behind rsETH, ezETH and pufETH (seed/lrt.ts). */
  lrt?: LrtSeed;
  /** Doubles at every Symbiotic vault of lib/restaking/symbiotic-registry.ts, with the modules placed for each. */
  symbiotic?: SymbioticModulesSeed[];
};

export type Devnet = { rpcUrl: string; port: number; chainId: number; ctx: DevnetContext; info: DevnetInfo; stop(): Promise<void> };

/** Starts anvil (chain id 1) and, unless seed is false, places and seeds every double plus the demo accounts. */
/**
 * `symbiotic`: also place doubles at every Symbiotic / Mellow registry address (~180 set-up transactions); only the
 * devnet CLI (so `npm run smoke` passes against it) and the tests that read them ask for it.
 */
export async function startDevnet({
  port,
  seed = true,
  symbiotic = false,
}: { port?: number; seed?: boolean; symbiotic?: boolean } = {}): Promise<Devnet> {
  const started = performance.now();
  const anvil = await startAnvil({ port });
  const ctx = createContext(anvil.rpcUrl);
  try {
    const info: DevnetInfo = {
      rpcUrl: anvil.rpcUrl,
      chainId: 1,
      readyInMs: 0,
      tokens: {} as DevnetInfo['tokens'],
      contracts: {},
      feeds: {},
      rates: {},
      seededRates: {},
      demoAccounts: [],
    };
    if (seed) {
      const tokens = await seedTokens(ctx);
      const [eigen, defiSeed] = await seedOthers(ctx, tokens);
      info.lrt = await seedLrt(ctx);
      info.demoAccounts = await seedDemo(ctx, { eigen, defi: true });
      info.ens = await seedEns(ctx);
      if (symbiotic) info.symbiotic = await seedSymbioticRegistry(ctx);
      Object.assign(info, {
        tokens: tokens.tokens,
        contracts: tokens.contracts,
        feeds: toJson(tokens.feeds),
        seededRates: toJson(tokens.rates),
        eigen: toJson(eigen),
        operator: eigen.operator,
        defi: toJson(defiSeed),
      });
      const rates = await readFairRates(ctx.client);
      info.rates = Object.fromEntries(Object.entries(rates).map(([s, r]) => [s, r.ok ? r.rate.toString() : `error: ${r.error}`]));
    }
    info.readyInMs = Math.round(performance.now() - started);
    return { rpcUrl: anvil.rpcUrl, port: anvil.port, chainId: 1, ctx, info, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** EigenLayer + Symbiotic, then DeFi (Curve, Aave, Uniswap, Pendle), both on top of the token doubles. */
async function seedOthers(ctx: DevnetContext, tokens: TokensSeed): Promise<[EigenSeed, DefiSeed]> {
  const eigen = await seedEigen(ctx, tokens);
  const defi = await seedDefi(ctx, tokens);
  return [eigen, defi];
}
