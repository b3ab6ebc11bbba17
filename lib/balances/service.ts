import type { Address, Client } from 'viem';
import { AppError, serializeError } from '../errors';
import { sameAddress } from '../format';
import type { StoredNetwork, WatchedAsset } from '../storage';
import type { StoredBalances, StoredCustomToken } from '../storage/balances';
import { readCustomTokenAddress, readTokenMetadata, type TokenMetadata } from './custom-token';
import { readBalances, readEthBalances, type EthBalanceRead } from './read';
import { homeTokens } from './token-list';

/** What Home shows: the last stored read of the selected account on the active network, and how it stands. */
export type HomeBalancesView = {
  account: Address | null;
  network: { name: string; chainId: number };
  /** The last read, shown at once; null before the first one. */
  snapshot: StoredBalances | null;
  /** A read is running now (the numbers shown are the previous ones). */
  refreshing: boolean;
  /** Why the last read failed (the snapshot, if any, is older). */
  lastError?: { message: string; details?: string };
};

type Item<T> = { getValue(): Promise<T>; setValue(value: T): Promise<void> };

export type BalancesServiceDeps = {
  network: () => Promise<StoredNetwork>;
  selectedAddress: () => Promise<Address | undefined>;
  /** The active network's interactive client (Multicall3 batching, one JSON-RPC batch per tick). */
  client: () => Promise<Client>;
  watched: Item<WatchedAsset[]>;
  custom: Item<StoredCustomToken[]>;
  snapshots: Item<Record<string, StoredBalances>>;
  onChange: () => void;
  now?: () => number;
};

/** Snapshots kept (accounts × networks); the oldest go first. */
export const MAX_SNAPSHOTS = 20;

const keyOf = (network: StoredNetwork, account: Address) => `${network.key}:${account.toLowerCase()}`;

/**
 * Home's balances: `view` answers the stored snapshot without touching the chain (Home paints it at once),
 * `refresh` reads the chain and stores the new snapshot; `addToken` reads a typed address's ERC-20 metadata and
 * keeps it per chain. Concurrent refreshes of one account share a read.
 */
export function createBalancesService(deps: BalancesServiceDeps) {
  const now = deps.now ?? Date.now;
  const inFlight = new Map<string, Promise<void>>();
  const errors = new Map<string, { message: string; details?: string }>();

  async function context() {
    const [network, account] = await Promise.all([deps.network(), deps.selectedAddress()]);
    return { network, account: account ?? null };
  }

  async function view(): Promise<HomeBalancesView> {
    const { network, account } = await context();
    const base = { account, network: { name: network.name, chainId: network.chainId } };
    if (!account) return { ...base, snapshot: null, refreshing: false };
    const key = keyOf(network, account);
    const stored = (await deps.snapshots.getValue())[key];
    const snapshot = stored && stored.chainId === network.chainId ? stored : null;
    const lastError = errors.get(key);
    return { ...base, snapshot, refreshing: inFlight.has(key), ...(lastError ? { lastError } : {}) };
  }

  async function tokensFor(chainId: number) {
    const [watched, custom] = await Promise.all([deps.watched.getValue(), deps.custom.getValue()]);
    return homeTokens(chainId, watched, custom);
  }

  async function read(network: StoredNetwork, account: Address, key: string): Promise<void> {
    try {
      const [client, tokens] = await Promise.all([deps.client(), tokensFor(network.chainId)]);
      const r = await readBalances(client, { account, chainId: network.chainId, tokens });
      const snapshot: StoredBalances = {
        networkKey: network.key,
        chainId: network.chainId,
        account,
        blockNumber: r.blockNumber.toString(),
        takenAt: now(),
        rows: r.rows,
        totalEth: r.totalEth.toString(),
        totalUsd: r.totalUsd?.toString() ?? null,
        usdDecimals: r.usdDecimals,
        ...(r.ethUsd ? { ethUsd: r.ethUsd } : {}),
        ...(r.ethUsdError ? { ethUsdError: r.ethUsdError } : {}),
      };
      const all = { ...(await deps.snapshots.getValue()), [key]: snapshot };
      const kept = Object.entries(all)
        .sort(([, a], [, b]) => b.takenAt - a.takenAt)
        .slice(0, MAX_SNAPSHOTS);
      await deps.snapshots.setValue(Object.fromEntries(kept));
      errors.delete(key);
    } catch (error) {
      const e = serializeError(error);
      errors.set(key, { message: e.message, ...(e.details ? { details: e.details } : {}) });
    }
  }

  async function refresh(): Promise<HomeBalancesView> {
    const { network, account } = await context();
    if (!account) return view();
    const key = keyOf(network, account);
    let running = inFlight.get(key);
    if (!running) {
      running = read(network, account, key).finally(() => {
        inFlight.delete(key);
        deps.onChange();
      });
      inFlight.set(key, running);
      deps.onChange();
    }
    await running;
    return view();
  }

  /** Reads the token at the typed address and stores it for the active chain; Home reads its balance next. */
  async function addToken(addressText: string): Promise<TokenMetadata> {
    const network = await deps.network();
    const listed = await tokensFor(network.chainId);
    const address = readCustomTokenAddress(addressText, listed);
    const meta = await readTokenMetadata(await deps.client(), address, network.name);
    const custom = await deps.custom.getValue();
    // Read again after the chain answered: a second add of the same address meanwhile must not store it twice.
    readCustomTokenAddress(address, homeTokens(network.chainId, await deps.watched.getValue(), custom));
    await deps.custom.setValue([...custom, { chainId: network.chainId, ...meta, addedAt: now() }]);
    deps.onChange();
    return meta;
  }

  /**
   * Takes a token a site or the user added off Home's list for the active chain (the registry's tokens always
   * stay), then reads the balances again so the stored snapshot no longer shows it.
   */
  async function removeToken(address: Address): Promise<HomeBalancesView> {
    const { chainId } = await deps.network();
    const other = (t: { chainId: number; address: string }) => t.chainId !== chainId || !sameAddress(t.address, address);
    const [watched, custom] = await Promise.all([deps.watched.getValue(), deps.custom.getValue()]);
    if (watched.every(other) && custom.every(other))
      throw new AppError('Not an added token', {
        code: 'token.not-removable',
        details: `${address} was not added by a site or by you on this network; the registry's tokens are always listed.`,
      });
    await Promise.all([deps.watched.setValue(watched.filter(other)), deps.custom.setValue(custom.filter(other))]);
    deps.onChange();
    return refresh();
  }

  /** ETH of addresses that are not (yet) accounts, e.g. the Ledger import's list, on the active network. */
  async function ethOf(addresses: readonly Address[]): Promise<EthBalanceRead[]> {
    return readEthBalances(await deps.client(), addresses);
  }

  return { view, refresh, addToken, removeToken, ethOf };
}

export type BalancesService = ReturnType<typeof createBalancesService>;
