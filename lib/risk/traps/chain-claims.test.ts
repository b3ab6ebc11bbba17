import { describe, expect, it } from 'vitest';
import { chainClaimFlags, findChainClaim, nameKey } from './chain-claims';

describe('wallet_addEthereumChain claiming a well-known chain', () => {
  it.each([
    ['Ethereum Mainnet', 'ETH', 5, 'Ethereum', 1],
    ['Ethereum', 'ETH', 31337, 'Ethereum', 1],
    ['ethereum main network', 'ETH', 1337, 'Ethereum', 1],
    ['Mainnet', 'ETH', 2, 'Ethereum', 1],
    ['Еthereum', 'ETH', 7, 'Ethereum', 1], // Cyrillic Е
    ['Ether\u200beum', 'ETH', 7, 'Ethereum', 1], // zero-width space
    ['Ｅｔｈｅｒｅｕｍ', 'ETH', 7, 'Ethereum', 1], // full width
    ['OP Mainnet', 'ETH', 11, 'OP Mainnet', 10],
    ['Optimism', 'ETH', 11, 'OP Mainnet', 10],
    ['Arbitrum One', 'ETH', 42170, 'Arbitrum One', 42161],
    ['Base', 'ETH', 8543, 'Base', 8453],
    ['Linea', 'ETH', 59140, 'Linea', 59144],
    ['Polygon Mainnet', 'POL', 138, 'Polygon', 137],
    ['BNB Smart Chain', 'BNB', 57, 'BNB Smart Chain', 56],
    ['Binance Smart Chain Mainnet', 'BNB', 57, 'BNB Smart Chain', 56],
    ['Gnosis Chain', 'xDAI', 101, 'Gnosis', 100],
    ['Avalanche C-Chain', 'AVAX', 43115, 'Avalanche C-Chain', 43114],
  ])('name %s (%s) on chain %i claims %s (chain %i)', (name, symbol, chainId, claimed, realId) => {
    const claim = findChainClaim({ chainId: BigInt(chainId), name, symbol });
    expect(claim?.claimed.name).toBe(claimed);
    expect(claim?.claimed.chainId).toBe(realId);
    expect(claim?.by.field).toBe('name');
  });

  it.each([
    ['My Chain', 'BNB', 9999, 'BNB Smart Chain'],
    ['My Chain', 'POL', 9999, 'Polygon'],
    ['My Chain', 'MATIC', 9999, 'Polygon'],
    ['My Chain', 'xDAI', 9999, 'Gnosis'],
    ['My Chain', 'AVAX', 9999, 'Avalanche C-Chain'],
  ])('a native symbol only one chain family uses claims it: %s with %s on %i', (name, symbol, chainId, claimed) => {
    expect(findChainClaim({ chainId, name, symbol })).toMatchObject({ claimed: { name: claimed }, by: { field: 'symbol', value: symbol } });
  });

  it.each([
    ['Ethereum', 'ETH', 1],
    ['Ethereum Mainnet', 'ETH', 1],
    ['OP Mainnet', 'ETH', 10],
    ['Polygon', 'POL', 137],
    ['Polygon Amoy', 'POL', 80002],
    ['BNB Smart Chain Testnet', 'tBNB', 97],
    ['opBNB Mainnet', 'BNB', 204],
    ['Avalanche Fuji Testnet', 'AVAX', 43113],
    ['Gnosis Chiado', 'xDAI', 10200],
    // ETH is the native symbol of most L2s: alone it claims nothing.
    ['Zora', 'ETH', 7777777],
    ['Localhost 8546', 'ETH', 1338],
    // Another chain of the same family is not a claim.
    ['Ethereum Classic', 'ETC', 61],
    ['Arbitrum Nova', 'ETH', 42170],
    ['Polygon zkEVM', 'ETH', 1101],
    ['Base Sepolia', 'ETH', 84532],
  ])('no claim: %s (%s) on chain %i', (name, symbol, chainId) => {
    expect(findChainClaim({ chainId, name, symbol })).toBeUndefined();
    expect(chainClaimFlags({ chainId, name, symbol })).toEqual([]);
  });

  it('the danger flag carries the claimed name, its real chain id and the requested one', () => {
    const [flag] = chainClaimFlags({ chainId: 5n, name: 'Ethereum Mainnet', symbol: 'ETH' });
    expect(flag).toMatchObject({
      id: 'chain.claims-well-known',
      severity: 'danger',
      numbers: {
        'Claimed network': 'Ethereum',
        "Ethereum's chain id": '1',
        'Requested chain id': '5',
        'Name sent by the site': 'Ethereum Mainnet',
      },
    });
    expect(flag!.title).toContain('Not Ethereum');
  });

  it('nameKey drops generic words but keeps a name made only of them', () => {
    expect(nameKey('BNB Smart Chain Mainnet')).toBe('bnb');
    expect(nameKey('Ethereum Classic')).toBe('ethereum classic');
    expect(nameKey('Mainnet')).toBe('mainnet');
  });
});
