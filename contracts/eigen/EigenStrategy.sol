// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEigenToken, IEigenStrategyManager} from "./EigenTypes.sol";

/// Double of EigenLayer's StrategyBase (placed at the EIGEN_STRATEGIES mainnet addresses). Same share math:
/// virtual offsets of 1e3 shares / 1e3 wei guard against inflation attacks, so shares ≈ tokens at 1:1
/// for the first depositor and `sharesToUnderlyingView` grows only when the token balance does.
contract EigenStrategy {
    uint256 internal constant SHARES_OFFSET = 1e3;
    uint256 internal constant BALANCE_OFFSET = 1e3;
    uint256 internal constant MAX_TOTAL_SHARES = 1e38 - 1;

    address public underlyingToken;
    address public strategyManager;
    uint256 public totalShares;

    event ExchangeRateEmitted(uint256 rate);
    event StrategyTokenSet(address token, uint8 decimals);

    error OnlyStrategyManager();
    error OnlyUnderlyingToken();
    error NewSharesZero();
    error TotalSharesExceedsMax();
    error WithdrawalAmountExceedsTotalDeposits();
    error AlreadyInitialized();

    modifier onlyStrategyManager() {
        if (msg.sender != strategyManager) revert OnlyStrategyManager();
        _;
    }

    /// Set-up in place of the proxy initializer; callable once.
    function initialize(address token, address strategyManager_) external {
        if (strategyManager != address(0)) revert AlreadyInitialized();
        underlyingToken = token;
        strategyManager = strategyManager_;
        emit StrategyTokenSet(token, 18);
    }

    /// Called by the StrategyManager after it moved `amount` tokens here.
    function deposit(address token, uint256 amount) external onlyStrategyManager returns (uint256 newShares) {
        if (token != underlyingToken) revert OnlyUnderlyingToken();
        uint256 priorTotalShares = totalShares;
        uint256 virtualShareAmount = priorTotalShares + SHARES_OFFSET;
        uint256 virtualTokenBalance = _tokenBalance() + BALANCE_OFFSET;
        uint256 virtualPriorTokenBalance = virtualTokenBalance - amount;
        newShares = (amount * virtualShareAmount) / virtualPriorTokenBalance;
        if (newShares == 0) revert NewSharesZero();
        totalShares = priorTotalShares + newShares;
        if (totalShares > MAX_TOTAL_SHARES) revert TotalSharesExceedsMax();
        _emitExchangeRate(virtualTokenBalance, totalShares + SHARES_OFFSET);
    }

    function withdraw(address recipient, address token, uint256 amountShares) external onlyStrategyManager {
        if (token != underlyingToken) revert OnlyUnderlyingToken();
        uint256 priorTotalShares = totalShares;
        if (amountShares > priorTotalShares) revert WithdrawalAmountExceedsTotalDeposits();
        uint256 virtualPriorTotalShares = priorTotalShares + SHARES_OFFSET;
        uint256 virtualTokenBalance = _tokenBalance() + BALANCE_OFFSET;
        uint256 amountToSend = (virtualTokenBalance * amountShares) / virtualPriorTotalShares;
        totalShares = priorTotalShares - amountShares;
        _emitExchangeRate(virtualTokenBalance - amountToSend, totalShares + SHARES_OFFSET);
        require(IEigenToken(token).transfer(recipient, amountToSend), "EigenStrategy: transfer failed");
    }

    function sharesToUnderlyingView(uint256 amountShares) public view returns (uint256) {
        return ((_tokenBalance() + BALANCE_OFFSET) * amountShares) / (totalShares + SHARES_OFFSET);
    }

    function underlyingToSharesView(uint256 amountUnderlying) public view returns (uint256) {
        return (amountUnderlying * (totalShares + SHARES_OFFSET)) / (_tokenBalance() + BALANCE_OFFSET);
    }

    function sharesToUnderlying(uint256 amountShares) external view returns (uint256) {
        return sharesToUnderlyingView(amountShares);
    }

    function underlyingToShares(uint256 amountUnderlying) external view returns (uint256) {
        return underlyingToSharesView(amountUnderlying);
    }

    /// Deposit shares of a user (they are kept by the StrategyManager).
    function shares(address user) public view returns (uint256) {
        return IEigenStrategyManager(strategyManager).stakerDepositShares(user, address(this));
    }

    function userUnderlyingView(address user) external view returns (uint256) {
        return sharesToUnderlyingView(shares(user));
    }

    function explanation() external pure returns (string memory) {
        return "Base Strategy implementation to inherit from for more complex implementations";
    }

    function _tokenBalance() internal view returns (uint256) {
        return IEigenToken(underlyingToken).balanceOf(address(this));
    }

    function _emitExchangeRate(uint256 virtualTokenBalance, uint256 virtualTotalShares) internal {
        emit ExchangeRateEmitted((1e18 * virtualTokenBalance) / virtualTotalShares);
    }
}
