import type { DevnetContext } from '../context';
import type { TokensSeed } from './tokens';

/**
 * THE single place where the DeFi seed (tests/devnet/seed/defi.ts, written separately) is wired in.
 * It is loaded by a computed specifier so the devnet runs before that module exists; once it is
 * committed this can become a static import with no other change.
 */
export type DefiSeedModule = {
  seedDefi?: (ctx: DevnetContext, tokens: TokensSeed) => Promise<unknown>;
  depegToken?: (ctx: DevnetContext, token: string, percent: number) => Promise<unknown>;
  /** Optional demo positions: Aave supply / Curve LP for one account. */
  seedDemoPositions?: (ctx: DevnetContext, account: `0x${string}`) => Promise<unknown>;
};

export async function loadDefiSeed(): Promise<DefiSeedModule | undefined> {
  const specifier = ['.', 'defi'].join('/');
  try {
    return (await import(/* @vite-ignore */ specifier)) as DefiSeedModule;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module|Failed to load|does not exist/.test(String(error))) return undefined;
    throw error;
  }
}
