import { getAddress } from 'viem';
import { describe, expect, it } from 'vitest';
import { L2_MARKETS, l2PoolsOf } from './pools';
import { L2_CHAIN_IDS, L2_CHAINS } from './registry';

describe('L2 pools (where the bridged tokens trade)', () => {
  it('lists every chain of the registry, each pool with a checksummed address, a fee tier and a source', () => {
    expect(Object.keys(L2_MARKETS).map(Number).sort()).toEqual([...L2_CHAIN_IDS].sort());
    for (const chainId of L2_CHAIN_IDS) {
      const { pools, missing } = L2_MARKETS[chainId];
      for (const p of pools) {
        for (const a of [p.pool, p.quoter, p.tokenOut]) expect(getAddress(a), `${chainId} ${p.symbol}`).toBe(a);
        expect([100, 500, 3000, 10_000]).toContain(p.fee);
        expect(p.source).toMatch(/github:[\w-]+\/[\w.-]+\/.+@[0-9a-f]{7}/);
        expect(p.source, 'the quoter has its own source').toContain('QuoterV2');
        expect(
          L2_CHAINS[chainId].tokens.map((t) => t.symbol),
          'a registry token of this chain',
        ).toContain(p.symbol);
      }
      // A chain without pools says what was searched, never nothing.
      if (pools.length === 0) expect(missing.length).toBeGreaterThan(0);
    }
  });

  it('Arbitrum One and Base have their own QuoterV2 and WETH; wstETH trades on both', () => {
    const [arb] = l2PoolsOf(42161, 'wstETH');
    const [base] = l2PoolsOf(8453, 'wstETH');
    expect(arb).toMatchObject({
      quoter: '0x61fFE014bA17989E743c5F6cB21bF9697530B21e',
      tokenOut: '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1',
      fee: 100,
    });
    expect(base).toMatchObject({
      quoter: '0x3d4e44Eb1374240CE5F1B871ab261CD16335B76a',
      tokenOut: '0x4200000000000000000000000000000000000006',
      fee: 100,
    });
    expect(l2PoolsOf(8453, 'weETH')).toEqual([]);
  });
});
