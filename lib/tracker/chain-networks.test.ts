import { http } from 'viem';
import { describe, expect, it } from 'vitest';
import { REAL_NETWORKS } from '../chain/networks';
import type { StoredNetwork } from '../storage/items';
import { chainSourcesOf } from './chain-networks';

const devnets: StoredNetwork[] = [
  { key: 'devnet', chainId: 1, name: 'Ballast devnet', rpcUrls: ['http://127.0.0.1:8545'], nativeSymbol: 'ETH', builtIn: true },
  {
    key: 'devnet-arbitrum',
    chainId: 42161,
    name: 'Ballast devnet (Arbitrum)',
    rpcUrls: ['http://127.0.0.1:8546'],
    nativeSymbol: 'ETH',
    builtIn: true,
  },
  { key: 'devnet-base', chainId: 8453, name: 'Ballast devnet (Base)', rpcUrls: [], nativeSymbol: 'ETH', builtIn: true },
];
const withUrl = (key: string, url: string) => (n: StoredNetwork) => (n.key === key ? { ...n, rpcUrls: [url] } : n);
const summary = (s: ReturnType<typeof chainSourcesOf>) =>
  s.map((x) => ('notRead' in x ? `${x.chainId} not read: ${x.notRead}` : `${x.chainId} ${x.name}`));
const transportOf = () => http('http://127.0.0.1:1');

describe('chainSourcesOf', () => {
  it('beside the devnet: its twins only (a twin without URL is not read), never a real L2 even with a URL', () => {
    const networks = [...devnets, ...REAL_NETWORKS.map(withUrl('optimism', 'https://op.example'))];
    expect(summary(chainSourcesOf({ networks, active: devnets[0]!, transportOf }))).toEqual([
      '42161 Ballast devnet (Arbitrum)',
      '8453 not read: no RPC URL set for Ballast devnet (Base)',
    ]);
  });

  it("beside a real Ethereum: every built-in L2, read where the user set a URL, the devnet twins' URLs ignored", () => {
    const networks = [...devnets, ...REAL_NETWORKS.map(withUrl('base', 'https://base.example'))];
    expect(summary(chainSourcesOf({ networks, active: REAL_NETWORKS[0]!, transportOf }))).toEqual([
      '42161 not read: no RPC URL set for Arbitrum One',
      '8453 Base',
      '10 not read: no RPC URL set for Optimism',
      '59144 not read: no RPC URL set for Linea',
    ]);
  });

  it('with no L2 network at all (a custom chain list), nothing is listed; the active chain is never read twice', () => {
    expect(chainSourcesOf({ networks: [REAL_NETWORKS[0]!], active: REAL_NETWORKS[0]!, transportOf })).toEqual([]);
    const base = REAL_NETWORKS.find((n) => n.key === 'base')!;
    expect(summary(chainSourcesOf({ networks: REAL_NETWORKS, active: base, transportOf })).some((s) => s.startsWith('8453'))).toBe(false);
  });
});
