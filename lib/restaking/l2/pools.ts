import type { Address } from 'viem';
import type { L2ChainId, L2TokenSymbol } from './registry';

/**
 * Where the bridged tokens trade on each L2 (issue #18, items 2 and 4): the pool a depeg on that chain is read from.
 * Kept beside registry.ts (same style: every address with the file and commit, or the docs page, that states it) so the
 * token registry stays as it is. Only venues the tracker can already quote in its one Multicall3 read are listed:
 * Uniswap V3 through QuoterV2 (lib/tracker/market-quotes.ts). Where the main venue is another kind (Aerodrome,
 * Balancer, Camelot) or no public source names the pool, the token is left out and `missing` says what was searched.
 */

export interface L2Pool {
  /** The L2 token the pool prices (token in), as in registry.ts. */
  symbol: L2TokenSymbol;
  venue: 'uniswap-v3';
  pool: Address;
  /** Fee tier in hundredths of a bip (100 = 0.01 %), the pool's. */
  fee: number;
  /** The chain's Uniswap V3 QuoterV2 and WETH (token out): the quote is token → WETH (≙ ETH). */
  quoter: Address;
  tokenOut: Address;
  description: string;
  source: string;
}

export interface L2Markets {
  pools: readonly L2Pool[];
  /** Held tokens on this chain with no pool listed, and why. */
  missing: readonly string[];
}

// ——— Sources (repository/path@commit as read) ———

const uniswapDocs = (chain: string): string =>
  `github:Uniswap/docs/content/protocols/v3/deployments/v3-${chain}-deployments.mdx@5a6645e (docs.uniswap.org/contracts/v3/reference/deployments/${chain}-deployments)`;
const ALOE_KEEPER = 'github:aloelabs/aloe-ii-examples/script/Keeper.s.sol@bb5788f';
const STABILITY_BASE = 'github:stabilitydao/stability-contracts/chains/BaseLib.sol@129faa5';

const ARBITRUM_QUOTER: Address = '0x61fFE014bA17989E743c5F6cB21bF9697530B21e';
const ARBITRUM_WETH: Address = '0x82aF49447D8a07e3bd95BD0d56f35241523fBab1';
const BASE_QUOTER: Address = '0x3d4e44Eb1374240CE5F1B871ab261CD16335B76a';
const BASE_WETH: Address = '0x4200000000000000000000000000000000000006';

const arbitrumUni = (symbol: L2TokenSymbol, pool: Address, fee: number, source: string): L2Pool => ({
  symbol,
  venue: 'uniswap-v3',
  pool,
  fee,
  quoter: ARBITRUM_QUOTER,
  tokenOut: ARBITRUM_WETH,
  description: `Uniswap V3 ${symbol}/WETH ${fee / 10_000} % on Arbitrum One, quoted through QuoterV2`,
  source: `${source}; QuoterV2 and WETH: ${uniswapDocs('arbitrum')} (QuoterV2, Wrapped Native Token)`,
});

const baseUni = (symbol: L2TokenSymbol, pool: Address, fee: number, source: string): L2Pool => ({
  symbol,
  venue: 'uniswap-v3',
  pool,
  fee,
  quoter: BASE_QUOTER,
  tokenOut: BASE_WETH,
  description: `Uniswap V3 ${symbol}/WETH ${fee / 10_000} % on Base, quoted through QuoterV2`,
  source: `${source}; QuoterV2 and WETH: ${uniswapDocs('base')} (QuoterV2, Wrapped Native Token)`,
});

const NOT_QUOTABLE =
  'the venues named for it in the sources read are Aerodrome, Balancer or Camelot pools, which the tracker does not quote in its one read per chain';

export const L2_MARKETS: Readonly<Record<L2ChainId, L2Markets>> = {
  42161: {
    pools: [
      arbitrumUni('wstETH', '0x35218a1cbaC5Bbc3E57fd9Bd38219D37571b3537', 100, `${ALOE_KEEPER} (poolsArbitrum, "wstETH/WETH 0.01%")`),
    ],
    missing: [
      `weETH, ezETH, rsETH, rETH on Arbitrum One: no public repository file or docs page found naming a Uniswap V3 pool with its fee tier (searched the code corpus for "weETH/WETH 0.01%", aave-address-book, the Kelp and ether.fi READMEs); ${NOT_QUOTABLE}.`,
    ],
  },
  8453: {
    pools: [
      baseUni('wstETH', '0x20E068D76f9E90b90604500B84c7e19dCB923e7e', 100, `${STABILITY_BASE} (POOL_UNISWAPV3_WETH_wstETH_100)`),
      baseUni(
        'cbETH',
        '0x10648BA41B8565907Cfa1496765fA4D95390aa0d',
        500,
        `${STABILITY_BASE} (POOL_UNISWAPV3_cbETH_WETH_500); ${ALOE_KEEPER} (poolsBase, "cbETH/WETH 0.05%")`,
      ),
    ],
    missing: [`weETH, ezETH, wrsETH, rsETH, rETH on Base: ${NOT_QUOTABLE}; no Uniswap V3 pool with its fee tier found in a public source.`],
  },
  10: {
    pools: [],
    missing: [
      'OP Mainnet: aloelabs/aloe-ii periphery/script/Keeper.s.sol lists a "wstETH/WETH" Uniswap V3 pool without its fee tier, and another repository names a different wstETH pool; left out until one source states pool and fee together.',
    ],
  },
  59144: {
    pools: [],
    missing: ['Linea: no public source found naming a Uniswap V3 (or other quotable) pool for the bridged LSTs/LRTs.'],
  },
};

/** The pools of a token on a chain, in order of preference (first that answers is used). */
export const l2PoolsOf = (chainId: L2ChainId, symbol: string): readonly L2Pool[] =>
  L2_MARKETS[chainId].pools.filter((p) => p.symbol === symbol);
