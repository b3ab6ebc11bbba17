import { AppError } from '../errors';
import type { NetworkState, StoredNetwork } from '../storage/items';
import type { Item } from '../storage/item';

/** Built-in networks. The devnet is also chain id 1 (mainnet-shaped), so networks are keyed by `key`. */
export const MAINNET_KEY = 'mainnet';
export const DEVNET_KEY = 'devnet';
export const DEVNET_RPC_URL = 'http://127.0.0.1:8545';

export const BUILT_IN_NETWORKS: StoredNetwork[] = [
  { key: DEVNET_KEY, chainId: 1, name: 'Ballast devnet', rpcUrls: [DEVNET_RPC_URL], nativeSymbol: 'ETH', builtIn: true },
  { key: MAINNET_KEY, chainId: 1, name: 'Ethereum', rpcUrls: [], nativeSymbol: 'ETH', explorerUrl: 'https://etherscan.io', builtIn: true },
];

/** Only http(s) endpoints; anything else (javascript:, file:, ws without support) is refused with a reason. */
export function validateRpcUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new AppError('Invalid RPC URL', { details: `"${input}" is not a URL. Use an http:// or https:// address.`, code: 'rpc.bad-url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('Unsupported RPC URL scheme', { details: `Use http:// or https:// (got ${url.protocol}).`, code: 'rpc.bad-url' });
  }
  if (url.username || url.password) {
    throw new AppError('RPC URL must not embed credentials', {
      details: 'Put API keys in the path or query, as your provider documents.',
      code: 'rpc.bad-url',
    });
  }
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

export function createNetworkService(deps: { item: Item<NetworkState | null>; onChange?: (chainChanged: boolean) => void }) {
  async function state(): Promise<NetworkState> {
    const stored = await deps.item.getValue();
    if (stored && stored.networks.length > 0) return stored;
    return { networks: BUILT_IN_NETWORKS.map((n) => ({ ...n, rpcUrls: [...n.rpcUrls] })), activeKey: DEVNET_KEY };
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
