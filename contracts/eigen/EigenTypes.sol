// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Shared types and the slashing math of EigenLayer's slashing release (v1.x), for the devnet doubles.
// Struct layouts match mainnet so ABI encodings (and event topics) are identical; IStrategy / IERC20
// parameters are plain `address`, which is what they encode as.

/// @dev 1.0 in the 18-decimal fixed point EigenLayer uses for magnitudes and scaling factors.
uint64 constant WAD = 1e18;

struct OperatorSet {
    address avs;
    uint32 id;
}

struct Allocation {
    uint64 currentMagnitude;
    int128 pendingDiff;
    uint32 effectBlock;
}

struct Withdrawal {
    address staker;
    address delegatedTo;
    address withdrawer;
    uint256 nonce;
    uint32 startBlock;
    address[] strategies;
    uint256[] scaledShares;
}

struct QueuedWithdrawalParams {
    address[] strategies;
    uint256[] depositShares;
    address __deprecated_withdrawer;
}

struct SignatureWithExpiry {
    bytes signature;
    uint256 expiry;
}

interface IEigenToken {
    function balanceOf(address) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}

interface IEigenStrategy {
    function underlyingToken() external view returns (address);
    function deposit(address token, uint256 amount) external returns (uint256);
    function withdraw(address recipient, address token, uint256 amountShares) external;
}

interface IEigenStrategyManager {
    function getDeposits(address staker) external view returns (address[] memory, uint256[] memory);
    function stakerDepositShares(address staker, address strategy) external view returns (uint256);
    function addShares(address staker, address strategy, uint256 shares) external returns (uint256, uint256);
    function removeDepositShares(address staker, address strategy, uint256 shares) external returns (uint256);
    function withdrawSharesAsTokens(address staker, address strategy, address token, uint256 shares) external;
    function increaseBurnableShares(address strategy, uint256 shares) external;
}

interface IEigenDelegationManager {
    function isOperator(address operator) external view returns (bool);
    function increaseDelegatedShares(address staker, address strategy, uint256 prevDepositShares, uint256 addedShares) external;
    function slashOperatorShares(address operator, address strategy, uint64 prevMaxMagnitude, uint64 newMaxMagnitude)
        external
        returns (uint256);
}

interface IEigenAllocationManager {
    function getMaxMagnitude(address operator, address strategy) external view returns (uint64);
    function getMaxMagnitudesAtBlock(address operator, address[] memory strategies, uint32 blockNumber)
        external
        view
        returns (uint64[] memory);
}

/// Rounding exactly as mainnet SlashingLib (OpenZeppelin mulDiv, floor unless stated). Products stay far
/// below 2^256 for realistic share counts (≤ 1e38 × 1e18), so plain checked arithmetic is enough here.
library SlashingMath {
    function mulWad(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * y) / WAD;
    }

    function divWad(uint256 x, uint256 y) internal pure returns (uint256) {
        return (x * WAD) / y;
    }

    function mulWadRoundUp(uint256 x, uint256 y) internal pure returns (uint256) {
        return mulDivUp(x, y, WAD);
    }

    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        uint256 p = x * y;
        return p / d + (p % d == 0 ? 0 : 1);
    }

    /// The stored factor is 0 until first set; 0 means 1.0 (mainnet `scalingFactor()`).
    function scalingFactor(uint256 raw) internal pure returns (uint256) {
        return raw == 0 ? WAD : raw;
    }

    function calcWithdrawable(uint256 depositShares, uint256 dsf, uint256 slashingFactor) internal pure returns (uint256) {
        return mulWad(mulWad(depositShares, scalingFactor(dsf)), slashingFactor);
    }

    /// New deposit scaling factor after adding shares (SlashingLib.update): earlier slashes do not hit new deposits.
    function updatedDsf(uint256 dsf, uint256 prevDepositShares, uint256 addedShares, uint256 slashingFactor)
        internal
        pure
        returns (uint256)
    {
        if (prevDepositShares == 0) return divWad(scalingFactor(dsf), slashingFactor);
        uint256 newShares = calcWithdrawable(prevDepositShares, dsf, slashingFactor) + addedShares;
        return divWad(divWad(newShares, prevDepositShares + addedShares), slashingFactor);
    }

    /// Operator shares removed by a slash: shares − ceil(shares × newMax / prevMax).
    function calcSlashedAmount(uint256 operatorShares, uint256 prevMax, uint256 newMax) internal pure returns (uint256) {
        return operatorShares - mulDivUp(operatorShares, newMax, prevMax);
    }
}
