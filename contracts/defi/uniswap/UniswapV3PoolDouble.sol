// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

interface IQuoterSpot {
    function spot(address tokenA, address tokenB, uint24 fee) external view returns (uint160 sqrtPriceX96, int24 tick);
    function getMarket(address tokenA, address tokenB, uint24 fee) external view returns (uint256 reserve0, uint256 reserve1);
}

/// Read-only Uniswap v3 pool double at a mainnet pool address: slot0 mirrors the quoter's price for the
/// same pair and fee, so a wallet reading either sees one market. No swaps, mints or observations.
contract UniswapV3PoolDouble {
    address public token0;
    address public token1;
    uint24 public fee;
    address public quoter;

    function initialize(address quoter_, address tokenA, address tokenB, uint24 fee_) external {
        require(quoter == address(0), "Pool: initialized");
        quoter = quoter_;
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        fee = fee_;
    }

    function slot0() external view returns (
        uint160 sqrtPriceX96, int24 tick, uint16 observationIndex, uint16 observationCardinality,
        uint16 observationCardinalityNext, uint8 feeProtocol, bool unlocked
    ) {
        (sqrtPriceX96, tick) = IQuoterSpot(quoter).spot(token0, token1, fee);
        return (sqrtPriceX96, tick, 0, 1, 1, 0, true);
    }

    /// Virtual liquidity L = √(reserve0 · reserve1) of the quoter's constant-product market.
    function liquidity() external view returns (uint128) {
        (uint256 r0, uint256 r1) = IQuoterSpot(quoter).getMarket(token0, token1, fee);
        uint256 x = r0 * r1;
        uint256 r = x;
        uint256 y = (x + 1) / 2;
        while (y < r) {
            r = y;
            y = (x / y + y) / 2;
        }
        return uint128(r);
    }

    function tickSpacing() external view returns (int24) {
        return fee == 100 ? int24(1) : fee == 500 ? int24(10) : fee == 3000 ? int24(60) : int24(200);
    }
}
