// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";
import {IEigenStrategy, IEigenToken, SignatureWithExpiry, QueuedWithdrawalParams, Withdrawal} from "../eigen/EigenTypes.sol";

interface ILidoSubmit {
    function submit(address referral) external payable returns (uint256);
}

interface IStrategyManagerDeposit {
    function depositIntoStrategy(address strategy, address token, uint256 amount) external returns (uint256);
}

interface IDelegationManagerDelegate {
    function delegateTo(address operator, SignatureWithExpiry calldata approverSignatureAndExpiry, bytes32 approverSalt) external;
    function getWithdrawableShares(address staker, address[] calldata strategies)
        external
        view
        returns (uint256[] memory withdrawableShares, uint256[] memory depositShares);
    function queueWithdrawals(QueuedWithdrawalParams[] calldata params) external returns (bytes32[] memory);
    function getQueuedWithdrawals(address staker) external view returns (Withdrawal[] memory withdrawals, uint256[][] memory shares);
}

interface IStrategySharesView {
    function sharesToUnderlyingView(uint256 amountShares) external view returns (uint256);
}

/// Test double of an LRT's EigenLayer staker contract: a Kelp NodeDelegator, a Renzo OperatorDelegator or a
/// Puffer module. On mainnet these restake native ETH through EigenPods or LSTs through strategies; the devnet
/// has no beacon chain, so this double stakes its ETH as stETH into the stETH strategy and delegates like
/// the real ones do (the staker is msg.sender of depositIntoStrategy / delegateTo).
contract LrtStaker is Initializable {
    address public delegationManager;
    address public strategyManager;
    /// "NodeDelegator", "OperatorDelegator" or "PufferModule": for people reading the devnet.
    string public kind;
    /// The strategy restakeEth deposited into (one per staker on the devnet).
    address public strategy;

    function initialize(address delegationManager_, address strategyManager_, string calldata kind_) external initializer {
        delegationManager = delegationManager_;
        strategyManager = strategyManager_;
        kind = kind_;
    }

    /// Stakes every wei this contract holds as stETH, then deposits the stETH into `strategy`.
    function restakeEth(address strategy_) external onlyAdmin returns (uint256 shares) {
        require(strategy == address(0) || strategy == strategy_, "one strategy per staker");
        strategy = strategy_;
        address token = IEigenStrategy(strategy_).underlyingToken();
        ILidoSubmit(token).submit{value: address(this).balance}(address(0));
        uint256 amount = IEigenToken(token).balanceOf(address(this));
        (bool ok, bytes memory data) = token.call(abi.encodeWithSignature("approve(address,uint256)", strategyManager, amount));
        require(ok && (data.length == 0 || abi.decode(data, (bool))), "approve failed");
        shares = IStrategyManagerDeposit(strategyManager).depositIntoStrategy(strategy_, token, amount);
    }

    /// Queues `depositShares` of its strategy for withdrawal (an ether.fi node does when a validator exits).
    function queueWithdrawal(uint256 depositShares) external onlyAdmin returns (bytes32 root) {
        QueuedWithdrawalParams[] memory params = new QueuedWithdrawalParams[](1);
        params[0].strategies = new address[](1);
        params[0].strategies[0] = strategy;
        params[0].depositShares = new uint256[](1);
        params[0].depositShares[0] = depositShares;
        root = IDelegationManagerDelegate(delegationManager).queueWithdrawals(params)[0];
    }

    /// Tokens this staker holds in EigenLayer: its withdrawable shares (deposit shares scaled by the operator's
    /// slashing factor, so a slash shows at once) plus its queued withdrawals' shares (scaled the same way: a slash
    /// during the delay reaches them), converted by the strategy.
    /// Kelp NodeDelegator.getAssetBalance and Renzo OperatorDelegator.getTokenBalanceFromStrategy read the
    /// same thing on mainnet; both names answer here. 0 for any other token.
    function getAssetBalance(address asset) public view returns (uint256) {
        if (strategy == address(0) || IEigenStrategy(strategy).underlyingToken() != asset) return 0;
        address[] memory strategies = new address[](1);
        strategies[0] = strategy;
        (uint256[] memory withdrawable,) = IDelegationManagerDelegate(delegationManager).getWithdrawableShares(address(this), strategies);
        uint256 shares = withdrawable[0];
        (Withdrawal[] memory queued, uint256[][] memory queuedShares) =
            IDelegationManagerDelegate(delegationManager).getQueuedWithdrawals(address(this));
        for (uint256 i = 0; i < queued.length; i++) {
            for (uint256 j = 0; j < queued[i].strategies.length; j++) {
                if (queued[i].strategies[j] == strategy) shares += queuedShares[i][j];
            }
        }
        return IStrategySharesView(strategy).sharesToUnderlyingView(shares);
    }

    function getTokenBalanceFromStrategy(address token) external view returns (uint256) {
        return getAssetBalance(token);
    }

    function delegateTo(address operator) external onlyAdmin {
        IDelegationManagerDelegate(delegationManager).delegateTo(operator, SignatureWithExpiry("", 0), bytes32(0));
    }

    receive() external payable {}
}
