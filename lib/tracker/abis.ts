import { parseAbi } from 'viem';

/**
 * Read ABIs the tracker batches that the registry (lib/restaking) does not export yet: positions in
 * EigenLayer, Symbiotic, Aave, Pendle. Signatures from ../shared/reference/restaking.md.
 */
export const erc20Abi = parseAbi(['function balanceOf(address) view returns (uint256)', 'function totalSupply() view returns (uint256)']);

export const multicall3ExtrasAbi = parseAbi([
  'function getBlockNumber() view returns (uint256)',
  'function getCurrentBlockTimestamp() view returns (uint256)',
  'function getChainId() view returns (uint256)',
]);

/** Market ABIs come from the registry. */
export { chainlinkAggregatorAbi as chainlinkAbi, curvePoolAbi, uniswapQuoterV2Abi } from '../restaking/abis/markets';

export const delegationManagerAbi = parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function getDepositedShares(address staker) view returns (address[], uint256[])',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'struct Withdrawal { address staker; address delegatedTo; address withdrawer; uint256 nonce; uint32 startBlock; address[] strategies; uint256[] scaledShares; }',
  'function getQueuedWithdrawals(address staker) view returns (Withdrawal[] withdrawals, uint256[][] shares)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
]);

export const allocationManagerAbi = parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }',
  'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
  'function getEncumberedMagnitude(address operator, address strategy) view returns (uint64)',
  'function getAllocatedSets(address operator) view returns (OperatorSet[])',
  'function getAllocation(address operator, OperatorSet operatorSet, address strategy) view returns (Allocation)',
  'function getStrategyAllocations(address operator, address strategy) view returns (OperatorSet[], Allocation[])',
]);

export const strategyAbi = parseAbi([
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
  'function underlyingToken() view returns (address)',
]);

export const symbioticVaultAbi = parseAbi([
  'function activeBalanceOf(address account) view returns (uint256)',
  'function slashableBalanceOf(address account) view returns (uint256)',
  'function collateral() view returns (address)',
]);

export const aavePoolAbi = parseAbi([
  'function getUserAccountData(address user) view returns (uint256 totalCollateralBase, uint256 totalDebtBase, uint256 availableBorrowsBase, uint256 currentLiquidationThreshold, uint256 ltv, uint256 healthFactor)',
  'function getUserEMode(address user) view returns (uint256)',
  'struct CollateralConfig { uint16 ltv; uint16 liquidationThreshold; uint16 liquidationBonus; }',
  'function getEModeCategoryCollateralConfig(uint8 id) view returns (CollateralConfig)',
  'struct ReserveDataLegacy { uint256 configuration; uint128 liquidityIndex; uint128 currentLiquidityRate; uint128 variableBorrowIndex; uint128 currentVariableBorrowRate; uint128 currentStableBorrowRate; uint40 lastUpdateTimestamp; uint16 id; address aTokenAddress; address stableDebtTokenAddress; address variableDebtTokenAddress; address interestRateStrategyAddress; uint128 accruedToTreasury; uint128 unbacked; uint128 isolationModeTotalDebt; }',
  'function getReserveData(address asset) view returns (ReserveDataLegacy)',
]);

/** Curve LP reads beyond quoting: the pool's balances, fee and the LP token's supply. */
export const curveLpPoolAbi = parseAbi([
  'function balances(uint256 i) view returns (uint256)',
  'function A() view returns (uint256)',
  'function fee() view returns (uint256)',
  'function get_virtual_price() view returns (uint256)',
]);

export const pendleOracleAbi = parseAbi(['function getPtToAssetRate(address market, uint32 duration) view returns (uint256)']);
export const pendleMarketAbi = parseAbi(['function expiry() view returns (uint256)']);
