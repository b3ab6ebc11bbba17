import type { Address } from 'viem';
import type { History } from '../tracker/history';
import type { TrackerStateView } from '../tracker/tracker';

/**
 * What the popup's Portfolio reads: the tracker's stored snapshot (bigints as decimal strings), its
 * freshness (stale data is never shown as fresh), the chart history and who the accounts are.
 * Type-only imports: messaging still has no runtime dependency on the tracker.
 */
export type PortfolioView = TrackerStateView & {
  history: History;
  /** The visible accounts being tracked, watch-only ones labelled. */
  accounts: { address: Address; name: string; watchOnly: boolean }[];
  /** A refresh is running right now (the popup shows "Reading N accounts…"). */
  refreshing: boolean;
  /** The active network's RPC URLs, so an error can say which one failed. */
  network: { name: string; rpcUrls: string[] };
};
