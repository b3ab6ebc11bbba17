// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IEigenToken, IEigenStrategy, IEigenDelegationManager} from "./EigenTypes.sol";

/// Double of EigenLayer's StrategyManager (slashing release): keeps stakers' deposit shares per strategy
/// and tells the DelegationManager about every deposit so it can update the deposit scaling factor.
contract EigenStrategyManager {
    uint8 internal constant MAX_STAKER_STRATEGY_LIST_LENGTH = 32;

    address public owner;
    address public delegation;
    mapping(address => bool) public strategyIsWhitelistedForDeposit;
    mapping(address => mapping(address => uint256)) public stakerDepositShares;
    mapping(address => address[]) public stakerStrategyList;
    mapping(address => uint256) internal _burnableShares;

    event Deposit(address staker, address strategy, uint256 shares);
    event StrategyAddedToDepositWhitelist(address strategy);
    event BurnableSharesIncreased(address strategy, uint256 shares);

    error AlreadyInitialized();
    error OnlyOwner();
    error OnlyDelegationManager();
    error StrategyNotWhitelisted();
    error TokenNotUnderlying();
    error SharesAmountZero();
    error SharesAmountTooHigh();
    error MaxStrategiesExceeded();
    error StakerAddressZero();

    modifier onlyDelegationManager() {
        if (msg.sender != delegation) revert OnlyDelegationManager();
        _;
    }

    function initialize(address owner_, address delegation_) external {
        if (owner != address(0)) revert AlreadyInitialized();
        owner = owner_;
        delegation = delegation_;
    }

    function addStrategiesToDepositWhitelist(address[] calldata strategies) external {
        if (msg.sender != owner) revert OnlyOwner();
        for (uint256 i = 0; i < strategies.length; i++) {
            if (strategyIsWhitelistedForDeposit[strategies[i]]) continue;
            strategyIsWhitelistedForDeposit[strategies[i]] = true;
            emit StrategyAddedToDepositWhitelist(strategies[i]);
        }
    }

    /// Moves `amount` of `token` from the caller to the strategy and credits the caller's deposit shares.
    function depositIntoStrategy(address strategy, address token, uint256 amount) external returns (uint256 depositShares) {
        if (!strategyIsWhitelistedForDeposit[strategy]) revert StrategyNotWhitelisted();
        if (IEigenStrategy(strategy).underlyingToken() != token) revert TokenNotUnderlying();
        require(IEigenToken(token).transferFrom(msg.sender, strategy, amount), "StrategyManager: transferFrom failed");
        depositShares = IEigenStrategy(strategy).deposit(token, amount);
        (uint256 prevDepositShares, uint256 addedShares) = _addShares(msg.sender, strategy, depositShares);
        IEigenDelegationManager(delegation).increaseDelegatedShares(msg.sender, strategy, prevDepositShares, addedShares);
    }

    function getDeposits(address staker) external view returns (address[] memory, uint256[] memory) {
        address[] memory strategies = stakerStrategyList[staker];
        uint256[] memory shares = new uint256[](strategies.length);
        for (uint256 i = 0; i < strategies.length; i++) {
            shares[i] = stakerDepositShares[staker][strategies[i]];
        }
        return (strategies, shares);
    }

    function getStakerStrategyList(address staker) external view returns (address[] memory) {
        return stakerStrategyList[staker];
    }

    function stakerStrategyListLength(address staker) external view returns (uint256) {
        return stakerStrategyList[staker].length;
    }

    function getBurnableShares(address strategy) external view returns (uint256) {
        return _burnableShares[strategy];
    }

    // --- called by the DelegationManager -------------------------------------------------------------

    /// Re-credits shares of a withdrawal completed "as shares".
    function addShares(address staker, address strategy, uint256 shares) external onlyDelegationManager returns (uint256, uint256) {
        return _addShares(staker, strategy, shares);
    }

    function removeDepositShares(address staker, address strategy, uint256 shares)
        external
        onlyDelegationManager
        returns (uint256 sharesAfter)
    {
        if (shares == 0) revert SharesAmountZero();
        uint256 current = stakerDepositShares[staker][strategy];
        if (shares > current) revert SharesAmountTooHigh();
        sharesAfter = current - shares;
        stakerDepositShares[staker][strategy] = sharesAfter;
        if (sharesAfter == 0) _removeStrategyFromList(staker, strategy);
    }

    function withdrawSharesAsTokens(address staker, address strategy, address token, uint256 shares)
        external
        onlyDelegationManager
    {
        IEigenStrategy(strategy).withdraw(staker, token, shares);
    }

    /// Slashed shares are only counted here; the devnet never burns the underlying tokens.
    function increaseBurnableShares(address strategy, uint256 shares) external onlyDelegationManager {
        _burnableShares[strategy] += shares;
        emit BurnableSharesIncreased(strategy, shares);
    }

    function _addShares(address staker, address strategy, uint256 shares) internal returns (uint256, uint256) {
        if (staker == address(0)) revert StakerAddressZero();
        if (shares == 0) revert SharesAmountZero();
        uint256 prevDepositShares = stakerDepositShares[staker][strategy];
        if (prevDepositShares == 0) {
            if (stakerStrategyList[staker].length >= MAX_STAKER_STRATEGY_LIST_LENGTH) revert MaxStrategiesExceeded();
            stakerStrategyList[staker].push(strategy);
        }
        stakerDepositShares[staker][strategy] = prevDepositShares + shares;
        emit Deposit(staker, strategy, shares);
        return (prevDepositShares, shares);
    }

    function _removeStrategyFromList(address staker, address strategy) internal {
        address[] storage list = stakerStrategyList[staker];
        for (uint256 i = 0; i < list.length; i++) {
            if (list[i] == strategy) {
                list[i] = list[list.length - 1];
                list.pop();
                return;
            }
        }
    }
}
