import { getAddress, type Address } from 'viem';
import { CURVE, type TokenSymbol } from './addresses';
import type { RestakingSymbol } from './types';

/**
 * Where registry tokens get deployed (Aave v3, Curve LP, Pendle PT, Symbiotic v1), as the position
 * tracker reads them. Mainnet facts from ../shared/reference/restaking.md. Entries marked
 * `devnetOnly` exist only on the Ballast devnet (addresses chosen by its test doubles, no code on
 * mainnet): readers skip them silently when their reads fail, so mainnet users see nothing from them.
 */

/**
 * Registry tokens listed as Aave v3 Ethereum Core reserves (reference §5d e-mode ids name them).
 * aToken addresses are not stored: the reader asks Pool.getReserveData(asset).aTokenAddress, which
 * is right on mainnet and on the devnet (whose double chose 0xa70c…0001 onward).
 */
export const AAVE_V3_RESERVES: readonly TokenSymbol[] = ['WETH', 'wstETH', 'rETH', 'cbETH', 'weETH', 'osETH', 'ETHx', 'rsETH', 'ezETH'];

/**
 * How Aave v3 Ethereum Core prices each listed reserve (reference §3.3): every LST/LRT here through a
 * CAPO adapter, the protocol's own exchange rate (ratio provider) × ETH/USD with a yearly growth cap
 * (bgd-labs/aave-capo scripts/DeployEthereum.s.sol: wstETH ← stETH, rETH, cbETH, weETH, osETH ← vault
 * controller, ETHx ← StaderStakePoolsManager, rsETH ← LRTOracle, ezETH ← RestakeManager), so a DEX
 * depeg alone does not move a health factor; WETH is ETH/USD itself. None is priced by a market feed.
 */
export type AavePricing = 'exchange-rate' | 'market' | 'eth-usd';
export const AAVE_V3_PRICING: Readonly<Partial<Record<TokenSymbol, AavePricing>>> = {
  WETH: 'eth-usd',
  wstETH: 'exchange-rate',
  rETH: 'exchange-rate',
  cbETH: 'exchange-rate',
  weETH: 'exchange-rate',
  osETH: 'exchange-rate',
  ETHx: 'exchange-rate',
  rsETH: 'exchange-rate',
  ezETH: 'exchange-rate',
};

/** A Curve coin: a registry token, or native ETH (Curve's 0xEeee… marker), valued 1:1. */
export type CurveCoin = TokenSymbol | 'ETH';

export type CurveLpPool = {
  label: string;
  pool: Address;
  /** The ERC-20 an LP holds (the pool itself for stable-ng). */
  lpToken: Address;
  /** In the pool's index order: coins(0), coins(1). */
  coins: readonly [CurveCoin, CurveCoin];
  /**
   * stable-ng pools scale balances by each coin's rate oracle, so the peg is the fair rate, not 1
   * (reference §5c caveat): only market ÷ fair moves the position.
   */
  rateScaled: boolean;
};

/** Curve pools whose LP shares the tracker reads (reference §3.1). */
export const CURVE_LP_POOLS: readonly CurveLpPool[] = [
  { label: 'Curve ETH/stETH (steCRV)', pool: CURVE.stethPool, lpToken: CURVE.stethLp, coins: ['ETH', 'stETH'], rateScaled: false },
  {
    label: 'Curve WETH/weETH (stable-ng)',
    pool: CURVE.weethNgPool,
    lpToken: CURVE.weethNgPool,
    coins: ['WETH', 'weETH'],
    rateScaled: true,
  },
];

export type PendleMarket = {
  label: string;
  market: Address;
  pt: Address;
  /**
   * The accounting asset 1 PT redeems for at maturity (reference §5d), valued at its fair rate.
   * The devnet double counts ETH 1:1 as the asset of every market.
   */
  asset: RestakingSymbol | 'ETH';
  /**
   * The LRT the market's SY wraps, when it is one: the PT's value stands on it, so its slashing
   * look-through applies (lib/tracker/readers/lrt-exposure.ts). Absent for a market of anything else.
   */
  lrt?: RestakingSymbol;
  devnetOnly?: boolean;
};

/**
 * Pendle markets. The reference gives no mainnet market/PT addresses ("from the Pendle app"), so
 * only the devnet's are listed; add mainnet ones here with their accounting asset.
 */
export const PENDLE_MARKETS: readonly PendleMarket[] = [
  {
    label: 'PT-weETH (devnet)',
    market: getAddress('0x9e4d000000000000000000000000000000000001'),
    pt: getAddress('0x9e47000000000000000000000000000000000001'),
    asset: 'ETH',
    lrt: 'weETH',
    devnetOnly: true,
  },
  {
    label: 'PT-rsETH (devnet)',
    market: getAddress('0x9e4d000000000000000000000000000000000002'),
    pt: getAddress('0x9e47000000000000000000000000000000000002'),
    asset: 'ETH',
    lrt: 'rsETH',
    devnetOnly: true,
  },
];

export type SymbioticVault = { label: string; vault: Address; collateral: RestakingSymbol; devnetOnly?: boolean };

/**
 * Symbiotic v1 vaults (reference §2.2: factory-made, no vault addresses in the reference). The
 * devnet vault at 0x5b10…0001 takes wstETH.
 */
export const SYMBIOTIC_VAULTS: readonly SymbioticVault[] = [
  {
    label: 'Symbiotic wstETH vault (devnet)',
    vault: getAddress('0x5b1071c000000000000000000000000000000001'),
    collateral: 'wstETH',
    devnetOnly: true,
  },
];

/** WETH and native ETH are 1:1 with ETH; every other coin is a registry token with a fair rate. */
export const isEthLike = (coin: string): boolean => coin === 'ETH' || coin === 'WETH';
