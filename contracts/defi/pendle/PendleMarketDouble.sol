// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Pendle market double: only the reads a wallet makes (expiry, isExpired, readTokens).
/// The PT price lives in the PYYtLpOracle double; buys go through the router double.
contract PendleMarketDouble {
    address internal sy;
    address internal pt;
    address internal yt;
    uint256 public expiry;

    function initialize(address sy_, address pt_, address yt_, uint256 expiry_) external {
        require(pt == address(0), "Market: initialized");
        (sy, pt, yt, expiry) = (sy_, pt_, yt_, expiry_);
    }

    function readTokens() external view returns (address _SY, address _PT, address _YT) { return (sy, pt, yt); }

    function isExpired() external view returns (bool) { return block.timestamp >= expiry; }
}
