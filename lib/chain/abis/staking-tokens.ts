import { parseAbi } from 'viem';
import { ethDepositAbi, pausableAbi } from './erc20';
import { erc4626Abi } from './erc4626';
import { pickAbi } from './pick';

/**
 * Mainnet ABIs of the liquid (re)staking token issuers: what reports a token's fair ETH value
 * (reference §1.1) and where ETH goes in to mint it (§1.2). Every function here exists on the mainnet
 * contract with this signature; a fragment two issuers share is declared once and spread into both.
 */

/** stETH and ether.fi's LiquidityPool both report the ETH they hold. */
const pooledEtherAbi = parseAbi(['function getTotalPooledEther() view returns (uint256)']);
/** wstETH and weETH wrap their rebasing token the same way. */
const wrapperAbi = parseAbi(['function wrap(uint256 amount) returns (uint256)', 'function unwrap(uint256 amount) returns (uint256)']);
/** The Balancer rate-provider getter weETH and rswETH expose (and Kelp's L2 rsETH rate receivers, lib/restaking/l2). */
export const rateProviderAbi = parseAbi(['function getRate() view returns (uint256)']);
/** rETH and Stader's StakePoolsManager. */
const exchangeRateAbi = parseAbi(['function getExchangeRate() view returns (uint256)']);
/** ETH in, the minted shares to `receiver`: Stader's StakePoolsManager (and ether.fi's referral overload, same selector). */
const depositForAbi = parseAbi(['function deposit(address receiver) payable returns (uint256)']);

export const lidoStethAbi = [
  ...parseAbi([
    'function getPooledEthByShares(uint256 sharesAmount) view returns (uint256)',
    'function getSharesByPooledEth(uint256 ethAmount) view returns (uint256)',
    'function sharesOf(address account) view returns (uint256)',
    'function getTotalShares() view returns (uint256)',
    'function submit(address referral) payable returns (uint256)',
    'function transferShares(address recipient, uint256 sharesAmount) returns (uint256)',
    'function isStakingPaused() view returns (bool)',
  ]),
  ...pooledEtherAbi,
] as const;

/**
 * Lido WithdrawalQueueERC721 (unstETH NFTs), mainnet signatures from lidofinance/core
 * contracts/0.8.9/WithdrawalQueue.sol and WithdrawalQueueBase.sol. Request ids start at 1; a request is
 * finalized when its id ≤ getLastFinalizedRequestId(); claimed requests leave getWithdrawalRequests(owner).
 */
export const lidoWithdrawalQueueAbi = parseAbi([
  'struct WithdrawalRequestStatus { uint256 amountOfStETH; uint256 amountOfShares; address owner; uint256 timestamp; bool isFinalized; bool isClaimed; }',
  'function requestWithdrawals(uint256[] amounts, address owner) returns (uint256[] requestIds)',
  'function getWithdrawalRequests(address owner) view returns (uint256[] requestsIds)',
  'function getWithdrawalStatus(uint256[] requestIds) view returns (WithdrawalRequestStatus[] statuses)',
  'function getLastRequestId() view returns (uint256)',
  'function getLastFinalizedRequestId() view returns (uint256)',
  'function getLastCheckpointIndex() view returns (uint256)',
  'function unfinalizedStETH() view returns (uint256)',
  'function findCheckpointHints(uint256[] requestIds, uint256 firstIndex, uint256 lastIndex) view returns (uint256[] hintIds)',
  'function getClaimableEther(uint256[] requestIds, uint256[] hints) view returns (uint256[] claimableEthValues)',
  'function claimWithdrawal(uint256 requestId)',
  'function requestWithdrawalsWstETH(uint256[] amounts, address owner) returns (uint256[] requestIds)',
  'function claimWithdrawals(uint256[] requestIds, uint256[] hints)',
  'function MIN_STETH_WITHDRAWAL_AMOUNT() view returns (uint256)',
  'function MAX_STETH_WITHDRAWAL_AMOUNT() view returns (uint256)',
  'function ownerOf(uint256 requestId) view returns (address)',
]);

