// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Price helpers for the Uniswap doubles: sqrtPriceX96 and tick from virtual reserves (token1 per token0).
library UniPriceMath {
    /// 2^64 / log2(1.0001): converts a 64.64 log2 into ticks.
    int256 internal constant TICKS_PER_LOG2_X64 = 127869479499815993737216;

    function sqrt(uint256 x) internal pure returns (uint256 r) {
        if (x == 0) return 0;
        r = 1 << ((_msb(x) >> 1) + 1); // ≥ √x, then Newton decreases monotonically
        while (true) {
            uint256 next = (r + x / r) >> 1;
            if (next >= r) return r;
            r = next;
        }
    }

    /// sqrt(reserve1 / reserve0) · 2^96, with 64 fractional bits of the price kept exactly.
    function sqrtPriceX96(uint256 reserve0, uint256 reserve1) internal pure returns (uint160) {
        require(reserve0 > 0 && reserve1 < (1 << 128), "UniPrice: reserves out of range");
        uint256 priceX128 = (reserve1 << 128) / reserve0;
        return uint160(sqrt(priceX128) << 32);
    }

    /// floor(log_1.0001(reserve1 / reserve0)), accurate to ±1 tick (the double's only use is display).
    function tick(uint256 reserve0, uint256 reserve1) internal pure returns (int24) {
        uint256 priceX128 = (reserve1 << 128) / reserve0;
        require(priceX128 > 0, "UniPrice: price is zero");
        uint256 msb = _msb(priceX128);
        int256 log2X64 = (int256(msb) - 128) << 64;
        // Normalise to [1, 2) as a 1.127 fixed-point number, then square to extract fractional bits.
        uint256 y = msb >= 127 ? priceX128 >> (msb - 127) : priceX128 << (127 - msb);
        for (int256 bit = 1 << 63; bit > 0; bit >>= 1) {
            y = (y * y) >> 127;
            if (y >= 1 << 128) {
                y >>= 1;
                log2X64 += bit;
            }
        }
        int256 t = (log2X64 * TICKS_PER_LOG2_X64) >> 128; // arithmetic shift floors toward −∞
        return int24(t);
    }

    function _msb(uint256 x) private pure returns (uint256 r) {
        while (x > 1) {
            x >>= 1;
            r++;
        }
    }
}
