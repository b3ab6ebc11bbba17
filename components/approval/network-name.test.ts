import { describe, expect, it } from 'vitest';
import type { NetworkView } from '../../lib/messaging/types';
import { networkNameOf } from './network-name';

const net = (key: string, chainId: number, name: string): NetworkView => ({
  key,
  chainId,
  name,
  rpcUrls: [],
  nativeSymbol: 'ETH',
  builtIn: true,
});
const networks = [net('devnet', 1, 'Ballast devnet'), net('mainnet', 1, 'Ethereum'), net('chain-1338', 1338, 'Localhost 8546')];

describe('networkNameOf', () => {
  it('names the request’s chain; of two networks on one chain id, the active one', () => {
    expect(networkNameOf({ networks, activeChainId: 1, activeKey: 'mainnet' }, 1)).toBe('Ethereum');
    expect(networkNameOf({ networks, activeChainId: 1, activeKey: 'devnet' }, 1)).toBe('Ballast devnet');
    expect(networkNameOf({ networks, activeChainId: 1, activeKey: 'devnet' }, 1338)).toBe('Localhost 8546');
  });

  it('says nothing for a chain id no network has, or before the list is loaded', () => {
    expect(networkNameOf({ networks, activeChainId: 1, activeKey: 'devnet' }, 5)).toBeUndefined();
    expect(networkNameOf(undefined, 1)).toBeUndefined();
  });
});
