import type { Client } from 'viem';
import { readEthUsd } from '../preview/fee-quote';
import type { StoredEthUsd } from '../storage';
import type { StoredNetwork } from '../storage/items';
import type { StoredBalances } from '../storage/balances';

/** The newest Chainlink ETH/USD among Home's stored reads for that chain. */
export function latestEthUsd(snapshots: Record<string, StoredBalances>, chainId: number): StoredEthUsd | undefined {
  return Object.values(snapshots)
    .filter((s) => s.chainId === chainId && s.ethUsd)
    .sort((a, b) => b.takenAt - a.takenAt)[0]?.ethUsd;
}

export type EthUsdSourceDeps = {
  snapshots: () => Promise<Record<string, StoredBalances>>;
  network: () => Promise<StoredNetwork>;
  client: () => Promise<Client>;
  now?: () => number;
  /** How long a fallback read is reused, ms. */
  reuseMs?: number;
};

/**
 * ETH/USD for other surfaces (the Portfolio's USD figures): Home's last stored read, else one read through
 * the same Chainlink reader Home uses, reused for a minute so repeated views do not each ask the RPC.
 */
export function createEthUsdSource(deps: EthUsdSourceDeps): () => Promise<StoredEthUsd | undefined> {
  const now = deps.now ?? Date.now;
  let cached: { chainId: number; at: number; value: StoredEthUsd | undefined } | undefined;
  return async () => {
    const { chainId } = await deps.network();
    const stored = latestEthUsd(await deps.snapshots(), chainId);
    if (stored) return stored;
    if (cached && cached.chainId === chainId && now() - cached.at < (deps.reuseMs ?? 60_000)) return cached.value;
    const r = await readEthUsd(await deps.client(), chainId);
    cached = { chainId, at: now(), value: 'ethUsd' in r ? r.ethUsd : undefined };
    return cached.value;
  };
}
