// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {DefiERC20} from "../common/DefiERC20.sol";
import {StableSwapMath} from "./StableSwapMath.sol";
import {IERC20Min} from "./CurveStableSwapSTETH.sol";

interface IRateProvider {
    function getRate() external view returns (uint256);
}

/// Double of a 2-coin Curve stable-ng pool (WETH/weETH at 0xDB74dfDD3BB46bE8Ce6C33dC9D82777BCFc3dEd5).
/// ng ABI: dynamic arrays (uint256[]) for add/remove/calc; the pool is its own LP token.
/// Stored rates: a coin with a rate oracle is valued at oracle.getRate() (weETH.getRate()), so the
/// invariant compares balances in ETH terms. Simplifications: static fee (no off-peg multiplier),
/// balances are actual holdings, calc_token_amount ignores fees, no admin fee.
contract CurveStableSwapNG is DefiERC20 {
    using StableSwapMath for uint256[2];

    uint256 internal constant FEE_DENOMINATOR = 1e10;
    uint256 internal constant PRECISION = 1e18;

    event TokenExchange(address indexed buyer, int128 sold_id, uint256 tokens_sold, int128 bought_id, uint256 tokens_bought);
    event AddLiquidity(address indexed provider, uint256[] token_amounts, uint256[] fees, uint256 invariant, uint256 token_supply);
    event RemoveLiquidity(address indexed provider, uint256[] token_amounts, uint256[] fees, uint256 token_supply);
    event RemoveLiquidityOne(address indexed provider, int128 token_id, uint256 token_amount, uint256 coin_amount, uint256 token_supply);

    address[2] public coins;
    address[2] internal rateOracles;
    uint256 public fee;
    address public owner;
    uint256 internal amp;

    /// rateOracles_[i] == address(0) means coin i is worth 1e18 per unit (WETH).
    function initialize(address[2] calldata coins_, address[2] calldata rateOracles_, uint256 a, uint256 fee_, string calldata name_, string calldata symbol_) external {
        require(owner == address(0), "Curve: initialized");
        owner = msg.sender;
        coins = coins_;
        rateOracles = rateOracles_;
        amp = a * StableSwapMath.A_PRECISION;
        fee = fee_;
        name = name_;
        symbol = symbol_;
    }

    function setA(uint256 a) external { require(msg.sender == owner, "Curve: only owner"); amp = a * StableSwapMath.A_PRECISION; }
    function setFee(uint256 fee_) external { require(msg.sender == owner, "Curve: only owner"); fee = fee_; }

    function A() external view returns (uint256) { return amp / StableSwapMath.A_PRECISION; }
    function A_precise() external view returns (uint256) { return amp; }
    function N_COINS() external pure returns (uint256) { return 2; }

    function _rates() internal view returns (uint256[2] memory r) {
        for (uint256 i = 0; i < 2; i++) r[i] = rateOracles[i] == address(0) ? PRECISION : IRateProvider(rateOracles[i]).getRate();
    }

    function stored_rates() external view returns (uint256[] memory out) { out = _dyn(_rates()); }

    function _balances() internal view returns (uint256[2] memory b) {
        for (uint256 i = 0; i < 2; i++) b[i] = IERC20Min(coins[i]).balanceOf(address(this));
    }

    function balances(uint256 i) external view returns (uint256) { return _balances()[i]; }
    function get_balances() external view returns (uint256[] memory) { return _dyn(_balances()); }

    function _xp(uint256[2] memory bal, uint256[2] memory rates) internal pure returns (uint256[2] memory xp) {
        for (uint256 i = 0; i < 2; i++) xp[i] = (bal[i] * rates[i]) / PRECISION;
    }

    function get_virtual_price() external view returns (uint256) {
        return (_xp(_balances(), _rates()).getD(amp) * PRECISION) / totalSupply;
    }

    function calc_token_amount(uint256[] calldata amounts, bool is_deposit) external view returns (uint256) {
        uint256[2] memory rates = _rates();
        uint256[2] memory bal = _balances();
        uint256 d0 = _xp(bal, rates).getD(amp);
        for (uint256 i = 0; i < 2; i++) bal[i] = is_deposit ? bal[i] + amounts[i] : bal[i] - amounts[i];
        uint256 d1 = _xp(bal, rates).getD(amp);
        return ((is_deposit ? d1 - d0 : d0 - d1) * totalSupply) / d0;
    }

    function add_liquidity(uint256[] calldata amounts, uint256 min_mint_amount) external returns (uint256 mintAmount) {
        require(amounts.length == 2, "Curve: two amounts");
        uint256[2] memory rates = _rates();
        uint256[2] memory old = _balances();
        uint256 d0 = _xp(old, rates).getD(amp);
        uint256[2] memory next;
        for (uint256 i = 0; i < 2; i++) {
            if (totalSupply == 0) require(amounts[i] > 0, "Curve: initial deposit requires all coins");
            next[i] = old[i] + amounts[i];
        }
        uint256 d1 = _xp(next, rates).getD(amp);
        require(d1 > d0, "Curve: D did not grow");
        uint256[] memory fees = new uint256[](2);
        mintAmount = d1;
        if (totalSupply > 0) {
            uint256 feeRate = (fee * 2) / 4;
            for (uint256 i = 0; i < 2; i++) {
                uint256 ideal = (d1 * old[i]) / d0;
                uint256 diff = ideal > next[i] ? ideal - next[i] : next[i] - ideal;
                fees[i] = (feeRate * diff) / FEE_DENOMINATOR;
                next[i] -= fees[i];
            }
            mintAmount = (totalSupply * (_xp(next, rates).getD(amp) - d0)) / d0;
        }
        require(mintAmount >= min_mint_amount, "Slippage screwed you");
        for (uint256 i = 0; i < 2; i++) {
            if (amounts[i] > 0) require(IERC20Min(coins[i]).transferFrom(msg.sender, address(this), amounts[i]), "Curve: transferFrom failed");
        }
        _mint(msg.sender, mintAmount);
        emit AddLiquidity(msg.sender, amounts, fees, d1, totalSupply);
    }

    function _dy(int128 i, int128 j, uint256 dx) internal view returns (uint256) {
        uint256 ui = uint256(int256(i));
        uint256 uj = uint256(int256(j));
        uint256[2] memory rates = _rates();
        uint256[2] memory xp = _xp(_balances(), rates);
        uint256 y = StableSwapMath.getY(ui, uj, xp[ui] + (dx * rates[ui]) / PRECISION, xp, amp);
        uint256 dy = xp[uj] - y - 1;
        dy -= (dy * fee) / FEE_DENOMINATOR;
        return (dy * PRECISION) / rates[uj];
    }

    function get_dy(int128 i, int128 j, uint256 dx) external view returns (uint256) { return _dy(i, j, dx); }

    function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy) external returns (uint256 dy) {
        dy = _dy(i, j, dx);
        require(dy >= min_dy, "Exchange resulted in fewer coins than expected");
        require(IERC20Min(coins[uint256(int256(i))]).transferFrom(msg.sender, address(this), dx), "Curve: transferFrom failed");
        require(IERC20Min(coins[uint256(int256(j))]).transfer(msg.sender, dy), "Curve: transfer failed");
        emit TokenExchange(msg.sender, i, dx, j, dy);
    }

    function remove_liquidity(uint256 _burn_amount, uint256[] calldata _min_amounts) external returns (uint256[] memory amounts) {
        require(_min_amounts.length == 2, "Curve: two amounts");
        uint256[2] memory bal = _balances();
        uint256 supply = totalSupply;
        _burn(msg.sender, _burn_amount);
        amounts = new uint256[](2);
        for (uint256 i = 0; i < 2; i++) {
            amounts[i] = (bal[i] * _burn_amount) / supply;
            require(amounts[i] >= _min_amounts[i], "Withdrawal resulted in fewer coins than expected");
            require(IERC20Min(coins[i]).transfer(msg.sender, amounts[i]), "Curve: transfer failed");
        }
        emit RemoveLiquidity(msg.sender, amounts, new uint256[](2), supply - _burn_amount);
    }

    /// stable-ng _calc_withdraw_one_coin with the static fee: D shrinks by the burnt share; the coin taken
    /// pays base fee = fee * N / (4 (N - 1)) on each coin's deviation from a balanced withdrawal.
    function _withdrawOneCoin(uint256 burnAmount, uint256 i) internal view returns (uint256 dy) {
        uint256[2] memory rates = _rates();
        uint256[2] memory xp = _xp(_balances(), rates);
        uint256 d0 = xp.getD(amp);
        uint256 d1 = d0 - (burnAmount * d0) / totalSupply;
        uint256 newY = StableSwapMath.getYD(i, xp, d1, amp);
        uint256 baseFee = (fee * 2) / 4;
        uint256[2] memory reduced;
        for (uint256 j = 0; j < 2; j++) {
            uint256 expected = j == i ? (xp[j] * d1) / d0 - newY : xp[j] - (xp[j] * d1) / d0;
            reduced[j] = xp[j] - (baseFee * expected) / FEE_DENOMINATOR;
        }
        dy = reduced[i] - StableSwapMath.getYD(i, reduced, d1, amp);
        dy = ((dy - 1) * PRECISION) / rates[i];
    }

    function calc_withdraw_one_coin(uint256 _burn_amount, int128 i) external view returns (uint256) {
        return _withdrawOneCoin(_burn_amount, uint256(int256(i)));
    }

    function remove_liquidity_one_coin(uint256 _burn_amount, int128 i, uint256 _min_received) external returns (uint256 dy) {
        uint256 ui = uint256(int256(i));
        dy = _withdrawOneCoin(_burn_amount, ui);
        require(dy >= _min_received, "Not enough coins removed");
        _burn(msg.sender, _burn_amount);
        require(IERC20Min(coins[ui]).transfer(msg.sender, dy), "Curve: transfer failed");
        emit RemoveLiquidityOne(msg.sender, i, _burn_amount, dy, totalSupply);
    }

    function _dyn(uint256[2] memory a) internal pure returns (uint256[] memory out) {
        out = new uint256[](2);
        out[0] = a[0];
        out[1] = a[1];
    }
}
