import type { Address } from 'viem';
import { CHAINLINK, CURVE, PROTOCOL_CONTRACTS, TOKENS, UNISWAP, type TokenSymbol } from '../restaking/addresses';
import { erc20Abi, fairRateAbi } from './abis';
import type { ReadCall } from './types';

export const WAD = 10n ** 18n;

/** How to read a token's fair ETH rate (reference §1.1): fixed, or calls whose results combine into a WAD rate. */
export type FairRateSpec =
  | { kind: 'constant'; rate: bigint; why: string }
  | { kind: 'calls'; calls: RateCall[]; combine: (values: readonly bigint[]) => bigint };

/** A fair-rate read; `pick` takes the number out of a tuple result. */
export type RateCall = Omit<ReadCall, 'key'> & { pick?: (value: unknown) => bigint };

/** Where a token's market price comes from (reference §3): an exit quote for a size, or a feed. */
export type MarketSpec =
  | { kind: 'curve'; pool: Address; i: number; j: number }
  | { kind: 'uniswap-v3'; tokenOut: Address; fee: number }
  | { kind: 'chainlink'; feed: Address }
  /** Quote through another token: amount × fair(self) / fair(via), then the via token's market. */
  | { kind: 'via'; symbol: TokenSymbol };

export type TokenSource = { symbol: TokenSymbol; address: Address; fairRate: FairRateSpec; markets: MarketSpec[] };

const rateCall = (address: Address, functionName: string, args: readonly unknown[] = []): RateCall => ({
  address,
  abi: fairRateAbi,
  functionName,
  args,
  gas: 150_000n,
});
const single = (address: Address, functionName: string, args: readonly unknown[] = []): FairRateSpec => ({
  kind: 'calls',
  calls: [rateCall(address, functionName, args)],
  combine: ([v]) => v ?? 0n,
});

/**
 * The token table the tracker reads. Mirrors the reference; meant to be fed from the registry in
 * lib/restaking when it exports the same facts (fair-rate call, market source) as data.
 */
export const TOKEN_SOURCES: readonly TokenSource[] = [
  { symbol: 'stETH', address: TOKENS.stETH, fairRate: { kind: 'constant', rate: WAD, why: 'rebasing: 1 stETH ≙ 1 ETH' }, markets: [{ kind: 'curve', pool: CURVE.stethPool, i: 1, j: 0 }, { kind: 'chainlink', feed: CHAINLINK.stETH_ETH }] },
  { symbol: 'wstETH', address: TOKENS.wstETH, fairRate: single(TOKENS.wstETH, 'stEthPerToken'), markets: [{ kind: 'via', symbol: 'stETH' }] },
  { symbol: 'rETH', address: TOKENS.rETH, fairRate: single(TOKENS.rETH, 'getExchangeRate'), markets: [{ kind: 'chainlink', feed: CHAINLINK.rETH_ETH }] },
  { symbol: 'cbETH', address: TOKENS.cbETH, fairRate: single(TOKENS.cbETH, 'exchangeRate'), markets: [{ kind: 'chainlink', feed: CHAINLINK.cbETH_ETH }] },
  { symbol: 'eETH', address: TOKENS.eETH, fairRate: { kind: 'constant', rate: WAD, why: 'rebasing: 1 eETH ≙ 1 ETH' }, markets: [{ kind: 'via', symbol: 'weETH' }] },
  { symbol: 'weETH', address: TOKENS.weETH, fairRate: single(TOKENS.weETH, 'getRate'), markets: [{ kind: 'curve', pool: CURVE.weethNgPool, i: 1, j: 0 }, { kind: 'uniswap-v3', tokenOut: TOKENS.WETH, fee: 100 }, { kind: 'chainlink', feed: CHAINLINK.weETH_ETH }] },
  {
    symbol: 'ezETH',
    address: TOKENS.ezETH,
    fairRate: {
      kind: 'calls',
      calls: [
        // calculateTVLs() → (operator TVLs, token TVLs, totalTVL): the total is the third value.
        { ...rateCall(PROTOCOL_CONTRACTS.renzoRestakeManager, 'calculateTVLs'), gas: 1_500_000n, pick: (v) => (v as readonly unknown[])[2] as bigint },
        { address: TOKENS.ezETH, abi: erc20Abi, functionName: 'totalSupply' },
      ],
      combine: ([tvl, supply]) => (supply ? ((tvl ?? 0n) * WAD) / supply : 0n),
    },
    markets: [{ kind: 'uniswap-v3', tokenOut: TOKENS.WETH, fee: 100 }, { kind: 'chainlink', feed: CHAINLINK.ezETH_ETH }],
  },
  { symbol: 'rsETH', address: TOKENS.rsETH, fairRate: single(PROTOCOL_CONTRACTS.kelpOracle, 'rsETHPrice'), markets: [{ kind: 'chainlink', feed: CHAINLINK.rsETH_ETH }] },
  { symbol: 'pufETH', address: TOKENS.pufETH, fairRate: single(TOKENS.pufETH, 'convertToAssets', [WAD]), markets: [] },
  { symbol: 'rswETH', address: TOKENS.rswETH, fairRate: single(TOKENS.rswETH, 'rswETHToETHRate'), markets: [{ kind: 'uniswap-v3', tokenOut: TOKENS.WETH, fee: 3000 }] },
  { symbol: 'ETHx', address: TOKENS.ETHx, fairRate: single(PROTOCOL_CONTRACTS.staderStakePoolsManager, 'getExchangeRate'), markets: [{ kind: 'chainlink', feed: CHAINLINK.ETHx_ETH }] },
  { symbol: 'osETH', address: TOKENS.osETH, fairRate: single(PROTOCOL_CONTRACTS.stakewiseOsTokenVaultController, 'convertToAssets', [WAD]), markets: [] },
  { symbol: 'mETH', address: TOKENS.mETH, fairRate: single(PROTOCOL_CONTRACTS.mantleStaking, 'mETHToETH', [WAD]), markets: [{ kind: 'chainlink', feed: CHAINLINK.mETH_ETH }] },
];

/** The Uniswap pool named for a token (reference §3.1), for the record of where a quote came from. */
export const UNISWAP_POOL_OF: Partial<Record<TokenSymbol, Address>> = {
  weETH: UNISWAP.weethWethPool,
  ezETH: UNISWAP.ezethWethPool,
  rswETH: UNISWAP.wethRswethPool,
};
