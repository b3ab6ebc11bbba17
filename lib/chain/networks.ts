import { AppError } from '../errors';
import type { NetworkState, StoredNetwork } from '../storage/items';
import type { Item } from '../storage/item';
import { DEVNET_IN_BUILD } from './build-flavour';
import { checkRpcUrlRule } from './rpc-url';

/** Built-in networks. The devnet is also chain id 1 (mainnet-shaped), so networks are keyed by `key`. */
export const MAINNET_KEY = 'mainnet';
export const DEVNET_KEY = 'devnet';

const MAINNET: StoredNetwork = {
  key: MAINNET_KEY,
  chainId: 1,
  name: 'Ethereum',
  rpcUrls: [],
  nativeSymbol: 'ETH',
  explorerUrl: 'https://etherscan.io',
  builtIn: true,
};

/**
 * Only builds made for development, tests, the bench and the demo list the devnet (see build-flavour.ts): in a
 * production build this branch is folded away with its URL, so no local node can pose as chain 1 there, and
 * Ethereum starts without an RPC until the user picks one (onboarding asks).
 */
export const BUILT_IN_NETWORKS: readonly StoredNetwork[] = DEVNET_IN_BUILD
  ? [
      { key: DEVNET_KEY, chainId: 1, name: 'Ballast devnet', rpcUrls: ['http://127.0.0.1:8545'], nativeSymbol: 'ETH', builtIn: true },
      MAINNET,
    ]
  : [MAINNET];

/** The network active on first run: the devnet where the build has one, else Ethereum. */
export const DEFAULT_ACTIVE_KEY = DEVNET_IN_BUILD ? DEVNET_KEY : MAINNET_KEY;

/** Applies checkRpcUrlRule (https, or http to this computer; no credentials) and normalises the URL, or throws why not. */
export function validateRpcUrl(input: string): string {
  const checked = checkRpcUrlRule(input);
  if (!checked.ok) throw new AppError('Invalid RPC URL', { details: checked.reason, code: 'rpc.bad-url' });
  const url = checked.url;
  // URL adds a '/' to a bare host; drop it so 'http://127.0.0.1:8545' round-trips as typed.
  return url.pathname === '/' && !url.search && !url.hash ? url.href.slice(0, -1) : url.href;
}

/** A network as the Networks screen lists it. */
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

export function toNetworkView(n: StoredNetwork): NetworkView {
  return {
    chainId: n.chainId,
    name: n.name,
    rpcUrls: [...n.rpcUrls],
    nativeSymbol: n.nativeSymbol,
    explorerUrl: n.explorerUrl,
    builtIn: n.builtIn,
    key: n.key,
  };
}

export type NetworkService = ReturnType<typeof createNetworkService>;

export type NetworkServiceDeps = {
  item: Item<NetworkState | null>;
  onChange?: (chainChanged: boolean) => void;
  /** This build's built-in networks and first active one; tests pass the production list to check it. */
  builtIns?: { networks: readonly StoredNetwork[]; activeKey: string };
};

export function createNetworkService(deps: NetworkServiceDeps) {
  const builtIns = deps.builtIns ?? { networks: BUILT_IN_NETWORKS, activeKey: DEFAULT_ACTIVE_KEY };
  const isBuiltIn = (key: string) => builtIns.networks.some((n) => n.key === key);

  async function state(): Promise<NetworkState> {
    const stored = await deps.item.getValue();
    // A built-in this build does not have (the devnet, saved by a dev or test build of the same profile) is gone.
    const networks = stored?.networks.filter((n) => !n.builtIn || isBuiltIn(n.key)) ?? [];
    if (stored && networks.length > 0) {
      const activeKey = networks.some((n) => n.key === stored.activeKey) ? stored.activeKey : networks[0]!.key;
      return { networks, activeKey };
    }
    return { networks: builtIns.networks.map((n) => ({ ...n, rpcUrls: [...n.rpcUrls] })), activeKey: builtIns.activeKey };
  }

  async function save(next: NetworkState, chainChanged: boolean) {
    await deps.item.setValue(next);
    deps.onChange?.(chainChanged);
  }

  async function active(): Promise<StoredNetwork> {
    const s = await state();
    const found = s.networks.find((n) => n.key === s.activeKey) ?? s.networks[0];
    if (!found) throw new AppError('No network configured', { details: 'Add a network in Settings → Networks.' });
    return found;
  }

  function find(s: NetworkState, ref: { key?: string; chainId?: number }): StoredNetwork | undefined {
    if (ref.key) return s.networks.find((n) => n.key === ref.key);
    // Prefer the active network when several share a chain id (devnet and mainnet are both 1).
    const sameChain = s.networks.filter((n) => n.chainId === ref.chainId);
    return sameChain.find((n) => n.key === s.activeKey) ?? sameChain[0];
  }

  return {
    state,
    active,
    async list(): Promise<{ networks: NetworkView[]; activeChainId: number; activeKey: string }> {
      const s = await state();
      const a = await active();
      return { networks: s.networks.map(toNetworkView), activeChainId: a.chainId, activeKey: a.key };
    },
    async findByChainId(chainId: number): Promise<StoredNetwork | undefined> {
      return find(await state(), { chainId });
    },
    async setRpcUrls(ref: { key?: string; chainId?: number }, rpcUrls: string[]): Promise<true> {
      const s = await state();
      const target = find(s, ref);
      if (!target) throw new AppError('Unknown network', { details: 'Pick a network from the list.', code: 'network.unknown' });
      const urls = [...new Set(rpcUrls.map(validateRpcUrl))];
      if (urls.length === 0)
        throw new AppError('At least one RPC URL is needed', {
          details: 'Enter the http(s) URL of an Ethereum node.',
          code: 'rpc.bad-url',
        });
      await save({ ...s, networks: s.networks.map((n) => (n === target ? { ...n, rpcUrls: urls } : n)) }, false);
      return true;
    },
    /** Switches by key or chain id; returns whether the chain id seen by dApps changed. */
    async switchTo(ref: { key?: string; chainId?: number }): Promise<boolean> {
      const s = await state();
      const target = find(s, ref);
      if (!target)
        throw new AppError('Unknown network', {
          details: `Chain ${ref.chainId ?? ref.key} is not configured. Add it first.`,
          code: 'network.unknown',
        });
      const before = await active();
      const chainChanged = before.chainId !== target.chainId;
      await save({ ...s, activeKey: target.key }, chainChanged);
      return chainChanged;
    },
    async add(network: Omit<StoredNetwork, 'key' | 'builtIn'>): Promise<StoredNetwork> {
      const s = await state();
      const rpcUrls = network.rpcUrls.map(validateRpcUrl);
      if (rpcUrls.length === 0) throw new AppError('At least one RPC URL is needed', { code: 'rpc.bad-url' });
      const existing = s.networks.find((n) => n.chainId === network.chainId && !n.builtIn);
      const stored: StoredNetwork = { ...network, rpcUrls, key: existing?.key ?? `chain-${network.chainId}`, builtIn: false };
      const networks = existing ? s.networks.map((n) => (n === existing ? stored : n)) : [...s.networks, stored];
      await save({ ...s, networks }, false);
      return stored;
    },
  };
}
