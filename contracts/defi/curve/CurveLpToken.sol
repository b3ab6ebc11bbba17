// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DefiERC20} from "../common/DefiERC20.sol";

/// Curve LP token (CurveTokenV3 shape): a plain ERC-20 whose minter is the pool.
contract CurveLpToken is DefiERC20 {
    address public minter;

    function initialize(string calldata name_, string calldata symbol_, address minter_) external {
        require(minter == address(0), "CurveLpToken: initialized");
        name = name_;
        symbol = symbol_;
        minter = minter_;
    }

    function mint(address to, uint256 value) external returns (bool) {
        require(msg.sender == minter, "CurveLpToken: only minter");
        _mint(to, value);
        return true;
    }

    function burnFrom(address from, uint256 value) external returns (bool) {
        require(msg.sender == minter, "CurveLpToken: only minter");
        _burn(from, value);
        return true;
    }
}
