import { parseAbi } from 'viem';

/**
 * Curve StableSwap pools (reference §3.1). What the old ETH/stETH pool and stable-ng pools answer alike:
 * quotes, balances, swaps and one-coin withdrawals. exchange is payable on the ETH pool (ETH goes in as
 * value); a stable-ng pool takes no ETH, and the wallet sends none there.
 */
export const curveStableSwapAbi = parseAbi([
  'function get_dy(int128 i, int128 j, uint256 dx) view returns (uint256)',
  'function coins(uint256 i) view returns (address)',
  'function balances(uint256 i) view returns (uint256)',
  'function A() view returns (uint256)',
  'function fee() view returns (uint256)',
  'function get_virtual_price() view returns (uint256)',
  'function exchange(int128 i, int128 j, uint256 dx, uint256 min_dy) payable returns (uint256)',
  'function calc_withdraw_one_coin(uint256 token_amount, int128 i) view returns (uint256)',
  'function remove_liquidity_one_coin(uint256 token_amount, int128 i, uint256 min_amount) returns (uint256)',
]);

/**
 * Two-coin pools with fixed-size arrays (the ETH/stETH pool). Kept apart from the stable-ng overloads:
 * viem cannot tell uint256[2] from uint256[] by the arguments, so one ABI with both would be ambiguous.
 */
export const curvePairPoolAbi = [
  ...curveStableSwapAbi,
  ...parseAbi([
    'function add_liquidity(uint256[2] amounts, uint256 min_mint_amount) payable returns (uint256)',
    'function calc_token_amount(uint256[2] amounts, bool is_deposit) view returns (uint256)',
    'function remove_liquidity(uint256 amount, uint256[2] min_amounts) returns (uint256[2])',
  ]),
] as const;

/** stable-ng pools: dynamic arrays, no ETH. */
export const curveNgPoolAbi = [
  ...curveStableSwapAbi,
  ...parseAbi([
    'function add_liquidity(uint256[] amounts, uint256 min_mint_amount) returns (uint256)',
    'function calc_token_amount(uint256[] amounts, bool is_deposit) view returns (uint256)',
  ]),
] as const;
