// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {ERC20Plain, OTHER_HOLDERS} from "./base/ERC20Base.sol";

/// Test double of cbETH (0xBe989514…9704): Coinbase-issued (no public mint), STORED exchangeRate
/// updated by an oracle role; pausable.
contract CbETH is ERC20Plain {
    event ExchangeRateUpdated(address indexed oracle, uint256 newExchangeRate);
    event Mint(address indexed minter, address indexed to, uint256 amount);

    uint256 public exchangeRate;
    bool public paused;

    function name() public pure override returns (string memory) { return "Coinbase Wrapped Staked ETH"; }
    function symbol() public pure override returns (string memory) { return "cbETH"; }

    function initialize(uint256 initialSupply, uint256 initialRate) external initializer {
        exchangeRate = initialRate;
        _mint(OTHER_HOLDERS, initialSupply);
    }

    function updateExchangeRate(uint256 newExchangeRate) external onlyAdmin {
        require(newExchangeRate > 0, "StakedTokenV1: new exchange rate cannot be 0");
        exchangeRate = newExchangeRate;
        emit ExchangeRateUpdated(msg.sender, newExchangeRate);
    }

    function mint(address to, uint256 amount) external onlyAdmin returns (bool) {
        require(!paused, "Pausable: paused");
        _mint(to, amount);
        emit Mint(msg.sender, to, amount);
        return true;
    }

    function setPaused(bool value) external onlyAdmin { paused = value; }
}
