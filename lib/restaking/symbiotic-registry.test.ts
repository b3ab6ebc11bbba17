import { getAddress, isAddressEqual } from 'viem';
import { describe, expect, it } from 'vitest';
import * as abis from '../chain/abis';
import {
  MELLOW_LRTS,
  SYMBIOTIC_CORE,
  SYMBIOTIC_GAPS,
  SYMBIOTIC_NETWORKS,
  SYMBIOTIC_VAULT_FACTORY,
  SYMBIOTIC_VAULTS_MAINNET,
} from './symbiotic-registry';
import { RESTAKING_TOKENS } from './tokens';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const ALL = { SYMBIOTIC_CORE, SYMBIOTIC_VAULTS_MAINNET, MELLOW_LRTS, SYMBIOTIC_NETWORKS };

/** Every string in the structure that looks like an address, with the path where it sits. */
function addressesIn(value: unknown, path = ''): { path: string; address: string }[] {
  if (typeof value === 'string') return ADDRESS.test(value) ? [{ path, address: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => addressesIn(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => addressesIn(v, `${path}.${k}`));
  return [];
}

/** Objects that carry an `address` (or recorded modules): each must say where it comes from. */
function addressedObjects(value: unknown, path = ''): { path: string; node: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => addressedObjects(v, `${path}[${i}]`));
  if (!value || typeof value !== 'object') return [];
  const node = value as Record<string, unknown>;
  const own = ['address', 'delegator'].some((k) => typeof node[k] === 'string') ? [{ path, node }] : [];
  return [...own, ...Object.entries(node).flatMap(([k, v]) => addressedObjects(v, `${path}.${k}`))];
}

/** The repository files a source string names (github:owner/repo/path@commit). */
const cited = (source: string) => [...source.matchAll(/github:([\w.-]+\/[\w.-]+)\/([^@\s]+)@([0-9a-f]{7,40})/g)];

describe('Symbiotic registry', () => {
  it('stores every address as its EIP-55 checksum', () => {
    const found = addressesIn(ALL);
    expect(found.length).toBeGreaterThan(70);
    expect(found.filter(({ address }) => getAddress(address.toLowerCase()) !== address)).toEqual([]);
  });

  it('gives every addressed entry a source naming a repository file at a commit, and marks third-party sources [3P]', () => {
    const entries = addressedObjects(ALL);
    expect(entries.length).toBeGreaterThan(50);
    const unsourced = entries.filter(({ node }) => typeof node.source !== 'string' || cited(node.source).length === 0);
    expect(unsourced.map((u) => u.path)).toEqual([]);
    // The only third-party facts are the recorded modules, and they say so.
    for (const { node } of entries) {
      const source = node.source as string;
      const thirdParty = /inceptionlrt/.test(source);
      expect(thirdParty ? source.startsWith('[3P]') : !source.includes('[3P]'), source).toBe(true);
    }
    // Own sources only for vaults, LRTs, networks and core: Symbiotic's and Mellow's repositories.
    const owners = new Set(
      [...SYMBIOTIC_CORE, ...SYMBIOTIC_VAULTS_MAINNET, ...MELLOW_LRTS, ...SYMBIOTIC_NETWORKS].flatMap((e) =>
        cited(e.source).map((m) => m[1]!.split('/')[0]),
      ),
    );
    expect([...owners].sort()).toEqual(['mellow-finance', 'symbioticfi']);
  });

  it('lists each address once, and never in two roles', () => {
    const roles = new Map<string, Set<string>>();
    const put = (address: string, role: string) =>
      roles.set(address.toLowerCase(), (roles.get(address.toLowerCase()) ?? new Set()).add(role));
    for (const c of SYMBIOTIC_CORE) put(c.address, `core:${c.name}`);
    for (const v of SYMBIOTIC_VAULTS_MAINNET) {
      put(v.address, 'vault');
      if (v.modules) for (const k of ['delegator', 'slasher', 'burner'] as const) put(v.modules[k], k);
    }
    for (const l of MELLOW_LRTS) put(l.address, 'mellow-lrt');
    for (const n of SYMBIOTIC_NETWORKS) put(n.address, 'network');
    expect([...roles].filter(([, r]) => r.size > 1).map(([a, r]) => `${a}: ${[...r].join('+')}`)).toEqual([]);
    const count = (list: readonly { address: string }[]) => new Set(list.map((e) => e.address.toLowerCase())).size;
    expect(count(SYMBIOTIC_VAULTS_MAINNET)).toBe(SYMBIOTIC_VAULTS_MAINNET.length);
    expect(count(MELLOW_LRTS)).toBe(MELLOW_LRTS.length);
    expect(count(SYMBIOTIC_NETWORKS)).toBe(SYMBIOTIC_NETWORKS.length);
    expect(new Set(MELLOW_LRTS.map((l) => l.symbol)).size).toBe(MELLOW_LRTS.length);
  });

  it('pairs every Mellow LRT with a listed wstETH vault, one LRT per vault, both ways', () => {
    expect(MELLOW_LRTS.map((l) => l.symbol)).toEqual(
      expect.arrayContaining(['steakLRT', 'Re7LRT', 'amphrETH', 'rstETH', 'pzETH', 'roETH']),
    );
    for (const lrt of MELLOW_LRTS) {
      const vault = SYMBIOTIC_VAULTS_MAINNET.find((v) => isAddressEqual(v.address, lrt.symbioticVault));
      expect(vault, lrt.symbol).toBeDefined();
      expect(vault!.mellowLrt).toBe(lrt.symbol);
      expect(vault!.collateral).toBe('wstETH');
      expect(lrt.pairing.length).toBeGreaterThan(40);
    }
    const backing = SYMBIOTIC_VAULTS_MAINNET.filter((v) => v.mellowLrt);
    expect(backing.map((v) => v.mellowLrt).sort()).toEqual(MELLOW_LRTS.map((l) => l.symbol).sort());
  });

  it('names collaterals the token registry knows, and the core contracts of Symbiotic v1.0.3', () => {
    for (const v of SYMBIOTIC_VAULTS_MAINNET) {
      expect(RESTAKING_TOKENS[v.collateral].address, v.name).toMatch(ADDRESS);
      expect(v.collateralSource.length, v.name).toBeGreaterThan(20);
    }
    expect(SYMBIOTIC_CORE.map((c) => c.name)).toEqual([
      'VaultFactory',
      'DelegatorFactory',
      'SlasherFactory',
      'NetworkRegistry',
      'NetworkMiddlewareService',
      'OperatorRegistry',
      'OperatorVaultOptInService',
      'OperatorNetworkOptInService',
    ]);
    // The same VaultFactory address the reference (§2.2) gives, typed independently here.
    expect(SYMBIOTIC_VAULT_FACTORY).toBe('0xAEb6bdd95c502390db8f52c8909F703E9Af6a346');
  });

  it('has the ABI functions the smoke check calls, in lib/chain/abis', () => {
    const registry = abis as unknown as Record<string, readonly { type: string; name?: string }[]>;
    const needed: Record<string, string[]> = {
      symbioticVaultAbi: ['collateral'],
      symbioticVaultModulesAbi: ['delegator', 'slasher', 'burner', 'activeStake', 'totalStake', 'epochDuration'],
      symbioticEntityAbi: ['TYPE', 'FACTORY', 'vault'],
      symbioticDelegatorAbi: ['maxNetworkLimit'],
      symbioticVetoSlasherAbi: ['vetoDuration'],
      symbioticRegistryAbi: ['isEntity', 'totalEntities'],
      mellowSymbioticVaultAbi: ['symbioticVault'],
      mellowMultiVaultAbi: ['subvaultsCount', 'subvaultAt'],
      erc4626Abi: ['asset'],
    };
    for (const [abiName, fns] of Object.entries(needed))
      for (const fn of fns)
        expect(
          registry[abiName]?.some((f) => f.type === 'function' && f.name === fn),
          `${abiName}.${fn}`,
        ).toBe(true);
  });

  it('lists what is missing with a reason', () => {
    expect(SYMBIOTIC_GAPS.length).toBeGreaterThanOrEqual(4);
    for (const gap of SYMBIOTIC_GAPS) expect(gap.trim().length).toBeGreaterThan(60);
  });
});
