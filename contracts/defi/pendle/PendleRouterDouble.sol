// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {IERC20Min} from "../curve/CurveStableSwapSTETH.sol";

interface IPendlePtOracle {
    function getPtToAssetRate(address market, uint32 duration) external view returns (uint256);
}

interface IPendleMarketTokens {
    function readTokens() external view returns (address, address, address);
    function expiry() external view returns (uint256);
}

interface IPendlePTMint {
    function mintByMinter(address to, uint256 amount) external;
    function burnByMinter(address from, uint256 amount) external;
}

/// Router double at the Pendle Router v4 address. NOT the v4 ABI (its swapExactTokenForPt takes
/// ApproxParams / TokenInput / LimitOrder structs): two clear functions instead, which mint PT at the
/// oracle's PT→asset rate: ptOut = amountIn · 1e18 / rate. ETH counts 1:1 as the accounting asset.
/// After expiry, redeemPtForEth pays 1 ETH per PT from the ETH the router received.
contract PendleRouterDouble {
    address public constant PT_ORACLE = 0x9a9Fa8338dd5E5B2188006f1Cd2Ef26d921650C2;

    event SwapEthForPt(address indexed caller, address indexed market, address indexed receiver, uint256 ethIn, uint256 ptOut);
    event SwapTokenForPt(address indexed caller, address indexed market, address indexed receiver, address tokenIn, uint256 amountIn, uint256 ptOut);

    function _pt(address market) internal view returns (address pt) { (, pt, ) = IPendleMarketTokens(market).readTokens(); }

    function _quote(address market, uint256 amountIn) internal view returns (uint256) {
        require(block.timestamp < IPendleMarketTokens(market).expiry(), "Router: market expired");
        return (amountIn * 1e18) / IPendlePtOracle(PT_ORACLE).getPtToAssetRate(market, 0);
    }

    function previewPtOut(address market, uint256 amountIn) external view returns (uint256) { return _quote(market, amountIn); }

    function swapExactEthForPt(address receiver, address market, uint256 minPtOut) external payable returns (uint256 netPtOut) {
        netPtOut = _quote(market, msg.value);
        require(netPtOut >= minPtOut, "Router: insufficient PT out");
        IPendlePTMint(_pt(market)).mintByMinter(receiver, netPtOut);
        emit SwapEthForPt(msg.sender, market, receiver, msg.value, netPtOut);
    }

    /// tokenIn is valued 1:1 with the accounting asset (use the market's own asset, e.g. weETH for PT-weETH).
    function swapExactTokenForPtSimple(address receiver, address market, address tokenIn, uint256 amountIn, uint256 minPtOut) external returns (uint256 netPtOut) {
        netPtOut = _quote(market, amountIn);
        require(netPtOut >= minPtOut, "Router: insufficient PT out");
        require(IERC20Min(tokenIn).transferFrom(msg.sender, address(this), amountIn), "Router: transferFrom failed");
        IPendlePTMint(_pt(market)).mintByMinter(receiver, netPtOut);
        emit SwapTokenForPt(msg.sender, market, receiver, tokenIn, amountIn, netPtOut);
    }

    function redeemPtForEth(address market, uint256 amount, address payable receiver) external {
        require(block.timestamp >= IPendleMarketTokens(market).expiry(), "Router: PT not mature");
        IPendlePTMint(_pt(market)).burnByMinter(msg.sender, amount);
        (bool ok, ) = receiver.call{value: amount}("");
        require(ok, "Router: ETH transfer failed");
    }
}
