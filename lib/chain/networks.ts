import { AppError } from '../errors';
import type { NetworkState, StoredNetwork } from '../storage/items';
import type { Item } from '../storage/item';
import { DEVNET_IN_BUILD } from './build-flavour';
import { checkRpcUrlRule } from './rpc-url';

/**
 * Built-in networks. dApps and sites name a network by its chain id; `key` stays as the stable name the
 * popup uses, because a dev/test build lists a devnet twin beside a real network of the same chain id.
 */
export const MAINNET_KEY = 'mainnet';
export const DEVNET_KEY = 'devnet';

const real = (key: string, chainId: number, name: string, explorerUrl: string): StoredNetwork => ({
  key,
  chainId,
  name,
  rpcUrls: [],
  nativeSymbol: 'ETH',
  explorerUrl,
  builtIn: true,
});

/** Ethereum and the L2s where restaked tokens live; no RPC until the user sets one (onboarding, More → Networks). */
export const REAL_NETWORKS: readonly StoredNetwork[] = [
  real(MAINNET_KEY, 1, 'Ethereum', 'https://etherscan.io'),
  real('arbitrum', 42161, 'Arbitrum One', 'https://arbiscan.io'),
  real('base', 8453, 'Base', 'https://basescan.org'),
  real('optimism', 10, 'Optimism', 'https://optimistic.etherscan.io'),
  real('linea', 59144, 'Linea', 'https://lineascan.build'),
];

/** Local anvil nodes of `npm run devnet`, mainnet-shaped: each has the chain id of the network it stands in for. */
const devnet = (key: string, chainId: number, name: string, rpcUrl: string): StoredNetwork => ({
  key,
  chainId,
  name,
  rpcUrls: [rpcUrl],
  nativeSymbol: 'ETH',
  builtIn: true,
});

/**
 * Only builds made for development, tests, the bench and the demo list the devnets (see build-flavour.ts): in a
 * production build this branch is folded away with its URLs (written out whole, so the build-flavours test can
 * look for them), so no local node can pose as chain 1 or an L2 there.
 * Listed first: a chain id a dApp asks for resolves to the first network with it, so a devnet shadows its real
 * twin for sites (the twin stays listed for the popup, which picks by key).
 */
export const BUILT_IN_NETWORKS: readonly StoredNetwork[] = DEVNET_IN_BUILD
  ? [
      devnet(DEVNET_KEY, 1, 'Ballast devnet', 'http://127.0.0.1:8545'),
      devnet('devnet-arbitrum', 42161, 'Ballast devnet (Arbitrum)', 'http://127.0.0.1:8546'),
      devnet('devnet-base', 8453, 'Ballast devnet (Base)', 'http://127.0.0.1:8547'),
      ...REAL_NETWORKS,
    ]
  : REAL_NETWORKS;

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

  async function state(): Promise<NetworkState> {
    const stored = await deps.item.getValue();
    if (!stored) return { networks: builtIns.networks.map(copy), activeKey: builtIns.activeKey };
    const networks = mergeBuiltIns(stored.networks, builtIns.networks);
    // An active custom network folded into a built-in (same chain id) stays active as that built-in.
    const wasActive = stored.networks.find((n) => n.key === stored.activeKey);
    const activeKey = networks.some((n) => n.key === stored.activeKey)
      ? stored.activeKey
      : (networks.find((n) => n.chainId === wasActive?.chainId && wasActive.builtIn === false)?.key ?? builtIns.activeKey);
    return { networks, activeKey };
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
    // One network per chain id for dApps: the first listed (a devnet before its real twin in dev/test builds).
    return s.networks.find((n) => n.chainId === ref.chainId);
  }

  return {
    state,
    active,
    async list(): Promise<{ networks: NetworkView[]; activeChainId: number; activeKey: string }> {
      const s = await state();
      const a = await active();
      return { networks: s.networks.map(toNetworkView), activeChainId: a.chainId, activeKey: a.key };
    },
    /** The network a dApp means by this chain id (see find), or undefined when none is configured. */
    async findByChainId(chainId: number): Promise<StoredNetwork | undefined> {
      return find(await state(), { chainId });
    },
    /**
     * The network a transaction on this chain goes through (Activity following it, its speed-up or cancel): the
     * wallet's network when it is on that chain (a devnet twin or its real network, as the user picked), else the
     * network dApps mean by that chain id (see find); undefined when no network has it.
     */
    async forChain(chainId: number): Promise<StoredNetwork | undefined> {
      const a = await active();
      return a.chainId === chainId ? a : find(await state(), { chainId });
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

const copy = (n: StoredNetwork): StoredNetwork => ({ ...n, rpcUrls: [...n.rpcUrls] });

/**
 * The stored list brought up to this build: built-ins in this build's order with their names and explorers
 * from code and the user's RPC URLs from storage (a built-in added by a later release appears); a built-in
 * this build does not have (the devnet, saved by a dev or test build of the same profile) is gone. A custom
 * network with a built-in's chain id (a site added Optimism before it was built in) folds into the built-in,
 * its RPC URLs kept when the built-in has none, so each chain id names one network.
 */
export function mergeBuiltIns(stored: readonly StoredNetwork[], builtIns: readonly StoredNetwork[]): StoredNetwork[] {
  const builtInChains = new Set(builtIns.map((n) => n.chainId));
  const merged = builtIns.map((b) => {
    const saved = stored.find((n) => n.builtIn && n.key === b.key);
    const folded = stored.find((n) => !n.builtIn && n.chainId === b.chainId && n.rpcUrls.length > 0);
    const rpcUrls = saved?.rpcUrls.length ? saved.rpcUrls : (folded?.rpcUrls ?? (saved ? [] : b.rpcUrls));
    return { ...b, rpcUrls: [...rpcUrls] };
  });
  const custom = stored.filter((n) => !n.builtIn && !builtInChains.has(n.chainId)).map(copy);
  return [...merged, ...custom];
}
