import { getAddress } from 'viem';
import { describe, expect, test } from 'vitest';
import { L2_AAVE_MARKETS } from './aave-markets';
import { L2_CHAIN_IDS, L2_CHAINS } from './registry';

describe('L2 Aave v3 markets', () => {
  test('every chain with a registry Aave deployment has its market, WETH among the reserves', () => {
    for (const id of L2_CHAIN_IDS) {
      expect(Boolean(L2_AAVE_MARKETS[id]), `${id}`).toBe(Boolean(L2_CHAINS[id].aaveV3));
      expect(L2_AAVE_MARKETS[id]!.reserves.filter((r) => r.symbol === 'WETH')).toHaveLength(1);
    }
  });

  test('addresses are EIP-55 literals; a reserve that is a registry token has the registry address; sources cite the commit', () => {
    for (const id of L2_CHAIN_IDS) {
      const m = L2_AAVE_MARKETS[id]!;
      expect(m.source).toMatch(/^github:bgd-labs\/aave-address-book\/src\/AaveV3\w+\.sol@f61c976/);
      expect(getAddress(m.oracle)).toBe(m.oracle);
      const aTokens = new Set<string>();
      for (const r of m.reserves) {
        expect(getAddress(r.asset)).toBe(r.asset);
        expect(getAddress(r.aToken)).toBe(r.aToken);
        aTokens.add(r.aToken.toLowerCase());
        if (r.symbol === 'WETH') continue;
        const token = L2_CHAINS[id].tokens.find((t) => t.symbol === r.symbol);
        expect(token?.address, `${id} ${r.symbol}`).toBe(r.asset);
      }
      expect(aTokens.size, `${id}: one aToken per reserve`).toBe(m.reserves.length);
      expect(new Set(m.eModeIds).size).toBe(m.eModeIds.length);
      expect(m.eModeIds.every((e) => Number.isInteger(e) && e > 0 && e < 256)).toBe(true);
    }
  });
});
