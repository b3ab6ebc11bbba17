import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import * as abis from '../../chain/abis';
import { L2_CHAIN_IDS, L2_CHAINS, hasBacking, l2Chain, l2Tokens, type L2Chain } from './registry';

const ASKED_CHAIN_IDS = [10, 8453, 42161, 59144];
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11';
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

const chains = (): L2Chain[] => Object.values(L2_CHAINS);

/** Every string in the structure that looks like an address, with the path where it sits. */
function addressesIn(value: unknown, path = ''): { path: string; address: string }[] {
  if (typeof value === 'string') return ADDRESS.test(value) ? [{ path, address: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => addressesIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => addressesIn(v, `${path}.${k}`));
  return [];
}

/** Every object in the structure that carries an address (or holder) field: each must say where it comes from. */
function addressedObjects(value: unknown, path = ''): { path: string; node: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => addressedObjects(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = ['address', 'holder', 'pool'].some((k) => typeof node[k] === 'string') ? [{ path, node }] : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => addressedObjects(v, `${path}.${k}`))];
}

describe('L2 restaking registry', () => {
  it('covers exactly Arbitrum One, Base, OP Mainnet and Linea, keyed by their chain ids', () => {
    expect([...L2_CHAIN_IDS].sort((a, b) => a - b)).toEqual(ASKED_CHAIN_IDS);
    expect(
      Object.keys(L2_CHAINS)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(ASKED_CHAIN_IDS);
    for (const [key, chain] of Object.entries(L2_CHAINS)) expect(chain.chainId).toBe(Number(key));
    expect(l2Chain(1)).toBeUndefined();
    expect(l2Chain(8453)?.name).toBe('Base');
  });

  it('stores every address as its EIP-55 checksum', () => {
    const found = addressesIn(L2_CHAINS);
    expect(found.length).toBeGreaterThan(60);
    const wrong = found.filter(({ address }) => getAddress(address.toLowerCase()) !== address);
    expect(wrong).toEqual([]);
  });

  it('gives every addressed entry a non-empty source, and every token a backing or a missing note', () => {
    const unsourced = addressedObjects(L2_CHAINS).filter(({ node }) => typeof node.source !== 'string' || node.source.trim().length < 10);
    expect(unsourced.map((u) => u.path)).toEqual([]);
    for (const chain of chains()) {
      for (const token of chain.tokens) {
        if (hasBacking(token)) expect(token.backing.chain).toBe(1);
        else expect((token.backing as { missing: string }).missing.length).toBeGreaterThan(20);
      }
      for (const note of chain.missing) expect(note.trim().length).toBeGreaterThan(20);
    }
  });

  it('has Multicall3 at its canonical address on every chain, and an ETH/USD feed and explorer', () => {
    for (const chain of chains()) {
      expect(chain.multicall3.address).toBe(MULTICALL3);
      expect(chain.multicall3.blockCreated).toBeGreaterThan(0);
      expect(chain.ethUsdFeed.address).toMatch(ADDRESS);
      expect(chain.ethUsdFeed.address).not.toBe(MULTICALL3);
      expect(chain.explorer).toMatch(/^https:\/\/[a-z.]+$/);
      expect(chain.nativeSymbol).toBe('ETH');
    }
  });

  it('lists each token address once per chain, and never uses one address in two roles on a chain', () => {
    for (const chain of chains()) {
      const tokens = chain.tokens.map((t) => t.address.toLowerCase());
      expect(new Set(tokens).size, `${chain.name} tokens`).toBe(tokens.length);

      const roles = new Map<string, Set<string>>();
      const put = (address: string, role: string) =>
        roles.set(address.toLowerCase(), (roles.get(address.toLowerCase()) ?? new Set()).add(role));
      for (const t of chain.tokens) {
        put(t.address, 'token');
        put(t.rateSource.address, 'rate');
        for (const alt of t.altRateSources ?? []) put(alt.address, 'rate');
      }
      put(chain.multicall3.address, 'multicall3');
      put(chain.ethUsdFeed.address, 'eth-usd');
      if (chain.aaveV3) {
        put(chain.aaveV3.pool, 'aave-pool');
        put(chain.aaveV3.poolAddressesProvider, 'aave-provider');
      }
      const clashes = [...roles].filter(([, r]) => r.size > 1).map(([a, r]) => `${a}: ${[...r].join('+')}`);
      expect(clashes, chain.name).toEqual([]);
    }
  });

  it('names, for every rate source and feed, an ABI exported by lib/chain/abis that has the function to call', () => {
    const registry = abis as unknown as Record<string, readonly { type: string; name?: string }[]>;
    const sources = chains().flatMap((c) => [c.ethUsdFeed, ...c.tokens.flatMap((t) => [t.rateSource, ...(t.altRateSources ?? [])])]);
    for (const s of sources) {
      const abi = registry[s.abiName] ?? [];
      expect(abi.length, s.abiName).toBeGreaterThan(0);
      expect(
        abi.some((f) => f.type === 'function' && f.name === s.functionName),
        `${s.abiName}.${s.functionName}`,
      ).toBe(true);
    }
  });

  it('has the tokens the issue asks for where a source gave them', () => {
    const symbols = (id: 42161 | 8453 | 10 | 59144) => new Set(L2_CHAINS[id].tokens.map((t) => t.l1Symbol));
    for (const id of L2_CHAIN_IDS) {
      for (const s of ['wstETH', 'weETH', 'ezETH', 'rsETH'] as const) expect(symbols(id).has(s), `${id} ${s}`).toBe(true);
      expect(L2_CHAINS[id].aaveV3, `${id} Aave v3`).toBeDefined();
    }
    // rsETH arrives as Kelp's wrapper on Base, OP Mainnet and Linea, and as the bare OFT on Arbitrum.
    expect(l2Tokens(8453, 'wrsETH')).toHaveLength(1);
    expect(l2Tokens(42161, 'wrsETH')).toHaveLength(0);
    // The same Lido facts the docs list: four different bridged wstETH addresses, each escrowed by its own L1 bridge.
    const wsteth = L2_CHAIN_IDS.map((id) => l2Tokens(id, 'wstETH')[0]!);
    expect(new Set(wsteth.map((t) => t.address)).size).toBe(4);
    expect(new Set(wsteth.map((t) => (hasBacking(t) ? t.backing.holder : ''))).size).toBe(4);
  });

  it('has decimals 18 for every token (all of them represent 18-decimal L1 tokens)', () => {
    for (const chain of chains()) for (const t of chain.tokens) expect(t.decimals, `${chain.name} ${t.symbol}`).toBe(18);
  });
});
