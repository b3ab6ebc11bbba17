// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// PYYtLpOracle double (0x9a9fa8338dd5e5b2188006f1cd2ef26d921650c2). getPtToAssetRate answers the settable
/// rate of a market (1e18 = 1 PT worth 1 unit of the accounting asset) whatever the TWAP duration, and
/// exactly 1e18 once the market expired (PT redeems 1:1 at maturity).
interface IPendleMarketExpiry {
    function expiry() external view returns (uint256);
}

contract PendlePtOracleDouble {
    address public owner;
    mapping(address => uint256) internal ptToAsset;

    function initialize() external {
        require(owner == address(0), "PtOracle: initialized");
        owner = msg.sender;
    }

    function setPtToAssetRate(address market, uint256 rateWad) external {
        require(msg.sender == owner, "PtOracle: only owner");
        require(rateWad > 0 && rateWad <= 1e18, "PtOracle: rate must be in (0, 1e18]");
        ptToAsset[market] = rateWad;
    }

    function getPtToAssetRate(address market, uint32) public view returns (uint256) {
        if (block.timestamp >= IPendleMarketExpiry(market).expiry()) return 1e18;
        uint256 rate = ptToAsset[market];
        require(rate > 0, "PtOracle: unknown market");
        return rate;
    }

    /// SY is taken 1:1 with the accounting asset on the devnet.
    function getPtToSyRate(address market, uint32 duration) external view returns (uint256) { return getPtToAssetRate(market, duration); }

    function getOracleState(address, uint32) external pure returns (bool increaseCardinalityRequired, uint16 cardinalityRequired, bool oldestObservationSatisfied) {
        return (false, 0, true);
    }
}
