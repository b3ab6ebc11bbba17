import { parseAbi } from 'viem';

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
export const etherfiWithdrawRequestNftAbi = parseAbi([
  'struct WithdrawRequest { uint96 amountOfEEth; uint96 shareOfEEth; bool isValid; uint32 feeGwei; }',
  'function nextRequestId() view returns (uint32)',
  'function lastFinalizedRequestId() view returns (uint32)',
  'function getRequest(uint256 requestId) view returns (WithdrawRequest)',
  'function getClaimableAmount(uint256 tokenId) view returns (uint256)',
  'function isFinalized(uint256 requestId) view returns (bool)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function claimWithdraw(uint256 tokenId)',
]);

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
]);