export const wstethAbi = [
  ...parseAbi([
    'function stEthPerToken() view returns (uint256)',
    'function tokensPerStEth() view returns (uint256)',
    'function getStETHByWstETH(uint256 wstETHAmount) view returns (uint256)',
    'function getWstETHByStETH(uint256 stETHAmount) view returns (uint256)',
  ]),
  ...wrapperAbi,
] as const;

export const rethAbi = [
  ...exchangeRateAbi,
  ...parseAbi([
    'function getEthValue(uint256 rethAmount) view returns (uint256)',
    'function getRethValue(uint256 ethAmount) view returns (uint256)',
  ]),
] as const;

export const rocketStorageAbi = parseAbi(['function getAddress(bytes32 key) view returns (address)']);

export const rocketDepositPoolAbi = ethDepositAbi;

export const cbethAbi = parseAbi(['function exchangeRate() view returns (uint256)']);

export const etherfiLiquidityPoolAbi = [
  ...parseAbi([
    'function amountForShare(uint256 share) view returns (uint256)',
    'function sharesForAmount(uint256 amount) view returns (uint256)',
    'function deposit() payable returns (uint256)',
  ]),
  ...pooledEtherAbi,
  ...depositForAbi,
] as const;

export const weethAbi = [
  ...rateProviderAbi,
  ...parseAbi([
    'function getEETHByWeETH(uint256 weETHAmount) view returns (uint256)',
    'function getWeETHByeETH(uint256 eETHAmount) view returns (uint256)',
  ]),
  ...wrapperAbi,
] as const;

export const renzoRestakeManagerAbi = [
  ...parseAbi([
    'function calculateTVLs() view returns (uint256[][], uint256[], uint256)',
    'function depositETH() payable',
    'function depositETH(uint256 referralId) payable',
  ]),
  ...pausableAbi,
] as const;

export const kelpOracleAbi = parseAbi(['function rsETHPrice() view returns (uint256)', 'function updateRSETHPrice()']);
/**
 * Kelp's CrossChainRateReceiver on an L2 (Kelp-DAO/LRT-rsETH contracts/cross-chain/CrossChainRateReceiver.sol): the rsETH
 * rate last received over LayerZero, and when it landed.
 */
export const kelpRateReceiverAbi = [...rateProviderAbi, ...parseAbi(['function lastUpdated() view returns (uint256)'])] as const;

export const kelpDepositPoolAbi = [
  ...parseAbi([
    'function depositETH(uint256 minRSETHAmountExpected, string referralId) payable',
    'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
    'error MinimumAmountToReceiveNotMet()',
  ]),
  ...pausableAbi,
] as const;

export const pufferVaultAbi = [
  ...erc4626Abi,
  ...parseAbi([
    'function depositETH(address receiver) payable returns (uint256)',
    'function getTotalExitFeeBasisPoints() view returns (uint256)',
  ]),
] as const;

export const rswethAbi = [
  ...parseAbi(['function rswETHToETHRate() view returns (uint256)', 'function ethToRswETHRate() view returns (uint256)']),
  ...rateProviderAbi,
  ...ethDepositAbi,
] as const;

export const staderStakePoolsManagerAbi = [...exchangeRateAbi, ...depositForAbi, ...pausableAbi] as const;

/** StakeWise v3: osETH is minted through a vault, its value read from the OsTokenVaultController. */
export const stakewiseVaultAbi = parseAbi([
  'function depositAndMintOsToken(address receiver, uint256 osTokenShares, address referrer) payable',
]);
export const osTokenVaultControllerAbi = pickAbi(erc4626Abi, ['convertToAssets', 'convertToShares']);

export const mantleStakingAbi = parseAbi([
  'function mETHToETH(uint256 mETHAmount) view returns (uint256)',
  'function ethToMETH(uint256 ethAmount) view returns (uint256)',
  'function stake(uint256 minMETHAmount) payable',
]);
