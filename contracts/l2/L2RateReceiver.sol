// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {Initializable} from "../tokens/base/ERC20Base.sol";

/// Test double of Kelp's CrossChainRateReceiver (Kelp-DAO/LRT-rsETH contracts/cross-chain/CrossChainRateReceiver.sol):
/// the L2 end of a LayerZero rate push. `rate` is ETH per rsETH (1e18) as last received from Ethereum and
/// `lastUpdated` the time it landed; getRate() returns the stored rate however old it is. The devnet's admin
/// stands in for the LayerZero endpoint, so a scenario can deliver an old or low rate on purpose.
contract L2RateReceiver is Initializable {
    event RateUpdated(uint256 newRate);

    uint256 public rate;
    uint256 public lastUpdated;
    string public rateInfo;

    function initialize(string calldata info, uint256 initialRate, uint256 at) external initializer {
        rateInfo = info;
        rate = initialRate;
        lastUpdated = at;
    }

    /// The LayerZero delivery: the rate and the time it is stamped with.
    function deliverRate(uint256 newRate, uint256 at) external onlyAdmin {
        rate = newRate;
        lastUpdated = at;
        emit RateUpdated(newRate);
    }

    function getRate() external view returns (uint256) { return rate; }
}
