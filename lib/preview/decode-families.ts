import type { Abi } from 'viem';
import {
  aavePoolAbi,
  allocationManagerAbi,
  cbethAbi,
  chainlinkAggregatorAbi,
  curveNgPoolAbi,
  curvePairPoolAbi,
  curveStableSwapAbi,
  delegationManagerAbi,
  erc20Abi,
  etherfiLiquidityPoolAbi,
  kelpDepositPoolAbi,
  kelpOracleAbi,
  lidoStethAbi,
  mantleStakingAbi,
  osTokenVaultControllerAbi,
  pausableAbi,
  pendleRouterAbi,
  permit2Abi,
  pickAbi,
  pufferVaultAbi,
  renzoRestakeManagerAbi,
  rethAbi,
  rocketStorageAbi,
  rswethAbi,
  staderStakePoolsManagerAbi,
  strategyAbi,
  strategyManagerAbi,
  uniswapQuoterV2Abi,
  uniswapSwapRouterAbi,
  uniswapUniversalRouterAbi,
  uniswapV3PoolAbi,
  wethAbi,
  weethAbi,
  wstethAbi,
} from '../chain/abis';

/** Every issuer's rate and deposit ABI, and the market reads the registry prices tokens with. */
const restakingAbis: Abi[] = [
  lidoStethAbi,
  wstethAbi,
  rethAbi,
  rocketStorageAbi,
  cbethAbi,
  etherfiLiquidityPoolAbi,
  weethAbi,
  renzoRestakeManagerAbi,
  kelpOracleAbi,
  kelpDepositPoolAbi,
  pufferVaultAbi,
  rswethAbi,
  staderStakePoolsManagerAbi,
  osTokenVaultControllerAbi,
  mantleStakingAbi,
  pickAbi(erc20Abi, ['totalSupply']),
  chainlinkAggregatorAbi,
  pickAbi(curveStableSwapAbi, ['get_dy', 'coins', 'balances', 'A', 'get_virtual_price']),
  uniswapQuoterV2Abi,
  uniswapV3PoolAbi,
];

/**
 * The ABIs the decoder tries, by family, all from the registry (lib/chain/abis). A family lists what a
 * dApp asks a wallet to send or sign there (and the reads the rules make), so a call elsewhere stays
 * "unknown". Order matters: the first ABI with the selector wins (ERC-20 before Permit2 on `approve`).
 */
export const DECODE_ABIS: { family: string; abi: Abi }[] = [
  {
    family: 'ERC-20',
    abi: [
      ...pickAbi(erc20Abi, [
        'approve',
        'increaseAllowance',
        'transfer',
        'transferFrom',
        'permit',
        'setApprovalForAll',
        'balanceOf',
        'symbol',
        'decimals',
      ]),
      ...pausableAbi,
    ],
  },
  { family: 'WETH', abi: wethAbi },
  ...restakingAbis.map((abi) => ({ family: 'restaking', abi })),
  {
    family: 'EigenLayer',
    abi: [
      ...pickAbi(strategyManagerAbi, ['depositIntoStrategy']),
      ...pickAbi(delegationManagerAbi, ['delegateTo', 'undelegate', 'queueWithdrawals', 'delegatedTo']),
      ...pickAbi(strategyManagerAbi, ['getDeposits']),
      ...pickAbi(allocationManagerAbi, ['getMaxMagnitude', 'getAllocatedSets', 'getAllocation']),
      ...strategyAbi,
    ],
  },
  {
    family: 'Aave v3',
    abi: pickAbi(aavePoolAbi, ['supply', 'withdraw', 'borrow', 'repay', 'setUserEMode', 'setUserUseReserveAsCollateral']),
  },
  {
    family: 'Curve',
    abi: [
      ...pickAbi(curvePairPoolAbi, ['add_liquidity']),
      ...pickAbi(curveNgPoolAbi, ['add_liquidity']),
      ...pickAbi(curvePairPoolAbi, ['remove_liquidity']),
      ...pickAbi(curveStableSwapAbi, ['remove_liquidity_one_coin', 'exchange', 'A', 'coins', 'fee']),
    ],
  },
  { family: 'Uniswap', abi: [...uniswapSwapRouterAbi, ...uniswapUniversalRouterAbi] },
  { family: 'Pendle', abi: pickAbi(pendleRouterAbi, ['redeemPyToToken', 'swapExactPtForSy', 'swapExactSyForPt']) },
  { family: 'Permit2', abi: permit2Abi },
];
