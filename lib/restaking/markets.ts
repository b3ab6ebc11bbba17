import { CHAINLINK, CURVE, UNISWAP } from './addresses';
import type { MarketSource, RestakingSymbol } from './types';

const chainlink = (feed: (typeof CHAINLINK)[keyof typeof CHAINLINK], kind: 'market' | 'unknown' = 'market'): MarketSource => ({
  venue: 'chainlink',
  feed,
  quote: 'ETH',
  kind,
});
const uni = (pool: (typeof UNISWAP)[keyof typeof UNISWAP], fee: number): MarketSource => ({
  venue: 'uniswap-v3',
  pool,
  fee,
  quoter: UNISWAP.quoterV2,
  quoteAsset: 'WETH',
});
const BALANCER_VAULT = '0xBA12222222228d8Ba445958a75a0704d566BF2C8' as const;

/**
 * Market price sources per token (reference §3). Curve indices: get_dy(tokenIndex, quoteIndex, 1e18)
 * on raw token amounts gives the quote asset out for one token (fee-inclusive).
 * The weETH Chainlink feed is "unknown": the reference could not tell market from exchange-rate feed.
 */
export const MARKETS: Partial<Record<RestakingSymbol, readonly MarketSource[]>> = {
  stETH: [
    { venue: 'curve', pool: CURVE.stethPool, tokenIndex: 1n, quoteIndex: 0n, quoteAsset: 'ETH', rawAmounts: true },
    chainlink(CHAINLINK.stETH_ETH),
  ],
  weETH: [
    { venue: 'curve', pool: CURVE.weethNgPool, tokenIndex: 1n, quoteIndex: 0n, quoteAsset: 'WETH', rawAmounts: true },
    uni(UNISWAP.weethWethPool, 100),
    chainlink(CHAINLINK.weETH_ETH, 'unknown'),
  ],
  ezETH: [
    uni(UNISWAP.ezethWethPool, 100),
    {
      venue: 'balancer-v2',
      poolId: '0x596192bb6e41802428ac943d2f1476c1af25cc0e000000000000000000000659',
      vault: BALANCER_VAULT,
      quoteAsset: 'WETH',
    },
    chainlink(CHAINLINK.ezETH_ETH),
  ],
  rsETH: [
    {
      venue: 'balancer-v2',
      poolId: '0x58aadfb1afac0ad7fca1148f3cde6aedf5236b6d00000000000000000000067f',
      vault: BALANCER_VAULT,
      quoteAsset: 'WETH',
    },
    chainlink(CHAINLINK.rsETH_ETH),
  ],
  rswETH: [uni(UNISWAP.wethRswethPool, 3000)],
  rETH: [chainlink(CHAINLINK.rETH_ETH)],
  cbETH: [chainlink(CHAINLINK.cbETH_ETH)],
  ETHx: [chainlink(CHAINLINK.ETHx_ETH)],
  mETH: [chainlink(CHAINLINK.mETH_ETH)],
};
