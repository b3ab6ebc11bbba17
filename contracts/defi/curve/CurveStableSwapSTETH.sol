// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {StableSwapMath} from "./StableSwapMath.sol";

interface ICurveLpToken {
    function totalSupply() external view returns (uint256);
    function mint(address to, uint256 value) external returns (bool);
    function burnFrom(address from, uint256 value) external returns (bool);
}

interface IERC20Min {
    function balanceOf(address who) external view returns (uint256);
    function transfer(address to, uint256 value) external returns (bool);
    function transferFrom(address from, address to, uint256 value) external returns (bool);
}

/// Double of Curve's ETH/stETH StableSwapSTETH (0xDC24316b9AE028F1497c275EB9192a3Ea0f67022), same ABI.
/// coin0 = native ETH (0xEeee…), coin1 = stETH. Balances are the pool's actual holdings (stETH rebases),
/// the LP token is a separate ERC-20 whose minter is this pool. Admin fee is not modelled (always 0).
contract CurveStableSwapSTETH {
    using StableSwapMath for uint256[2];

    address internal constant ETH = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;
    uint256 internal constant FEE_DENOMINATOR = 1e10;
    uint256 internal constant PRECISION = 1e18;

    event TokenExchange(address indexed buyer, int128 sold_id, uint256 tokens_sold, int128 bought_id, uint256 tokens_bought);
    event AddLiquidity(address indexed provider, uint256[2] token_amounts, uint256[2] fees, uint256 invariant, uint256 token_supply);
    event RemoveLiquidity(address indexed provider, uint256[2] token_amounts, uint256[2] fees, uint256 token_supply);
    event RemoveLiquidityOne(address indexed provider, int128 token_id, uint256 token_amount, uint256 coin_amount);

    address[2] public coins;
    uint256 public fee;
    uint256 public admin_fee;
    address public owner;
    address public lp_token;
    uint256 internal amp;

    function initialize(address stETH, address lpToken, uint256 a, uint256 fee_) external {
        require(owner == address(0), "Curve: initialized");
        owner = msg.sender;
        coins = [ETH, stETH];
        lp_token = lpToken;
        amp = a * StableSwapMath.A_PRECISION;
        fee = fee_;
    }

    /// Admin setters (the real pool ramps A over days; the devnet just sets it).
    function setA(uint256 a) external { require(msg.sender == owner, "Curve: only owner"); amp = a * StableSwapMath.A_PRECISION; }
    function setFee(uint256 fee_) external { require(msg.sender == owner, "Curve: only owner"); fee = fee_; }

    function A() external view returns (uint256) { return amp / StableSwapMath.A_PRECISION; }
    function A_precise() external view returns (uint256) { return amp; }

    function _balances(uint256 value) internal view returns (uint256[2] memory) {
        return [address(this).balance - value, IERC20Min(coins[1]).balanceOf(address(this))];
    }

    function balances(uint256 i) external view returns (uint256) { return _balances(0)[i]; }

    function get_virtual_price() external view returns (uint256) {
        return (_balances(0).getD(amp) * PRECISION) / ICurveLpToken(lp_token).totalSupply();
    }

    function calc_token_amount(uint256[2] calldata amounts, bool is_deposit) external view returns (uint256) {
        uint256[2] memory bal = _balances(0);
        uint256 d0 = bal.getD(amp);
        for (uint256 i = 0; i < 2; i++) bal[i] = is_deposit ? bal[i] + amounts[i] : bal[i] - amounts[i];
        uint256 d1 = bal.getD(amp);
        uint256 diff = is_deposit ? d1 - d0 : d0 - d1;
        return (diff * ICurveLpToken(lp_token).totalSupply()) / d0;
    }

    function add_liquidity(uint256[2] calldata amounts, uint256 min_mint_amount) external payable returns (uint256) {
        uint256[2] memory old = _balances(msg.value);
        uint256 d0 = old.getD(amp);
        uint256 supply = ICurveLpToken(lp_token).totalSupply();
        uint256[2] memory next;
        for (uint256 i = 0; i < 2; i++) {
            if (supply == 0) require(amounts[i] > 0, "Curve: initial deposit requires all coins");
            next[i] = old[i] + amounts[i];
        }
        uint256 d1 = next.getD(amp);
        require(d1 > d0, "Curve: D did not grow");
        uint256[2] memory fees;
        uint256 mintAmount = d1;
        if (supply > 0) {
            // Imbalanced deposits pay the swap fee on the part that deviates from the pool's ratio.
            uint256 feeRate = (fee * 2) / 4;
            for (uint256 i = 0; i < 2; i++) {
                uint256 ideal = (d1 * old[i]) / d0;
                uint256 diff = ideal > next[i] ? ideal - next[i] : next[i] - ideal;
                fees[i] = (feeRate * diff) / FEE_DENOMINATOR;
                next[i] -= fees[i];
            }
            mintAmount = (supply * (next.getD(amp) - d0)) / d0;
        }
        require(mintAmount >= min_mint_amount, "Slippage screwed you");
        require(msg.value == amounts[0], "Curve: msg.value must equal amounts[0]");
        if (amounts[1] > 0) require(IERC20Min(coins[1]).transferFrom(msg.sender, address(this), amounts[1]), "Curve: transferFrom failed");
        ICurveLpToken(lp_token).mint(msg.sender, mintAmount);
        emit AddLiquidity(msg.sender, amounts, fees, d1, supply + mintAmount);
        return mintAmount;
    }

    function _dy(int128 i, int128 j, uint256 dx, uint256[2] memory xp) internal view returns (uint256 dy) {
        uint256 ui = uint256(int256(i));
        uint256 uj = uint256(int256(j));
        uint256 y = StableSwapMath.getY(ui, uj, xp[ui] + dx, xp, amp);
        dy = xp[uj] - y - 1;
        dy -= (dy * fee) / FEE_DENOMINATOR;
    }

    function get_dy(int128 i, int128 j, uint256 dx) external view returns (uint256) { return _dy(i, j, dx, _balances(0)); }

    function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy) external payable returns (uint256) {
        uint256 dy = _dy(i, j, dx, _balances(msg.value));
        require(dy >= min_dy, "Exchange resulted in fewer coins than expected");
        if (i == 0) {
            require(msg.value == dx, "Curve: msg.value must equal dx");
            require(IERC20Min(coins[1]).transfer(msg.sender, dy), "Curve: transfer failed");
        } else {
            require(msg.value == 0, "Curve: no ETH for this direction");
            require(IERC20Min(coins[1]).transferFrom(msg.sender, address(this), dx), "Curve: transferFrom failed");
            (bool ok, ) = msg.sender.call{value: dy}("");
            require(ok, "Curve: ETH transfer failed");
        }
        emit TokenExchange(msg.sender, i, dx, j, dy);
        return dy;
    }

    function remove_liquidity(uint256 _amount, uint256[2] calldata _min_amounts) external returns (uint256[2] memory amounts) {
        amounts = _balances(0);
        uint256 supply = ICurveLpToken(lp_token).totalSupply();
        ICurveLpToken(lp_token).burnFrom(msg.sender, _amount);
        for (uint256 i = 0; i < 2; i++) {
            amounts[i] = (amounts[i] * _amount) / supply;
            require(amounts[i] >= _min_amounts[i], "Withdrawal resulted in fewer coins than expected");
        }
        (bool ok, ) = msg.sender.call{value: amounts[0]}("");
        require(ok, "Curve: ETH transfer failed");
        require(IERC20Min(coins[1]).transfer(msg.sender, amounts[1]), "Curve: transfer failed");
        uint256[2] memory noFees;
        emit RemoveLiquidity(msg.sender, amounts, noFees, supply - _amount);
    }

    /// StableSwapSTETH _calc_withdraw_one_coin: D shrinks by the burnt share; the coin taken pays
    /// fee * N / (4 (N - 1)) on each coin's deviation from a balanced withdrawal.
    function _withdrawOneCoin(uint256 burnAmount, uint256 i) internal view returns (uint256 dy) {
        uint256[2] memory xp = _balances(0);
        uint256 d0 = xp.getD(amp);
        uint256 d1 = d0 - (burnAmount * d0) / ICurveLpToken(lp_token).totalSupply();
        uint256 newY = StableSwapMath.getYD(i, xp, d1, amp);
        uint256 baseFee = (fee * 2) / 4;
        uint256[2] memory reduced;
        for (uint256 j = 0; j < 2; j++) {
            uint256 expected = j == i ? (xp[j] * d1) / d0 - newY : xp[j] - (xp[j] * d1) / d0;
            reduced[j] = xp[j] - (baseFee * expected) / FEE_DENOMINATOR;
        }
        dy = reduced[i] - StableSwapMath.getYD(i, reduced, d1, amp) - 1;
    }

    function calc_withdraw_one_coin(uint256 _token_amount, int128 i) external view returns (uint256) {
        return _withdrawOneCoin(_token_amount, uint256(int256(i)));
    }

    function remove_liquidity_one_coin(uint256 _token_amount, int128 i, uint256 _min_amount) external returns (uint256 dy) {
        uint256 ui = uint256(int256(i));
        dy = _withdrawOneCoin(_token_amount, ui);
        require(dy >= _min_amount, "Not enough coins removed");
        ICurveLpToken(lp_token).burnFrom(msg.sender, _token_amount);
        if (ui == 0) {
            (bool ok, ) = msg.sender.call{value: dy}("");
            require(ok, "Curve: ETH transfer failed");
        } else {
            require(IERC20Min(coins[1]).transfer(msg.sender, dy), "Curve: transfer failed");
        }
        emit RemoveLiquidityOne(msg.sender, i, _token_amount, dy);
    }
}
