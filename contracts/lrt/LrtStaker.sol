// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";
import {IEigenStrategy, IEigenToken, SignatureWithExpiry} from "../eigen/EigenTypes.sol";

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

    /// Tokens this staker could withdraw from EigenLayer now: its withdrawable shares (deposit shares
    /// scaled by the operator's slashing factor, so a slash shows at once) converted by the strategy.
    /// Kelp NodeDelegator.getAssetBalance and Renzo OperatorDelegator.getTokenBalanceFromStrategy read the
    /// same thing on mainnet; both names answer here. 0 for any other token.
    function getAssetBalance(address asset) public view returns (uint256) {
        if (strategy == address(0) || IEigenStrategy(strategy).underlyingToken() != asset) return 0;
        address[] memory strategies = new address[](1);
        strategies[0] = strategy;
        (uint256[] memory withdrawable,) = IDelegationManagerDelegate(delegationManager).getWithdrawableShares(address(this), strategies);
        return IStrategySharesView(strategy).sharesToUnderlyingView(withdrawable[0]);
    }

    function getTokenBalanceFromStrategy(address token) external view returns (uint256) {
        return getAssetBalance(token);
    }

    function delegateTo(address operator) external onlyAdmin {
        IDelegationManagerDelegate(delegationManager).delegateTo(operator, SignatureWithExpiry("", 0), bytes32(0));
    }

    receive() external payable {}
}
