import { parseAbi } from 'viem';

/** EigenLayer core contracts (reference §2.1), slashing release: the structs are shared by the ABIs below. */
const OPERATOR_SET = 'struct OperatorSet { address avs; uint32 id; }';
const ALLOCATION = 'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }';
const SIGNATURE_WITH_EXPIRY = 'struct SignatureWithExpiry { bytes signature; uint256 expiry; }';
const QUEUED_WITHDRAWAL_PARAMS =
  'struct QueuedWithdrawalParams { address[] strategies; uint256[] depositShares; address __deprecated_withdrawer; }';
const WITHDRAWAL =
  'struct Withdrawal { address staker; address delegatedTo; address withdrawer; uint256 nonce; uint32 startBlock; address[] strategies; uint256[] scaledShares; }';

export const strategyManagerAbi = parseAbi([
  'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256 depositShares)',
  'function getDeposits(address staker) view returns (address[], uint256[])',
  'event Deposit(address staker, address strategy, uint256 shares)',
]);

export const delegationManagerAbi = parseAbi([
  SIGNATURE_WITH_EXPIRY,
  QUEUED_WITHDRAWAL_PARAMS,
  WITHDRAWAL,
  'function delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)',
  'function undelegate(address staker) returns (bytes32[])',
  'function queueWithdrawals(QueuedWithdrawalParams[] params) returns (bytes32[])',
  'function delegatedTo(address staker) view returns (address)',
  'function isOperator(address operator) view returns (bool)',
  'function getDepositedShares(address staker) view returns (address[], uint256[])',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function getQueuedWithdrawals(address staker) view returns (Withdrawal[] withdrawals, uint256[][] shares)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
  'function completeQueuedWithdrawals(Withdrawal[] withdrawals, address[][] tokens, bool[] receiveAsTokens)',
]);

/**
 * AllocationManager: magnitudes and operator sets, and the slashing events. Every event parameter is
 * non-indexed (reference §2.1): a log filter is address + topic0, the operator comes from the data.
 */
export const allocationManagerAbi = parseAbi([
  OPERATOR_SET,
  ALLOCATION,
  'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
  'function getEncumberedMagnitude(address operator, address strategy) view returns (uint64)',
  'function getAllocatedSets(address operator) view returns (OperatorSet[])',
  'function getAllocation(address operator, OperatorSet operatorSet, address strategy) view returns (Allocation)',
  'function getStrategyAllocations(address operator, address strategy) view returns (OperatorSet[], Allocation[])',
  'event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description)',
  'event MaxMagnitudeUpdated(address operator, address strategy, uint64 maxMagnitude)',
]);

export const strategyAbi = parseAbi([
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
  'function underlyingToken() view returns (address)',
]);
