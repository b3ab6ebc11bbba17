// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DefiERC20} from "../common/DefiERC20.sol";

/// Pendle PT double: an ERC-20 with expiry()/isExpired()/SY()/YT() (SY and YT may be zero on the devnet).
/// Only the minter (the router double) mints and burns.
contract PendlePT is DefiERC20 {
    uint256 public expiry;
    address public SY;
    address public YT;
    address public minter;

    function initialize(string calldata name_, string calldata symbol_, uint256 expiry_, address sy, address yt, address minter_) external {
        require(minter == address(0), "PT: initialized");
        name = name_;
        symbol = symbol_;
        expiry = expiry_;
        SY = sy;
        YT = yt;
        minter = minter_;
    }

    function isExpired() external view returns (bool) { return block.timestamp >= expiry; }

    function mintByMinter(address to, uint256 amount) external {
        require(msg.sender == minter, "PT: only minter");
        _mint(to, amount);
    }

    function burnByMinter(address from, uint256 amount) external {
        require(msg.sender == minter, "PT: only minter");
        _burn(from, amount);
    }
}
