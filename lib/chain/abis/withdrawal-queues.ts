import { parseAbi } from 'viem';
import { pickAbi } from './pick';
import { lidoWithdrawalQueueAbi } from './staking-tokens';

/**
 * Protocol withdrawal queues beyond Lido (whose WithdrawalQueueERC721 ABI lives in staking-tokens.ts).
 * Signatures read from each protocol's public repository; the devnet doubles expose the same ones.
 */

/**
 * ether.fi: LiquidityPool.requestWithdraw pulls eETH and mints a WithdrawRequestNFT
 * (etherfi-protocol/smart-contracts src/core/interfaces/ILiquidityPool.sol). The NFT is a plain ERC-721, not
 * enumerable: an owner's ids are found through ownerOf.
 */
export const etherfiRequestWithdrawAbi = parseAbi(['function requestWithdraw(address recipient, uint256 amount) returns (uint256)']);

/** ether.fi WithdrawRequestNFT (src/withdrawals/WithdrawRequestNFT.sol, interfaces/IWithdrawRequestNFT.sol). */
export const etherfiWithdrawRequestNftAbi = [
  ...parseAbi([
    'struct WithdrawRequest { uint96 amountOfEEth; uint96 shareOfEEth; bool isValid; uint32 feeGwei; }',
    'function nextRequestId() view returns (uint32)',
    'function lastFinalizedRequestId() view returns (uint32)',
    'function getRequest(uint256 requestId) view returns (WithdrawRequest)',
    'function getClaimableAmount(uint256 tokenId) view returns (uint256)',
    'function isFinalized(uint256 requestId) view returns (bool)',
    'function claimWithdraw(uint256 tokenId)',
    // OpenZeppelin ERC721Upgradeable's Transfer (the NFT inherits it): a mint is from 0, a claim burns to 0. The request
    // ids of an owner are found through it because WithdrawRequestCreated changed shape over releases (mainnet adds a
    // fee field, src/WithdrawRequestNFT.sol) and does not index the owner.
    'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
  ]),
  // ERC-721 ownerOf, as Lido's unstETH declares it.
  ...pickAbi(lidoWithdrawalQueueAbi, ['ownerOf']),
] as const;

/**
 * Kelp LRTWithdrawalManager (Kelp-DAO/LRT-rsETH contracts/LRTWithdrawalManager.sol). Requests per (asset, user)
 * sit in a deque of nonces whose public getter returns (begin, end); completeWithdrawal pays the oldest.
 */
export const kelpWithdrawalManagerAbi = parseAbi([
  'function initiateWithdrawal(address asset, uint256 rsETHUnstaked, string referralId)',
  'function completeWithdrawal(address asset, string referralId)',
  'function userAssociatedNonces(address asset, address user) view returns (uint128 _begin, uint128 _end)',
  'function getUserWithdrawalRequest(address asset, address user, uint256 userIndex) view returns (uint256 rsETHAmount, uint256 expectedAssetAmount, uint256 withdrawalStartBlock, uint256 userNonce)',
  'function nextLockedNonce(address asset) view returns (uint256)',
  'function nextUnusedNonce(address asset) view returns (uint256)',
  'function withdrawalDelayBlocks() view returns (uint256)',
  'function getExpectedAssetAmount(address asset, uint256 amount) view returns (uint256)',
]);

