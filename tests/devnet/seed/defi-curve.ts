import { erc20Abi, type Address } from 'viem';
import { CURVE, TOKENS } from '../../../lib/restaking/addresses';
import { artifact, type DevnetContext } from '../context';

/**
 * Curve doubles on the devnet. A is in the pool's code units (A() as the contract reports it; the
 * code invariant is 2A(x+y) + D = 2A·D + D³/(4xy), reference §5c). The real steth pool was deployed
 * with A = 5 and later ramped; the devnet uses A = 50 so a 10,000/10,000 pool depegs the way a deep
 * mainnet pool does (a few % price move needs thousands of ETH of one-sided flow).
 */
export const CURVE_DEVNET_A = 50n;
/** 0.04 % swap fee, in Curve's 1e10 fee units (StableSwapSTETH deploy parameter). */
export const CURVE_FEE = 4_000_000n;

export const curveStethAbi = () => artifact('CurveStableSwapSTETH').abi;
export const curveNgAbi = () => artifact('CurveStableSwapNG').abi;

/** Places the ETH/stETH pool and its separate LP token (minter = pool) at their mainnet addresses. */
export async function placeCurveSteth(ctx: DevnetContext, { A = CURVE_DEVNET_A, fee = CURVE_FEE } = {}): Promise<void> {
  await ctx.place('CurveStableSwapSTETH', CURVE.stethPool);
  await ctx.place('CurveLpToken', CURVE.stethLp);
  await ctx.write({
    address: CURVE.stethLp,
    abi: artifact('CurveLpToken').abi,
    functionName: 'initialize',
    args: ['Curve.fi ETH/stETH', 'steCRV', CURVE.stethPool],
  });
  await ctx.write({
    address: CURVE.stethPool,
    abi: curveStethAbi(),
    functionName: 'initialize',
    args: [TOKENS.stETH, CURVE.stethLp, A, fee],
  });
}

/** Places the WETH/weETH stable-ng pool; weETH is valued at weETH.getRate() (stored-rate oracle). */
export async function placeCurveWeethNg(ctx: DevnetContext, { A = CURVE_DEVNET_A, fee = CURVE_FEE } = {}): Promise<void> {
  await ctx.place('CurveStableSwapNG', CURVE.weethNgPool);
  const zero: Address = '0x0000000000000000000000000000000000000000';
  await ctx.write({
    address: CURVE.weethNgPool,
    abi: curveNgAbi(),
    functionName: 'initialize',
    args: [[TOKENS.WETH, TOKENS.weETH], [zero, TOKENS.weETH], A, fee, 'weETH/WETH', 'weETHWETH'],
  });
}

export const isStethPool = (pool: Address) => pool.toLowerCase() === CURVE.stethPool.toLowerCase();

/** Coins of a pool in index order (native ETH is the 0xEeee… marker). */
export async function curveCoins(ctx: DevnetContext, pool: Address): Promise<[Address, Address]> {
  const abi = isStethPool(pool) ? curveStethAbi() : curveNgAbi();
  const read = (i: bigint) => ctx.client.readContract({ address: pool, abi, functionName: 'coins', args: [i] }) as Promise<Address>;
  return [await read(0n), await read(1n)];
}

/**
 * Adds liquidity from `from`, which must already hold the coins (and ETH for the steth pool).
 * Approves the ERC-20 coins, picks the pool's ABI (fixed uint256[2] for steth, uint256[] for ng),
 * returns the LP tokens minted.
 */
export async function addCurveLiquidity(
  ctx: DevnetContext,
  from: Address,
  pool: Address,
  amounts: readonly [bigint, bigint],
): Promise<bigint> {
  const steth = isStethPool(pool);
  const coins = await curveCoins(ctx, pool);
  for (const [i, coin] of coins.entries()) {
    if (steth && i === 0) continue;
    const amount = amounts[i] ?? 0n;
    if (amount > 0n) await ctx.write({ address: coin, abi: erc20Abi, functionName: 'approve', args: [pool, amount], from });
  }
  const lp = steth ? CURVE.stethLp : pool;
  const before = await ctx.client.readContract({ address: lp, abi: erc20Abi, functionName: 'balanceOf', args: [from] });
  await ctx.write({
    address: pool,
    abi: steth ? curveStethAbi() : curveNgAbi(),
    functionName: 'add_liquidity',
    args: [[amounts[0], amounts[1]], 0n],
    value: steth ? amounts[0] : undefined,
    from,
  });
  const after = await ctx.client.readContract({ address: lp, abi: erc20Abi, functionName: 'balanceOf', args: [from] });
  return after - before;
}

/** Curve get_dy(i, j, dx) on either pool. */
export async function curveGetDy(ctx: DevnetContext, pool: Address, i: bigint, j: bigint, dx: bigint): Promise<bigint> {
  const abi = isStethPool(pool) ? curveStethAbi() : curveNgAbi();
  return (await ctx.client.readContract({ address: pool, abi, functionName: 'get_dy', args: [i, j, dx] })) as bigint;
}

/** Swaps dx of coin i for coin j from `from` (approving an ERC-20 input first); returns the amount received. */
export async function curveExchange(ctx: DevnetContext, from: Address, pool: Address, i: bigint, j: bigint, dx: bigint): Promise<bigint> {
  const steth = isStethPool(pool);
  const coins = await curveCoins(ctx, pool);
  const nativeIn = steth && i === 0n;
  if (!nativeIn) await ctx.write({ address: coins[Number(i)] as Address, abi: erc20Abi, functionName: 'approve', args: [pool, dx], from });
  const dy = await curveGetDy(ctx, pool, i, j, dx);
  await ctx.write({
    address: pool,
    abi: steth ? curveStethAbi() : curveNgAbi(),
    functionName: 'exchange',
    args: [i, j, dx, dy],
    value: nativeIn ? dx : undefined,
    from,
  });
  return dy;
}
