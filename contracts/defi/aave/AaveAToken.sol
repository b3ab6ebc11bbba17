// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DefiERC20} from "../common/DefiERC20.sol";
import {IERC20Min} from "../curve/CurveStableSwapSTETH.sol";

/// Aave v3 aToken double: 1 aToken = 1 underlying (no interest accrues on the devnet, so the scaled
/// balance equals the balance). It holds the reserve's underlying, like the real aToken; only the
/// pool mints, burns and moves underlying out. Transfers do not check the sender's health factor.
contract AaveAToken is DefiERC20 {
    address public POOL;
    address public UNDERLYING_ASSET_ADDRESS;

    function initialize(address pool, address underlying, string calldata name_, string calldata symbol_) external {
        require(POOL == address(0), "AToken: initialized");
        POOL = pool;
        UNDERLYING_ASSET_ADDRESS = underlying;
        name = name_;
        symbol = symbol_;
    }

    modifier onlyPool() {
        require(msg.sender == POOL, "AToken: only pool");
        _;
    }

    function mint(address onBehalfOf, uint256 amount) external onlyPool { _mint(onBehalfOf, amount); }

    function burn(address from, address receiverOfUnderlying, uint256 amount) external onlyPool {
        _burn(from, amount);
        require(IERC20Min(UNDERLYING_ASSET_ADDRESS).transfer(receiverOfUnderlying, amount), "AToken: underlying transfer");
    }

    function transferUnderlyingTo(address target, uint256 amount) external onlyPool {
        require(IERC20Min(UNDERLYING_ASSET_ADDRESS).transfer(target, amount), "AToken: underlying transfer");
    }

    function scaledBalanceOf(address user) external view returns (uint256) { return balanceOf[user]; }
    function scaledTotalSupply() external view returns (uint256) { return totalSupply; }
}
