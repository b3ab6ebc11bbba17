import { describe, expect, it } from 'vitest';
import { TOKENS } from '../restaking';
import { homeTokens, listedAs } from './token-list';

const FOO = '0x00000000000000000000000000000000000000f0';
const BAR = '0x00000000000000000000000000000000000000b0';

describe('Home token list', () => {
  it('lists the registry, then custom, then watched tokens, once each; a site cannot rename a registry token', () => {
    const list = homeTokens(
      1,
      [
        { chainId: 1, address: TOKENS.stETH.toLowerCase() as `0x${string}`, symbol: 'FAKE', decimals: 6 },
        { chainId: 1, address: BAR, symbol: 'BAR', decimals: 6 },
        { chainId: 1, address: FOO, symbol: 'FOO-site', decimals: 18 },
        { chainId: 10, address: '0x00000000000000000000000000000000000000c0', symbol: 'OP', decimals: 18 },
      ],
      [{ chainId: 1, address: FOO, symbol: 'FOO', decimals: 18, addedAt: 1 }],
    );
    expect(list.filter((t) => t.address.toLowerCase() === TOKENS.stETH.toLowerCase())).toEqual([
      expect.objectContaining({ symbol: 'stETH', decimals: 18, source: 'registry', rateSymbol: 'stETH' }),
    ]);
    expect(list.find((t) => t.symbol.startsWith('FOO'))).toMatchObject({ symbol: 'FOO', source: 'custom' });
    expect(list.find((t) => t.symbol === 'BAR')).toMatchObject({ decimals: 6, source: 'watched' });
    expect(list.some((t) => t.symbol === 'OP')).toBe(false);
    expect(list[0]).toMatchObject({ symbol: 'WETH', pegged: true });
    expect(listedAs(list, TOKENS.weETH.toUpperCase().replace('0X', '0x'))).toBe("weETH (in Ballast's token list)");
    expect(listedAs(list, BAR)).toBe('BAR (added by a site)');
    expect(listedAs(list, '0x00000000000000000000000000000000000000d0')).toBeUndefined();
  });

  it('has no registry tokens off chain 1', () => {
    expect(homeTokens(10, [], [])).toEqual([]);
  });
});
