// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// Two-coin StableSwap invariant, ported line by line from Curve's StableSwapSTETH.vy (get_D, get_y)
/// so rounding matches the real pool. amp = A * A_PRECISION; code invariant (Ann = A * N_COINS):
///   Ann * S + D = Ann * D + D^3 / (4 x y)
library StableSwapMath {
    uint256 internal constant A_PRECISION = 100;
    uint256 internal constant N_COINS = 2;

    function getD(uint256[2] memory xp, uint256 amp) internal pure returns (uint256) {
        uint256 s = xp[0] + xp[1];
        if (s == 0) return 0;
        uint256 d = s;
        uint256 ann = amp * N_COINS;
        for (uint256 k = 0; k < 255; k++) {
            uint256 dP = d;
            dP = (dP * d) / (xp[0] * N_COINS + 1); // +1 prevents division by zero, as in the pool
            dP = (dP * d) / (xp[1] * N_COINS + 1);
            uint256 prev = d;
            d = ((ann * s) / A_PRECISION + dP * N_COINS) * d
                / (((ann - A_PRECISION) * d) / A_PRECISION + (N_COINS + 1) * dP);
            if (d > prev ? d - prev <= 1 : prev - d <= 1) return d;
        }
        revert("StableSwap: get_D did not converge");
    }

    /// Balance of coin j that keeps D constant when coin i's balance becomes x.
    function getY(uint256 i, uint256 j, uint256 x, uint256[2] memory xp, uint256 amp) internal pure returns (uint256) {
        require(i != j && i < N_COINS && j < N_COINS, "StableSwap: bad coin index");
        // With two coins the only "other" coin is i, whose new balance is x.
        (uint256 y, bool converged) = solveY(x, getD(xp, amp), amp);
        require(converged, "StableSwap: get_y did not converge");
        return y;
    }

    /// Balance of coin i that gives invariant d with the other coin's balance unchanged (Curve's get_y_D):
    /// the one-coin withdrawal solves for it at the reduced D.
    function getYD(uint256 i, uint256[2] memory xp, uint256 d, uint256 amp) internal pure returns (uint256) {
        require(i < N_COINS, "StableSwap: bad coin index");
        (uint256 y, bool converged) = solveY(xp[1 - i], d, amp);
        require(converged, "StableSwap: get_y_D did not converge");
        return y;
    }

    /// Newton's iteration shared by get_y and get_y_D: the balance y of one coin that gives invariant d
    /// when the other coin holds x. `converged` is false after 255 rounds without settling.
    function solveY(uint256 x, uint256 d, uint256 amp) private pure returns (uint256 y, bool converged) {
        uint256 ann = amp * N_COINS;
        uint256 c = (d * d) / (x * N_COINS);
        c = (c * d * A_PRECISION) / (ann * N_COINS);
        uint256 b = x + (d * A_PRECISION) / ann;
        y = d;
        for (uint256 k = 0; k < 255; k++) {
            uint256 prev = y;
            y = (y * y + c) / (2 * y + b - d);
            if (y > prev ? y - prev <= 1 : prev - y <= 1) return (y, true);
        }
        return (y, false);
    }
}
