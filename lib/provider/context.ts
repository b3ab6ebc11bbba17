import type { Address, PublicClient } from 'viem';
import { sameAddress } from '../format';
import { providerErrors } from '@metamask/rpc-errors';
import type { NetworkService } from '../chain/networks';
import type { FlowStore } from '../flows/types';
import type { Item, StoredCallBundle, StoredNetwork, WatchedAsset } from '../storage';
import type { ActivityService } from '../wallet/activity';
import type { PermissionService } from '../wallet/permissions';
import type { WalletService } from '../wallet/wallet-service';
import type { DeviceBridge } from '../wallet/hardware/bridge';
import type { ApprovalQueue } from './approvals';

export type ProviderEvent = 'accountsChanged' | 'chainChanged' | 'connect' | 'disconnect';

export type ProviderRouterDeps = {
  wallet: WalletService;
  /** Where hardware accounts sign (an extension page asks the device); without it they cannot sign. */
  devices?: DeviceBridge;
  networks: NetworkService;
  permissions: PermissionService;
  approvals: ApprovalQueue;
  activity: ActivityService;
  callBundles: Item<StoredCallBundle[]>;
  /** Where wallet_sendCalls batches run as flows (resumable, nonce-safe); without it batches are sent one by one as before. */
  callFlows?: FlowStore;
  watchedAssets: Item<WatchedAsset[]>;
  /** Public client of the active network (built fresh from the user's RPC list). */
  client: () => Promise<PublicClient>;
  /** Public client of any network: a site on its own chain reads and sends there. Without it, `client` serves every site. */
  clientFor?: (network: StoredNetwork) => Promise<PublicClient>;
  /** Pushes an event to every connected port of the given origins ('*' = all). */
  emit: (origins: string[] | '*', event: ProviderEvent, data: unknown) => void;
  now?: () => number;
};

export type RequestContext = {
  /** From the Port sender, never from the page's message. */
  origin: string;
  method: string;
  params: unknown;
  /** origin + page request id, for re-attaching after a worker restart. */
  dedupeKey?: string;
};

export type MethodHandler = (ctx: RequestContext, deps: ProviderRouterDeps) => Promise<unknown>;

/**
 * The accounts a site sees: its permitted ones, the wallet's selected account first; none while locked.
 * Lowercase, as MetaMask reports them: dApps compare them with === against the lowercase addresses that
 * eth-sig-util's recover functions return (the MetaMask test dApp's personal_sign verification does).
 */
export async function accountsFor(origin: string, deps: ProviderRouterDeps): Promise<Address[]> {
  const permission = await deps.permissions.get(origin);
  if (!permission || (await deps.wallet.status()) !== 'unlocked') return [];
  const known = await deps.wallet.accounts();
  const accounts = permission.accounts.filter((a) => known.some((k) => sameAddress(k.address, a))).map(toPageAddress);
  const selected = (await deps.wallet.meta()).selectedAddress;
  const first = accounts.find((a) => sameAddress(a, selected));
  return first ? [first, ...accounts.filter((a) => a !== first)] : accounts;
}

/** An address as pages see it (lowercase hex, MetaMask's convention). */
export const toPageAddress = (address: string) => address.toLowerCase() as Address;

/** Throws 4100 unless `address` is connected to `origin` and the wallet is unlocked. */
export async function requireAuthorized(origin: string, address: Address, deps: ProviderRouterDeps): Promise<void> {
  const accounts = await accountsFor(origin, deps);
  if (!accounts.some((a) => sameAddress(a, address))) {
    throw providerErrors.unauthorized({
      message: `${address} is not connected to ${origin}, or the wallet is locked. Call eth_requestAccounts first.`,
    });
  }
}

export const toHexQuantity = (n: number | bigint) => `0x${n.toString(16)}`;
