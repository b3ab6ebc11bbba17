// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {WAD, Withdrawal, QueuedWithdrawalParams, IEigenStrategyManager, IEigenAllocationManager, SlashingMath} from "./EigenTypes.sol";
import {EigenDelegationCore} from "./EigenDelegationCore.sol";

/// Double of EigenLayer's DelegationManager (placed at the mainnet proxy address): delegation core plus
/// the slashing-era withdrawal queue. A queued withdrawal stores scaled shares (depositShares × dsf); on
/// completion they are multiplied by the operator's max magnitude at startBlock + minWithdrawalDelayBlocks,
/// so a slash during the delay reaches queued stake too.
contract EigenDelegationManager is EigenDelegationCore {
    function queueWithdrawals(QueuedWithdrawalParams[] calldata params) external returns (bytes32[] memory roots) {
        roots = new bytes32[](params.length);
        address operator = delegatedTo[msg.sender];
        for (uint256 i = 0; i < params.length; i++) {
            if (params[i].strategies.length == 0) revert InputArrayLengthZero();
            if (params[i].strategies.length != params[i].depositShares.length) revert InputArrayLengthMismatch();
            roots[i] = _removeSharesAndQueueWithdrawal(msg.sender, operator, params[i].strategies, params[i].depositShares);
        }
    }

    function _removeSharesAndQueueWithdrawal(
        address staker,
        address operator,
        address[] calldata strategies,
        uint256[] calldata depositSharesToWithdraw
    ) internal returns (bytes32 root) {
        uint256[] memory scaledShares = new uint256[](strategies.length);
        uint256[] memory withdrawableShares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            address strategy = strategies[i];
            uint256 dsf = _depositScalingFactor[staker][strategy];
            withdrawableShares[i] = SlashingMath.calcWithdrawable(depositSharesToWithdraw[i], dsf, _maxMagnitude(operator, strategy));
            scaledShares[i] = SlashingMath.mulWad(depositSharesToWithdraw[i], SlashingMath.scalingFactor(dsf));
            if (operator != address(0)) {
                // The operator stops counting these shares now; the queue stays slashable through the history.
                operatorShares[operator][strategy] -= withdrawableShares[i];
                emit OperatorSharesDecreased(operator, staker, strategy, withdrawableShares[i]);
                _addQueuedScaledShares(operator, strategy, scaledShares[i]);
            }
            uint256 sharesAfter = IEigenStrategyManager(strategyManager).removeDepositShares(staker, strategy, depositSharesToWithdraw[i]);
            if (sharesAfter == 0) _depositScalingFactor[staker][strategy] = 0;
        }

        uint256 nonce = cumulativeWithdrawalsQueued[staker]++;
        Withdrawal memory withdrawal = Withdrawal({
            staker: staker,
            delegatedTo: operator,
            withdrawer: staker,
            nonce: nonce,
            startBlock: uint32(block.number),
            strategies: strategies,
            scaledShares: scaledShares
        });
        root = calculateWithdrawalRoot(withdrawal);
        _queuedWithdrawals[root] = withdrawal;
        _stakerQueuedRoots[staker].push(root);
        pendingWithdrawals[root] = true;
        emit SlashingWithdrawalQueued(root, withdrawal, withdrawableShares);
    }

    /// Reverts with WithdrawalDelayNotElapsed until block.number > startBlock + minWithdrawalDelayBlocks.
    function completeQueuedWithdrawal(Withdrawal calldata withdrawal, address[] calldata tokens, bool receiveAsTokens) external {
        _completeQueuedWithdrawal(withdrawal, tokens, receiveAsTokens);
    }

    /// Mainnet's batch form: one withdrawal after the other, each with its own tokens and receiveAsTokens.
    function completeQueuedWithdrawals(Withdrawal[] calldata withdrawals, address[][] calldata tokens, bool[] calldata receiveAsTokens)
        external
    {
        if (withdrawals.length != tokens.length || withdrawals.length != receiveAsTokens.length) revert InputArrayLengthMismatch();
        for (uint256 i = 0; i < withdrawals.length; i++) _completeQueuedWithdrawal(withdrawals[i], tokens[i], receiveAsTokens[i]);
    }

    function _completeQueuedWithdrawal(Withdrawal calldata withdrawal, address[] calldata tokens, bool receiveAsTokens) internal {
        bytes32 root = calculateWithdrawalRoot(withdrawal);
        if (!pendingWithdrawals[root]) revert WithdrawalNotQueued();
        if (msg.sender != withdrawal.withdrawer) revert WithdrawerNotCaller();
        if (tokens.length != withdrawal.strategies.length) revert InputArrayLengthMismatch();
        uint32 slashableUntil = withdrawal.startBlock + _minWithdrawalDelayBlocks;
        if (slashableUntil >= uint32(block.number)) revert WithdrawalDelayNotElapsed();

        uint256[] memory shares = _sharesOfWithdrawal(withdrawal, slashableUntil);
        delete pendingWithdrawals[root];
        delete _queuedWithdrawals[root];
        _removeRoot(withdrawal.staker, root);

        address newOperator = delegatedTo[withdrawal.staker];
        for (uint256 i = 0; i < withdrawal.strategies.length; i++) {
            if (shares[i] == 0) continue;
            address strategy = withdrawal.strategies[i];
            if (receiveAsTokens) {
                IEigenStrategyManager(strategyManager).withdrawSharesAsTokens(withdrawal.staker, strategy, tokens[i], shares[i]);
            } else {
                (uint256 prevDepositShares, uint256 addedShares) =
                    IEigenStrategyManager(strategyManager).addShares(withdrawal.staker, strategy, shares[i]);
                _increaseDelegation(
                    newOperator, withdrawal.staker, strategy, prevDepositShares, addedShares, _maxMagnitude(newOperator, strategy)
                );
            }
        }
        emit SlashingWithdrawalCompleted(root);
    }

    /// Shares each strategy of the withdrawal pays out: scaled shares × max magnitude at `atBlock`
    /// (or now, if that block is still ahead).
    function _sharesOfWithdrawal(Withdrawal memory withdrawal, uint32 atBlock) internal view returns (uint256[] memory shares) {
        uint256 n = withdrawal.strategies.length;
        shares = new uint256[](n);
        uint64[] memory magnitudes = new uint64[](n);
        if (withdrawal.delegatedTo != address(0)) {
            uint32 lookup = atBlock < uint32(block.number) ? atBlock : uint32(block.number);
            magnitudes = IEigenAllocationManager(allocationManager).getMaxMagnitudesAtBlock(
                withdrawal.delegatedTo, withdrawal.strategies, lookup
            );
        }
        for (uint256 i = 0; i < n; i++) {
            uint256 slashingFactor = withdrawal.delegatedTo == address(0) ? WAD : magnitudes[i];
            shares[i] = SlashingMath.mulWad(withdrawal.scaledShares[i], slashingFactor);
        }
    }

    function getQueuedWithdrawals(address staker)
        external
        view
        returns (Withdrawal[] memory withdrawals, uint256[][] memory shares)
    {
        bytes32[] memory roots = _stakerQueuedRoots[staker];
        withdrawals = new Withdrawal[](roots.length);
        shares = new uint256[][](roots.length);
        for (uint256 i = 0; i < roots.length; i++) {
            withdrawals[i] = _queuedWithdrawals[roots[i]];
            shares[i] = _sharesOfWithdrawal(withdrawals[i], withdrawals[i].startBlock + _minWithdrawalDelayBlocks);
        }
    }

    function getQueuedWithdrawal(bytes32 withdrawalRoot) external view returns (Withdrawal memory withdrawal, uint256[] memory shares) {
        withdrawal = _queuedWithdrawals[withdrawalRoot];
        if (withdrawal.staker != address(0)) {
            shares = _sharesOfWithdrawal(withdrawal, withdrawal.startBlock + _minWithdrawalDelayBlocks);
        }
    }

    function getQueuedWithdrawalRoots(address staker) external view returns (bytes32[] memory) {
        return _stakerQueuedRoots[staker];
    }

    function calculateWithdrawalRoot(Withdrawal memory withdrawal) public pure returns (bytes32) {
        return keccak256(abi.encode(withdrawal));
    }

    function _removeRoot(address staker, bytes32 root) internal {
        bytes32[] storage roots = _stakerQueuedRoots[staker];
        for (uint256 i = 0; i < roots.length; i++) {
            if (roots[i] == root) {
                roots[i] = roots[roots.length - 1];
                roots.pop();
                return;
            }
        }
    }
}
