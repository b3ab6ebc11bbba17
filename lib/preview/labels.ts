import type { Address } from 'viem';
import {
  AAVE_V3,
  CURVE,
  EIGENLAYER,
  EIGEN_STRATEGIES,
  MULTICALL3,
  PENDLE,
  PROTOCOL_CONTRACTS,
  TOKENS,
  UNISWAP,
  tokenByAddress,
} from '../restaking';
import type { PreviewRegistry } from './types';

/** Permit2 is the same address on every chain (CREATE2). */
export const PERMIT2: Address = '0x000000000022D473030F116dDEE9F6B43aC78BA3';

const PROTOCOL_LABELS: Record<keyof typeof PROTOCOL_CONTRACTS, string> = {
  rocketStorage: 'Rocket Pool RocketStorage',
  rocketDepositPool: 'Rocket Pool deposit pool',
  etherfiLiquidityPool: 'ether.fi LiquidityPool',
  renzoRestakeManager: 'Renzo RestakeManager',
  kelpDepositPool: 'Kelp LRTDepositPool',
  kelpOracle: 'Kelp LRTOracle',
  staderStakePoolsManager: 'Stader StakePoolsManager',
  stakewiseOsTokenVaultController: 'StakeWise OsTokenVaultController',
  stakewiseGenesisVault: 'StakeWise Genesis vault',
  mantleStaking: 'Mantle Staking',
  lidoWithdrawalQueue: 'Lido withdrawal queue (unstETH)',
  etherfiWithdrawRequestNFT: 'ether.fi WithdrawRequestNFT',
  kelpWithdrawalManager: 'Kelp LRTWithdrawalManager',
  pufferWithdrawalManager: 'Puffer PufferWithdrawalManager',
  renzoWithdrawQueue: 'Renzo WithdrawQueue',
  mantleUnstakeRequestsManager: 'Mantle UnstakeRequestsManager',
};

const entries: [string, string][] = [
  ...Object.entries(TOKENS).map(([symbol, address]): [string, string] => [address, `${symbol} token`]),
  ...Object.entries(PROTOCOL_CONTRACTS).map(([key, address]): [string, string] => [
    address,
    PROTOCOL_LABELS[key as keyof typeof PROTOCOL_CONTRACTS],
  ]),
  [EIGENLAYER.delegationManager, 'EigenLayer DelegationManager'],
  [EIGENLAYER.strategyManager, 'EigenLayer StrategyManager'],
  [EIGENLAYER.allocationManager, 'EigenLayer AllocationManager'],
  [EIGENLAYER.eigenPodManager, 'EigenLayer EigenPodManager'],
  ...Object.entries(EIGEN_STRATEGIES).map(([symbol, address]): [string, string] => [address, `EigenLayer ${symbol} strategy`]),
  [CURVE.stethPool, 'Curve ETH/stETH pool'],
  [CURVE.stethLp, 'Curve steCRV LP token'],
  [CURVE.weethNgPool, 'Curve WETH/weETH pool'],
  [UNISWAP.quoterV2, 'Uniswap v3 QuoterV2'],
  [AAVE_V3.pool, 'Aave v3 Pool'],
  [PENDLE.router, 'Pendle Router'],
  [MULTICALL3, 'Multicall3'],
  [PERMIT2, 'Uniswap Permit2'],
];
const LABELS = new Map(entries.map(([address, label]) => [address.toLowerCase(), label]));

export const defaultRegistry: PreviewRegistry = {
  tokenByAddress,
  labelOf: (address) => LABELS.get(address.toLowerCase()),
};

/** viem's isAddressEqual, false for a missing or malformed side (lib/format). */
export { sameAddress } from '../format';

export { shortAddress } from '../format';

/**
 * Tokens a preview's balance changes often show that are not restaking tokens, with their fixed
 * metadata: known here, they need no symbol()/decimals() read after the simulation (a round trip).
 */
const FIXED_METADATA = new Map<string, { symbol: string; decimals: number }>([
  [TOKENS.WETH.toLowerCase(), { symbol: 'WETH', decimals: 18 }],
  [CURVE.stethLp.toLowerCase(), { symbol: 'steCRV', decimals: 18 }],
]);

/** Symbol and decimals of a token the registry knows (WETH and steCRV included); undefined otherwise. */
export function knownToken(registry: PreviewRegistry, address: string): { symbol: string; decimals: number } | undefined {
  const fixed = FIXED_METADATA.get(address.toLowerCase());
  if (fixed) return fixed;
  const info = registry.tokenByAddress(address);
  return info ? { symbol: info.symbol, decimals: info.decimals } : undefined;
}
