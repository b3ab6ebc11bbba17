import { describe, expect, it } from 'vitest';
import { explorerFor, explorerTxUrl } from './explorer';

const hash = `0x${'ab'.repeat(32)}`;

describe('explorerTxUrl', () => {
  it('links an https explorer, with or without a trailing slash or a path', () => {
    expect(explorerTxUrl('https://etherscan.io', hash)).toBe(`https://etherscan.io/tx/${hash}`);
    expect(explorerTxUrl('https://etherscan.io/', hash)).toBe(`https://etherscan.io/tx/${hash}`);
    expect(explorerTxUrl('https://scan.example/chain/1/', hash)).toBe(`https://scan.example/chain/1/tx/${hash}`);
  });

  it('offers no link for other schemes, bad URLs, no explorer or a value that is not a hash', () => {
    expect(explorerTxUrl('javascript:alert(1)', hash)).toBeUndefined();
    expect(explorerTxUrl('http://etherscan.io', hash)).toBeUndefined();
    expect(explorerTxUrl('not a url', hash)).toBeUndefined();
    expect(explorerTxUrl(undefined, hash)).toBeUndefined();
    expect(explorerTxUrl('https://etherscan.io', '0x1234')).toBeUndefined();
    expect(explorerTxUrl('https://etherscan.io', `${hash}/../../x`)).toBeUndefined();
  });
});

describe('explorerFor', () => {
  const networks = [
    { key: 'mainnet', chainId: 1, name: 'Ethereum', rpcUrls: [], nativeSymbol: 'ETH', explorerUrl: 'https://etherscan.io', builtIn: true },
    { key: 'devnet', chainId: 1, name: 'Devnet', rpcUrls: [], nativeSymbol: 'ETH', builtIn: true },
    {
      key: 'holesky',
      chainId: 17000,
      name: 'Holesky',
      rpcUrls: [],
      nativeSymbol: 'ETH',
      explorerUrl: 'https://holesky.etherscan.io',
      builtIn: false,
    },
  ];

  it('uses the active network when it has the chain id (the devnet shares chain 1 with mainnet and has no explorer)', () => {
    expect(explorerFor({ networks, activeKey: 'devnet' }, 1)).toBeUndefined();
    expect(explorerFor({ networks, activeKey: 'mainnet' }, 1)).toBe('https://etherscan.io');
  });

  it('falls back to the first network with the chain id, and to nothing when none has it', () => {
    expect(explorerFor({ networks, activeKey: 'devnet' }, 17000)).toBe('https://holesky.etherscan.io');
    expect(explorerFor({ networks, activeKey: 'mainnet' }, 10)).toBeUndefined();
    expect(explorerFor(undefined, 1)).toBeUndefined();
  });
});
