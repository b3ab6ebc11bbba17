import type { Address, Hex } from 'viem';
import type { SerializedError } from '../errors';

/** Views the background hands to extension pages. Structured-clone safe: bigints travel as decimal strings. */

export type AccountKind = 'hd' | 'imported' | 'watch';

export type AccountView = {
  address: Address;
  name: string;
  kind: AccountKind;
  hidden: boolean;
  /** HD index for kind 'hd'. */
  index?: number;
};

export type WalletStatus = 'uninitialized' | 'locked' | 'unlocked';

export type WalletStateView = {
  status: WalletStatus;
  accounts: AccountView[];
  selectedAddress?: Address;
  chainId: number;
  autoLockMinutes: number;
  /** True until the user passed the mnemonic backup check. */
  backupPending: boolean;
  pendingCount: number;
};

export type SiteView = {
  origin: string;
  accounts: Address[];
  connectedAt: number;
};

export type PendingKind = 'connect' | 'transaction' | 'signature' | 'batch' | 'addChain' | 'switchChain' | 'watchAsset' | 'unlock';

export type PendingRequestView = {
  id: string;
  origin: string;
  kind: PendingKind;
  method: string;
  /** JSON-safe params as the dApp sent them (after validation). */
  params: unknown;
  createdAt: number;
  chainId: number;
};

export type NetworkView = {
  chainId: number;
  name: string;
  rpcUrls: string[];
  nativeSymbol: string;
  explorerUrl?: string;
  builtIn: boolean;
  /** Stable id of the network: the devnet and mainnet share chain id 1. Pass it to networks:switch / networks:setRpcUrls. */
  key?: string;
};

export type ActivityStatus = 'pending' | 'confirmed' | 'failed';

export type ActivityItem = {
  hash: Hex;
  from: Address;
  to?: Address;
  /** wei, decimal string */
  value: string;
  chainId: number;
  status: ActivityStatus;
  submittedAt: number;
  origin: string;
  blockNumber?: string;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: SerializedError };
