// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Structs with the field order of aave-v3-origin DataTypes, so ABI decoders written for mainnet work.
library AaveTypes {
    struct CollateralConfig {
        uint16 ltv;
        uint16 liquidationThreshold;
        uint16 liquidationBonus;
    }

    /// IPool.getReserveData return shape (v3.1+ "ReserveDataLegacy"): aTokenAddress is field 8.
    struct ReserveDataLegacy {
        uint256 configuration;
        uint128 liquidityIndex;
        uint128 currentLiquidityRate;
        uint128 variableBorrowIndex;
        uint128 currentVariableBorrowRate;
        uint128 currentStableBorrowRate;
        uint40 lastUpdateTimestamp;
        uint16 id;
        address aTokenAddress;
        address stableDebtTokenAddress;
        address variableDebtTokenAddress;
        address interestRateStrategyAddress;
        uint128 accruedToTreasury;
        uint128 unbacked;
        uint128 isolationModeTotalDebt;
    }

    struct Reserve {
        address aToken;
        uint16 id;
        CollateralConfig config;
    }
}

interface IAaveOracleMin {
    function getAssetPrice(address asset) external view returns (uint256);
}

interface IAaveATokenMin {
    function balanceOf(address user) external view returns (uint256);
    function mint(address onBehalfOf, uint256 amount) external;
    function burn(address from, address receiverOfUnderlying, uint256 amount) external;
    function transferUnderlyingTo(address target, uint256 amount) external;
}