/** Puffer PufferWithdrawalManager (PufferFinance/puffer-contracts mainnet-contracts/src/PufferWithdrawalManager.sol). */
export const pufferWithdrawalManagerAbi = parseAbi([
  'struct Withdrawal { uint128 pufETHAmount; uint128 pufETHToETHExchangeRate; address recipient; }',
  'struct WithdrawalBatch { uint64 pufETHToETHExchangeRate; uint88 toBurn; uint96 toTransfer; uint128 withdrawalsClaimed; uint128 amountClaimed; }',
  'function requestWithdrawal(uint128 pufETHAmount, address recipient)',
  'function completeQueuedWithdrawal(uint256 withdrawalIdx)',
  'function getWithdrawalsLength() view returns (uint256)',
  'function getFinalizedWithdrawalBatch() view returns (uint256)',
  'function getWithdrawal(uint256 withdrawalIdx) view returns (Withdrawal)',
  'function getBatch(uint256 batchIdx) view returns (WithdrawalBatch)',
  'function BATCH_SIZE() view returns (uint256)',
  // mainnet-contracts/src/interface/IPufferWithdrawalManager.sol: the recipient is indexed, so eth_getLogs filters by it.
  'event WithdrawalRequested(uint256 indexed withdrawalIdx, uint256 indexed batchIndex, uint256 pufETHAmount, address indexed recipient)',
]);

/**
 * Renzo WithdrawQueue (Renzo-Protocol/contracts-public contracts/Withdraw/WithdrawQueue.sol, WithdrawQueueStorage.sol).
 * Requests per user sit in an array (claimed ones removed by swap-and-pop, so indexes move); claim takes the index.
 * A queued request's status is keyed by keccak256(abi.encode(request, user)).
 */
export const renzoWithdrawQueueAbi = parseAbi([
  'function withdraw(uint256 _amount, address _assetOut)',
  'function claim(uint256 withdrawRequestIndex, address user)',
  'function getOutstandingWithdrawRequests(address user) view returns (uint256)',
  'function withdrawRequests(address user, uint256 index) view returns (address collateralToken, uint256 withdrawRequestID, uint256 amountToRedeem, uint256 ezETHLocked, uint256 createdAt)',
  'function withdrawQueued(bytes32 withdrawHash) view returns (bool queued, uint256 fillAt)',
  'function ethWithdrawQueue() view returns (uint256 queuedWithdrawToFill, uint256 queuedWithdrawFilled)',
  'function coolDownPeriod() view returns (uint256)',
  'function withdrawRequestNonce() view returns (uint256)',
  'function calculateAmountToRedeem(uint256 _amount, address _assetOut) view returns (uint256[][] operatorDelegatorTokenTVLs, uint256 _amountToRedeem)',
]);

/**
 * Mantle: Staking.unstakeRequest pulls mETH (approved to Staking) and fixes ethRequested; the claim goes through
 * Staking too (mantle-lsp/contracts src/Staking.sol). unstakeRequestInfo returns (finalized, filled ETH).
 */
export const mantleStakingUnstakeAbi = parseAbi([
  'function unstakeRequest(uint128 methAmount, uint128 minETHAmount) returns (uint256)',
  'function claimUnstakeRequest(uint256 unstakeRequestID)',
  'function unstakeRequestInfo(uint256 unstakeRequestID) view returns (bool, uint256)',
]);

/** Mantle UnstakeRequestsManager (src/UnstakeRequestsManager.sol, interfaces/IUnstakeRequestsManager.sol): one global array. */
export const mantleUnstakeRequestsManagerAbi = parseAbi([
  'struct UnstakeRequest { uint64 blockNumber; address requester; uint128 id; uint128 mETHLocked; uint128 ethRequested; uint128 cumulativeETHRequested; }',
  'function nextRequestId() view returns (uint256)',
  'function requestByID(uint256 requestID) view returns (UnstakeRequest)',
  'function requestInfo(uint256 requestID) view returns (bool, uint256)',
  'function numberOfBlocksToFinalize() view returns (uint256)',
  'function allocatedETHForClaims() view returns (uint256)',
  // src/UnstakeRequestsManager.sol (UnstakeRequestsManagerEvents): emitted by the manager itself, requester indexed.
  'event UnstakeRequestCreated(uint256 indexed id, address indexed requester, uint256 mETHLocked, uint256 ethRequested, uint256 cumulativeETHRequested, uint256 blockNumber)',
]);
