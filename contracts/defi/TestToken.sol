// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DefiERC20} from "./common/DefiERC20.sol";

/// Freely mintable ERC-20 for the DeFi doubles' own tests, placed at real token addresses so the
/// doubles are exercised with the addresses they get on the devnet. getRate() mimics weETH's
/// IRateProvider (1e18 until set) so rate-aware pools can be tested without the real token double.
contract TestToken is DefiERC20 {
    uint256 internal rate;

    function initialize(string calldata name_, string calldata symbol_) external {
        require(bytes(name).length == 0, "TestToken: initialized");
        name = name_;
        symbol = symbol_;
    }

    function mint(address to, uint256 value) external { _mint(to, value); }

    function burn(uint256 value) external { _burn(msg.sender, value); }

    function setRate(uint256 rateWad) external { rate = rateWad; }

    function getRate() external view returns (uint256) { return rate == 0 ? 1e18 : rate; }
}
