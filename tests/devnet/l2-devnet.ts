import type { Chain, Hex } from 'viem';
import { arbitrum, base } from 'viem/chains';
import { L2_CHAINS } from '../../lib/restaking/l2';
import { startAnvil } from './anvil';
import { createContext, type DevnetContext } from './context';
import { seedL2, type L1Rates, type L2Seed } from './seed/l2';

/** The L2s the devnet runs (issue #18 item 5): Arbitrum One and Base, each its own anvil with its real chain id. */
export const L2_DEVNET_CHAIN_IDS = [42161, 8453] as const;
export type L2DevnetChainId = (typeof L2_DEVNET_CHAIN_IDS)[number];

/** `npm run devnet` ports: the L1 on 8545, then Arbitrum One and Base. */
export const L2_DEVNET_PORTS: Record<L2DevnetChainId, number> = { 42161: 8546, 8453: 8547 };

const VIEM_CHAINS: Record<L2DevnetChainId, Chain> = { 42161: arbitrum, 8453: base };

export type L2DevnetInfo = L2Seed & { name: string; rpcUrl: string; readyInMs: number };
export type L2Devnet = {
  chainId: L2DevnetChainId;
  rpcUrl: string;
  port: number;
  ctx: DevnetContext;
  info: L2DevnetInfo;
  stop(): Promise<void>;
};

export const isL2DevnetChainId = (id: number): id is L2DevnetChainId => (L2_DEVNET_CHAIN_IDS as readonly number[]).includes(id);

/**
 * One L2 node: anvil with the chain's id, the doubles of lib/restaking/l2 at their real L2 addresses (seed/l2.ts), each
 * rate source answering `l1Rates` (pass the L1 devnet's fair rates so an un-lagged L2 rate equals L1's exactly).
 */
export async function startL2Devnet({
  chainId,
  port,
  l1Rates,
}: {
  chainId: L2DevnetChainId;
  port?: number;
  l1Rates?: L1Rates;
}): Promise<L2Devnet> {
  const started = performance.now();
  const anvil = await startAnvil({ port, chainId });
  const ctx = createContext(anvil.rpcUrl, VIEM_CHAINS[chainId]);
  try {
    const seed = await seedL2(ctx, chainId, l1Rates);
    const info: L2DevnetInfo = {
      ...seed,
      name: L2_CHAINS[chainId].name,
      rpcUrl: anvil.rpcUrl,
      readyInMs: Math.round(performance.now() - started),
    };
    return { chainId, rpcUrl: anvil.rpcUrl, port: anvil.port, ctx, info, stop: anvil.stop };
  } catch (error) {
    await anvil.stop();
    throw error;
  }
}

/** Every L2 of L2_DEVNET_CHAIN_IDS (or `chains`), in parallel; free ports unless `ports` says which. */
export async function startL2Devnets({
  chains = L2_DEVNET_CHAIN_IDS,
  ports,
  l1Rates,
}: { chains?: readonly L2DevnetChainId[]; ports?: Partial<Record<L2DevnetChainId, number>>; l1Rates?: L1Rates } = {}): Promise<L2Devnet[]> {
  const results = await Promise.allSettled(chains.map((chainId) => startL2Devnet({ chainId, port: ports?.[chainId], l1Rates })));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.all(results.map((r) => (r.status === 'fulfilled' ? r.value.stop() : undefined)));
    throw failed.reason;
  }
  return results.map((r) => (r as PromiseFulfilledResult<L2Devnet>).value);
}

/** L1 fair rates as DevnetInfo.rates holds them (decimal strings; an "error: …" entry is left out). */
export function l1RatesFromInfo(rates: Record<string, string>): L1Rates {
  return Object.fromEntries(
    Object.entries(rates)
      .filter(([, v]) => /^\d+$/.test(v))
      .map(([k, v]) => [k, BigInt(v)]),
  );
}

/**
 * For tests: snapshots every node given (L1 and L2 contexts alike) and returns the revert that puts them all back, so
 * each test starts from the seeded state — the L1 devnet tests' beforeEach/afterEach pattern over several chains.
 */
export async function snapshotAll(ctxs: readonly DevnetContext[]): Promise<() => Promise<void>> {
  const ids: Hex[] = await Promise.all(ctxs.map((c) => c.client.snapshot()));
  return async () => {
    await Promise.all(ctxs.map((c, i) => c.client.revert({ id: ids[i]! })));
  };
}
