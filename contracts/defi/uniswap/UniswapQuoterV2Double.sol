// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {UniPriceMath} from "./UniPriceMath.sol";

/// Uniswap QuoterV2 double (0x61fFE014bA17989E743c5F6cB21bF9697530B21e), same quoteExactInputSingle ABI.
/// Each (token pair, fee) has a settable spot price and a virtual constant-product depth: a quote of
/// amountIn (after the pool fee) returns reserveOut·in/(reserveIn + in), so a large exit is quoted
/// worse than spot, like a real pool with finite liquidity. Quotes never change state; the price only
/// moves through setPrice. sqrtPriceLimitX96 is ignored. Not `view`, matching the mainnet ABI (call it with eth_call).
contract UniswapQuoterV2Double {
    struct QuoteExactInputSingleParams {
        address tokenIn;
        address tokenOut;
        uint256 amountIn;
        uint24 fee;
        uint160 sqrtPriceLimitX96;
    }

    struct Market {
        uint256 reserve0; // virtual reserve of token0 (the lower address)
        uint256 reserve1;
    }

    uint256 public constant DEFAULT_DEPTH = 10_000e18;

    address public owner;
    mapping(address => mapping(address => mapping(uint24 => Market))) internal markets;

    function initialize() external {
        require(owner == address(0), "Quoter: initialized");
        owner = msg.sender;
    }

    modifier onlyOwner() {
        require(msg.sender == owner, "Quoter: only owner");
        _;
    }

    function _sorted(address a, address b) internal pure returns (address, address, bool) {
        require(a != b, "Quoter: identical tokens");
        return a < b ? (a, b, false) : (b, a, true);
    }

    /// 1 tokenA = priceWad / 1e18 tokenB. Keeps the pair's depth (tokenA-side reserve: DEFAULT_DEPTH at first).
    function setPrice(address tokenA, address tokenB, uint24 fee, uint256 priceWad) external onlyOwner {
        require(priceWad > 0, "Quoter: zero price");
        (address t0, address t1, bool flipped) = _sorted(tokenA, tokenB);
        Market storage m = markets[t0][t1][fee];
        if (!flipped) {
            if (m.reserve0 == 0) m.reserve0 = DEFAULT_DEPTH;
            m.reserve1 = (m.reserve0 * priceWad) / 1e18;
        } else {
            if (m.reserve1 == 0) m.reserve1 = DEFAULT_DEPTH;
            m.reserve0 = (m.reserve1 * priceWad) / 1e18;
        }
    }

    /// Sets the virtual reserve of tokenA (how much tokenA moves the price by ~2×), keeping the price.
    function setDepth(address tokenA, address tokenB, uint24 fee, uint256 reserveA) external onlyOwner {
        (address t0, address t1, bool flipped) = _sorted(tokenA, tokenB);
        Market storage m = markets[t0][t1][fee];
        require(m.reserve0 > 0, "Quoter: set a price first");
        if (!flipped) {
            m.reserve1 = (m.reserve1 * reserveA) / m.reserve0;
            m.reserve0 = reserveA;
        } else {
            m.reserve0 = (m.reserve0 * reserveA) / m.reserve1;
            m.reserve1 = reserveA;
        }
    }

    function getMarket(address tokenA, address tokenB, uint24 fee) public view returns (uint256 reserve0, uint256 reserve1) {
        (address t0, address t1, ) = _sorted(tokenA, tokenB);
        Market storage m = markets[t0][t1][fee];
        return (m.reserve0, m.reserve1);
    }

    /// Spot of the (token0, token1, fee) market as a pool's slot0 would show it.
    function spot(address tokenA, address tokenB, uint24 fee) external view returns (uint160 sqrtPriceX96, int24 tick) {
        (uint256 r0, uint256 r1) = getMarket(tokenA, tokenB, fee);
        require(r0 > 0, "Quoter: no market for this pair and fee");
        return (UniPriceMath.sqrtPriceX96(r0, r1), UniPriceMath.tick(r0, r1));
    }

    function quoteExactInputSingle(QuoteExactInputSingleParams memory params)
        external
        returns (uint256 amountOut, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)
    {
        (address t0, address t1, bool oneForZero) = _sorted(params.tokenIn, params.tokenOut);
        Market memory m = markets[t0][t1][params.fee];
        require(m.reserve0 > 0, "Quoter: no market for this pair and fee");
        uint256 inAfterFee = (params.amountIn * (1e6 - params.fee)) / 1e6;
        if (!oneForZero) {
            amountOut = (m.reserve1 * inAfterFee) / (m.reserve0 + inAfterFee);
            m.reserve0 += inAfterFee;
            m.reserve1 -= amountOut;
        } else {
            amountOut = (m.reserve0 * inAfterFee) / (m.reserve1 + inAfterFee);
            m.reserve1 += inAfterFee;
            m.reserve0 -= amountOut;
        }
        sqrtPriceX96After = UniPriceMath.sqrtPriceX96(m.reserve0, m.reserve1);
        initializedTicksCrossed = 1;
        gasEstimate = 100_000;
    }
}
