import { parseAbi } from 'viem';

/**
 * Minimal mainnet ABIs of the functions that report a token's fair ETH value (reference §1.1).
 * Only what the registry reads: every function here exists on the mainnet contract with this signature.
 */
export const lidoStethAbi = parseAbi([
  'function getPooledEthByShares(uint256 sharesAmount) view returns (uint256)',
  'function getSharesByPooledEth(uint256 ethAmount) view returns (uint256)',
  'function sharesOf(address account) view returns (uint256)',
  'function getTotalPooledEther() view returns (uint256)',
  'function getTotalShares() view returns (uint256)',
  'function submit(address referral) payable returns (uint256)',
  'function transferShares(address recipient, uint256 sharesAmount) returns (uint256)',
]);

export const wstethAbi = parseAbi([
  'function stEthPerToken() view returns (uint256)',
  'function tokensPerStEth() view returns (uint256)',
  'function getStETHByWstETH(uint256 wstETHAmount) view returns (uint256)',
  'function getWstETHByStETH(uint256 stETHAmount) view returns (uint256)',
  'function wrap(uint256 stETHAmount) returns (uint256)',
  'function unwrap(uint256 wstETHAmount) returns (uint256)',
]);

export const rethAbi = parseAbi([
  'function getExchangeRate() view returns (uint256)',
  'function getEthValue(uint256 rethAmount) view returns (uint256)',
  'function getRethValue(uint256 ethAmount) view returns (uint256)',
]);

export const rocketStorageAbi = parseAbi(['function getAddress(bytes32 key) view returns (address)']);

export const cbethAbi = parseAbi(['function exchangeRate() view returns (uint256)']);

export const etherfiLiquidityPoolAbi = parseAbi([
  'function amountForShare(uint256 share) view returns (uint256)',
  'function sharesForAmount(uint256 amount) view returns (uint256)',
  'function getTotalPooledEther() view returns (uint256)',
  'function deposit() payable returns (uint256)',
  'function deposit(address referral) payable returns (uint256)',
]);

export const weethAbi = parseAbi([
  'function getRate() view returns (uint256)',
  'function getEETHByWeETH(uint256 weETHAmount) view returns (uint256)',
  'function getWeETHByeETH(uint256 eETHAmount) view returns (uint256)',
  'function wrap(uint256 eETHAmount) returns (uint256)',
  'function unwrap(uint256 weETHAmount) returns (uint256)',
]);

export const renzoRestakeManagerAbi = parseAbi([
  'function calculateTVLs() view returns (uint256[][], uint256[], uint256)',
  'function depositETH() payable',
  'function depositETH(uint256 referralId) payable',
  'function paused() view returns (bool)',
]);

export const kelpOracleAbi = parseAbi(['function rsETHPrice() view returns (uint256)', 'function updateRSETHPrice()']);

export const kelpDepositPoolAbi = parseAbi([
  'function depositETH(uint256 minRSETHAmountExpected, string referralId) payable',
  'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
  'function paused() view returns (bool)',
  'error MinimumAmountToReceiveNotMet()',
]);

export const pufferVaultAbi = parseAbi([
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function convertToShares(uint256 assets) view returns (uint256)',
  'function previewRedeem(uint256 shares) view returns (uint256)',
  'function totalAssets() view returns (uint256)',
  'function asset() view returns (address)',
  'function depositETH(address receiver) payable returns (uint256)',
]);

export const rswethAbi = parseAbi([
  'function rswETHToETHRate() view returns (uint256)',
  'function ethToRswETHRate() view returns (uint256)',
  'function getRate() view returns (uint256)',
  'function deposit() payable',
]);

export const staderStakePoolsManagerAbi = parseAbi([
  'function getExchangeRate() view returns (uint256)',
  'function deposit(address receiver) payable returns (uint256)',
  'function paused() view returns (bool)',
]);

export const osTokenVaultControllerAbi = parseAbi([
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function convertToShares(uint256 assets) view returns (uint256)',
]);

export const mantleStakingAbi = parseAbi([
  'function mETHToETH(uint256 mETHAmount) view returns (uint256)',
  'function ethToMETH(uint256 ethAmount) view returns (uint256)',
  'function stake(uint256 minMETHAmount) payable',
]);

export const erc20SupplyAbi = parseAbi(['function totalSupply() view returns (uint256)']);
