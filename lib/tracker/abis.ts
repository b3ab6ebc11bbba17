import { parseAbi } from 'viem';

/**
 * Minimal read ABIs the tracker batches. Signatures from ../shared/reference/restaking.md.
 * To be replaced by the registry's ABIs in lib/restaking once they land (one place to swap).
 */
export const erc20Abi = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
]);

export const multicall3ExtrasAbi = parseAbi([
  'function getBlockNumber() view returns (uint256)',
  'function getCurrentBlockTimestamp() view returns (uint256)',
]);

export const fairRateAbi = parseAbi([
  'function stEthPerToken() view returns (uint256)',
  'function getExchangeRate() view returns (uint256)',
  'function exchangeRate() view returns (uint256)',
  'function getRate() view returns (uint256)',
  'function calculateTVLs() view returns (uint256[][], uint256[], uint256)',
  'function rsETHPrice() view returns (uint256)',
  'function convertToAssets(uint256) view returns (uint256)',
  'function rswETHToETHRate() view returns (uint256)',
  'function mETHToETH(uint256) view returns (uint256)',
  'function getStETHByWstETH(uint256) view returns (uint256)',
]);

export const curvePoolAbi = parseAbi([
  'function get_dy(int128 i, int128 j, uint256 dx) view returns (uint256)',
  'function balances(uint256 i) view returns (uint256)',
  'function get_virtual_price() view returns (uint256)',
]);

export const uniswapQuoterV2Abi = parseAbi([
  'struct QuoteExactInputSingleParams { address tokenIn; address tokenOut; uint256 amountIn; uint24 fee; uint160 sqrtPriceLimitX96; }',
  'function quoteExactInputSingle(QuoteExactInputSingleParams params) returns (uint256 amountOut, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)',
]);

export const chainlinkAbi = parseAbi([
  'function latestRoundData() view returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)',
  'function decimals() view returns (uint8)',
]);

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
]);

export const pendleOracleAbi = parseAbi([
  'function getPtToAssetRate(address market, uint32 duration) view returns (uint256)',
]);
export const pendleMarketAbi = parseAbi(['function expiry() view returns (uint256)']);
