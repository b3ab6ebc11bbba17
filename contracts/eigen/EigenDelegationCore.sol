// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {
    WAD,
    Withdrawal,
    QueuedWithdrawalParams,
    SignatureWithExpiry,
    IEigenStrategyManager,
    IEigenAllocationManager,
    SlashingMath
} from "./EigenTypes.sol";

/// Core of the EigenLayer DelegationManager double (slashing release, v1.x ABI); the withdrawal queue
/// is in EigenDelegationManager.sol. Withdrawable shares are
/// depositShares × depositScalingFactor × maxMagnitude (SlashingLib); a slash lowers the operator's max
/// magnitude and so every delegated staker at once, without per-staker writes. Queued withdrawals keep
/// scaled shares and take slashes until startBlock + minWithdrawalDelayBlocks.
/// Devnet simplifications: delegation approver signatures are not checked (operators registered with an
/// approver refuse other delegators), `allocationDelay` of registerAsOperator is ignored (allocations apply
/// at once), and there is no undelegate / redelegate.
abstract contract EigenDelegationCore {
    struct CumulativeScaled {
        uint32 blockNumber;
        uint224 value;
    }

    address public owner;
    address public strategyManager;
    address public allocationManager;
    uint32 internal _minWithdrawalDelayBlocks;

    mapping(address => address) public delegatedTo;
    mapping(address => address) public delegationApprover;
    mapping(address => mapping(address => uint256)) public operatorShares;
    mapping(address => mapping(address => uint256)) internal _depositScalingFactor;
    mapping(address => uint256) public cumulativeWithdrawalsQueued;
    mapping(bytes32 => bool) public pendingWithdrawals;
    mapping(bytes32 => Withdrawal) internal _queuedWithdrawals;
    mapping(address => bytes32[]) internal _stakerQueuedRoots;
    /// operator => strategy => running total of scaled shares ever queued (for slashing the queue).
    mapping(address => mapping(address => CumulativeScaled[])) internal _cumulativeScaledShares;

    event OperatorRegistered(address indexed operator, address delegationApprover);
    event OperatorMetadataURIUpdated(address indexed operator, string metadataURI);
    event StakerDelegated(address indexed staker, address indexed operator);
    event OperatorSharesIncreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesDecreased(address indexed operator, address staker, address strategy, uint256 shares);
    event OperatorSharesSlashed(address indexed operator, address strategy, uint256 totalSlashedShares);
    event DepositScalingFactorUpdated(address staker, address strategy, uint256 newDepositScalingFactor);
    event SlashingWithdrawalQueued(bytes32 withdrawalRoot, Withdrawal withdrawal, uint256[] sharesToWithdraw);
    event SlashingWithdrawalCompleted(bytes32 withdrawalRoot);
    event MinWithdrawalDelayBlocksSet(uint32 blocks);

    error AlreadyInitialized();
    error OnlyOwner();
    error OnlyStrategyManager();
    error OnlyAllocationManager();
    error ActivelyDelegated();
    error OperatorNotRegistered();
    error ApproverSignaturesUnsupported();
    error InputArrayLengthZero();
    error InputArrayLengthMismatch();
    error WithdrawalNotQueued();
    error WithdrawerNotCaller();
    error WithdrawalDelayNotElapsed();

    function initialize(address owner_, address strategyManager_, address allocationManager_, uint32 delayBlocks) external {
        if (owner != address(0)) revert AlreadyInitialized();
        owner = owner_;
        strategyManager = strategyManager_;
        allocationManager = allocationManager_;
        _minWithdrawalDelayBlocks = delayBlocks;
        emit MinWithdrawalDelayBlocksSet(delayBlocks);
    }

    /// Devnet knob: mainnet has a fixed 100 800 blocks (14 days).
    function setMinWithdrawalDelayBlocks(uint32 delayBlocks) external {
        if (msg.sender != owner) revert OnlyOwner();
        _minWithdrawalDelayBlocks = delayBlocks;
        emit MinWithdrawalDelayBlocksSet(delayBlocks);
    }

    function minWithdrawalDelayBlocks() external view returns (uint32) {
        return _minWithdrawalDelayBlocks;
    }

    // --- operators and delegation --------------------------------------------------------------------

    /// Mainnet signature; the operator delegates to itself. `allocationDelay` is ignored on the devnet.
    function registerAsOperator(address initDelegationApprover, uint32, string calldata metadataURI) external {
        if (delegatedTo[msg.sender] != address(0)) revert ActivelyDelegated();
        delegationApprover[msg.sender] = initDelegationApprover;
        emit OperatorRegistered(msg.sender, initDelegationApprover);
        emit OperatorMetadataURIUpdated(msg.sender, metadataURI);
        _delegate(msg.sender, msg.sender);
    }

    function isOperator(address operator) public view returns (bool) {
        return operator != address(0) && delegatedTo[operator] == operator;
    }

    function isDelegated(address staker) public view returns (bool) {
        return delegatedTo[staker] != address(0);
    }

    function delegateTo(address operator, SignatureWithExpiry calldata, bytes32) external {
        if (isDelegated(msg.sender)) revert ActivelyDelegated();
        if (!isOperator(operator)) revert OperatorNotRegistered();
        address approver = delegationApprover[operator];
        if (approver != address(0) && approver != msg.sender) revert ApproverSignaturesUnsupported();
        _delegate(msg.sender, operator);
    }

    function _delegate(address staker, address operator) internal {
        delegatedTo[staker] = operator;
        emit StakerDelegated(staker, operator);
        (address[] memory strategies, uint256[] memory depositShares) = IEigenStrategyManager(strategyManager).getDeposits(staker);
        for (uint256 i = 0; i < strategies.length; i++) {
            _increaseDelegation(operator, staker, strategies[i], 0, depositShares[i], _maxMagnitude(operator, strategies[i]));
        }
    }

    /// Called by the StrategyManager on every deposit.
    function increaseDelegatedShares(address staker, address strategy, uint256 prevDepositShares, uint256 addedShares) external {
        if (msg.sender != strategyManager) revert OnlyStrategyManager();
        address operator = delegatedTo[staker];
        _increaseDelegation(operator, staker, strategy, prevDepositShares, addedShares, _maxMagnitude(operator, strategy));
    }

    function _increaseDelegation(
        address operator,
        address staker,
        address strategy,
        uint256 prevDepositShares,
        uint256 addedShares,
        uint256 slashingFactor
    ) internal {
        uint256 dsf = SlashingMath.updatedDsf(_depositScalingFactor[staker][strategy], prevDepositShares, addedShares, slashingFactor);
        _depositScalingFactor[staker][strategy] = dsf;
        emit DepositScalingFactorUpdated(staker, strategy, dsf);
        if (operator != address(0)) {
            operatorShares[operator][strategy] += addedShares;
            emit OperatorSharesIncreased(operator, staker, strategy, addedShares);
        }
    }

    // --- slashing ------------------------------------------------------------------------------------

    /// Called by the AllocationManager for each slashed strategy; returns operator + queued shares slashed.
    function slashOperatorShares(address operator, address strategy, uint64 prevMaxMagnitude, uint64 newMaxMagnitude)
        external
        returns (uint256 totalDepositSharesToSlash)
    {
        if (msg.sender != allocationManager) revert OnlyAllocationManager();
        uint256 operatorSharesSlashed =
            SlashingMath.calcSlashedAmount(operatorShares[operator][strategy], prevMaxMagnitude, newMaxMagnitude);
        uint256 queuedScaled = _latestCumulative(operator, strategy) - _cumulativeAtOrBefore(operator, strategy, _slashableQueueStart());
        totalDepositSharesToSlash = operatorSharesSlashed + SlashingMath.mulWad(queuedScaled, prevMaxMagnitude - newMaxMagnitude);
        operatorShares[operator][strategy] -= operatorSharesSlashed;
        emit OperatorSharesDecreased(operator, address(0), strategy, operatorSharesSlashed);
        emit OperatorSharesSlashed(operator, strategy, totalDepositSharesToSlash);
        if (totalDepositSharesToSlash > 0) {
            IEigenStrategyManager(strategyManager).increaseBurnableShares(strategy, totalDepositSharesToSlash);
        }
    }

    // --- views ---------------------------------------------------------------------------------------

    function depositScalingFactor(address staker, address strategy) external view returns (uint256) {
        return SlashingMath.scalingFactor(_depositScalingFactor[staker][strategy]);
    }

    function getWithdrawableShares(address staker, address[] calldata strategies)
        external
        view
        returns (uint256[] memory withdrawableShares, uint256[] memory depositShares)
    {
        withdrawableShares = new uint256[](strategies.length);
        depositShares = new uint256[](strategies.length);
        address operator = delegatedTo[staker];
        for (uint256 i = 0; i < strategies.length; i++) {
            depositShares[i] = IEigenStrategyManager(strategyManager).stakerDepositShares(staker, strategies[i]);
            withdrawableShares[i] = SlashingMath.calcWithdrawable(
                depositShares[i], _depositScalingFactor[staker][strategies[i]], _maxMagnitude(operator, strategies[i])
            );
        }
    }

    function getDepositedShares(address staker) external view returns (address[] memory, uint256[] memory) {
        return IEigenStrategyManager(strategyManager).getDeposits(staker);
    }

    function getOperatorShares(address operator, address[] calldata strategies) external view returns (uint256[] memory shares) {
        shares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            shares[i] = operatorShares[operator][strategies[i]];
        }
    }

    function getSlashableSharesInQueue(address operator, address strategy) external view returns (uint256) {
        uint256 queuedScaled = _latestCumulative(operator, strategy) - _cumulativeAtOrBefore(operator, strategy, _slashableQueueStart());
        return SlashingMath.mulWad(queuedScaled, _maxMagnitude(operator, strategy));
    }

    function _maxMagnitude(address operator, address strategy) internal view returns (uint256) {
        if (operator == address(0)) return WAD;
        return IEigenAllocationManager(allocationManager).getMaxMagnitude(operator, strategy);
    }

    // --- queue bookkeeping (used by EigenDelegationManager) -------------------------------------------

    /// Withdrawals queued at or before this block are past their slashable window.
    function _slashableQueueStart() internal view returns (uint256) {
        return block.number > uint256(_minWithdrawalDelayBlocks) + 1 ? block.number - _minWithdrawalDelayBlocks - 1 : 0;
    }

    function _addQueuedScaledShares(address operator, address strategy, uint256 scaledShares) internal {
        CumulativeScaled[] storage history = _cumulativeScaledShares[operator][strategy];
        uint224 next = uint224(_latestCumulative(operator, strategy) + scaledShares);
        if (history.length > 0 && history[history.length - 1].blockNumber == block.number) {
            history[history.length - 1].value = next;
        } else {
            history.push(CumulativeScaled(uint32(block.number), next));
        }
    }

    function _latestCumulative(address operator, address strategy) internal view returns (uint256) {
        CumulativeScaled[] storage history = _cumulativeScaledShares[operator][strategy];
        return history.length == 0 ? 0 : history[history.length - 1].value;
    }

    function _cumulativeAtOrBefore(address operator, address strategy, uint256 blockNumber) internal view returns (uint256) {
        CumulativeScaled[] storage history = _cumulativeScaledShares[operator][strategy];
        for (uint256 i = history.length; i > 0; i--) {
            if (history[i - 1].blockNumber <= blockNumber) return history[i - 1].value;
        }
        return 0;
    }
}
