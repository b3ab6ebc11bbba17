import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, parseEther, type Address } from 'viem';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { CURVE, TOKENS } from '../../lib/restaking/addresses';
import {
  CURVE_DEVNET_A,
  CURVE_FEE,
  addCurveLiquidity,
  curveExchange,
  curveGetDy,
  curveNgAbi,
  curveStethAbi,
  placeCurveSteth,
  placeCurveWeethNg,
} from './seed/defi-curve';
import { solveD, solveY } from './reference/stableswap';

// ---- Expected values from the independent StableSwap roots (reference/stableswap.ts, no Curve iteration).
const WAD = 10n ** 18n;
const FEE_DEN = 10n ** 10n;

/** Expected get_dy in scaled (xp) units: output before the rate unscaling, fee taken on output. */
function expectedDyXp(A: bigint, xp: [bigint, bigint], i: 0 | 1, dxXp: bigint): bigint {
  const D = solveD(A, xp[0], xp[1]);
  const y = solveY(A, D, xp[i] + dxXp);
  const dy = xp[1 - i]! - y;
  return dy - (dy * CURVE_FEE) / FEE_DEN;
}

const near = (actual: bigint, expected: bigint, tolWei: bigint) => {
  const diff = actual > expected ? actual - expected : expected - actual;
  expect(diff, `|${actual} − ${expected}| = ${diff} > ${tolWei}`).toBeLessThanOrEqual(tolWei);
};

let anvil: AnvilInstance;
let ctx: DevnetContext;
const lp = devAccount(1).address;
const trader = devAccount(2).address;
const testToken = () => artifact('TestToken').abi;

async function mint(token: Address, to: Address, amount: bigint) {
  await ctx.write({ address: token, abi: testToken(), functionName: 'mint', args: [to, amount] });
}
const balanceOf = (token: Address, who: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] });
const read = <T>(address: Address, abi: ReturnType<typeof curveStethAbi>, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi, functionName, args } as never) as Promise<T>;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await ctx.place('WETH9', TOKENS.WETH);
  for (const [addr, sym] of [
    [TOKENS.stETH, 'stETH'],
    [TOKENS.weETH, 'weETH'],
  ] as const) {
    await ctx.place('TestToken', addr);
    await ctx.write({ address: addr, abi: testToken(), functionName: 'initialize', args: [sym, sym] });
  }
  for (const who of [lp, trader]) await ctx.client.setBalance({ address: who, value: parseEther('1000000') });
  await placeCurveSteth(ctx);
  await placeCurveWeethNg(ctx);
});
afterAll(async () => {
  await anvil?.stop();
});

describe('ETH/stETH StableSwap double', () => {
  const pool = CURVE.stethPool;

  test('balanced 10,000/10,000 seed: coins, A, fee, virtual price, LP = D', async () => {
    await mint(TOKENS.stETH, lp, parseEther('10000'));
    const minted = await addCurveLiquidity(ctx, lp, pool, [parseEther('10000'), parseEther('10000')]);
    // A balanced pool has D = x + y exactly (f(x+y) = 0 when x = y); the first deposit mints D.
    expect(minted).toBe(parseEther('20000'));
    expect(await read<Address>(pool, curveStethAbi(), 'coins', [0n])).toBe('0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE');
    expect(await read<Address>(pool, curveStethAbi(), 'coins', [1n])).toBe(TOKENS.stETH);
    expect(await read<bigint>(pool, curveStethAbi(), 'A')).toBe(CURVE_DEVNET_A);
    expect(await read<bigint>(pool, curveStethAbi(), 'fee')).toBe(4_000_000n);
    expect(await read<bigint>(pool, curveStethAbi(), 'get_virtual_price')).toBe(WAD);
    expect(await read<bigint>(pool, curveStethAbi(), 'balances', [0n])).toBe(parseEther('10000'));
  });

  test('get_dy matches the independent invariant solution in both directions and sizes', async () => {
    const xp: [bigint, bigint] = [await read(pool, curveStethAbi(), 'balances', [0n]), await read(pool, curveStethAbi(), 'balances', [1n])];
    for (const dx of [1n, WAD, parseEther('100'), parseEther('5000')]) {
      near(await curveGetDy(ctx, pool, 1n, 0n, dx), expectedDyXp(CURVE_DEVNET_A, xp, 1, dx), 3n);
      near(await curveGetDy(ctx, pool, 0n, 1n, dx), expectedDyXp(CURVE_DEVNET_A, xp, 0, dx), 3n);
    }
  });

  test('exchange stETH→ETH pays get_dy, moves balances, and the pool then quotes stETH below 1', async () => {
    const dx = parseEther('6000');
    await mint(TOKENS.stETH, trader, dx);
    const xp: [bigint, bigint] = [await read(pool, curveStethAbi(), 'balances', [0n]), await read(pool, curveStethAbi(), 'balances', [1n])];
    const expected = expectedDyXp(CURVE_DEVNET_A, xp, 1, dx);
    const ethBefore = await ctx.client.getBalance({ address: trader });
    const dy = await curveExchange(ctx, trader, pool, 1n, 0n, dx);
    near(dy, expected, 3n);
    expect(await read<bigint>(pool, curveStethAbi(), 'balances', [0n])).toBe(xp[0] - dy);
    expect(await read<bigint>(pool, curveStethAbi(), 'balances', [1n])).toBe(xp[1] + dx);
    expect(await balanceOf(TOKENS.stETH, trader)).toBe(0n);
    expect(await ctx.client.getBalance({ address: trader })).toBeGreaterThan(ethBefore + dy - parseEther('0.01')); // minus gas
    const spot = await curveGetDy(ctx, pool, 1n, 0n, WAD);
    expect(spot).toBeLessThan(WAD);
    near(spot, expectedDyXp(CURVE_DEVNET_A, [xp[0] - dy, xp[1] + dx], 1, WAD), 3n);
  });

  test('imbalanced add_liquidity mints supply·(D2−D0)/D0 with fees on the deviation; calc_token_amount ignores fees', async () => {
    const amounts: [bigint, bigint] = [parseEther('1000'), 0n];
    const b: [bigint, bigint] = [await read(pool, curveStethAbi(), 'balances', [0n]), await read(pool, curveStethAbi(), 'balances', [1n])];
    const supply = await balanceOf(CURVE.stethLp, lp); // lp holds the whole supply
    const D0 = solveD(CURVE_DEVNET_A, b[0], b[1]);
    const next: [bigint, bigint] = [b[0] + amounts[0], b[1] + amounts[1]];
    const D1 = solveD(CURVE_DEVNET_A, next[0], next[1]);
    const feeRate = (CURVE_FEE * 2n) / 4n;
    const afterFees = next.map((n, k) => {
      const ideal = (D1 * b[k]!) / D0;
      return n - (feeRate * (ideal > n ? ideal - n : n - ideal)) / FEE_DEN;
    }) as [bigint, bigint];
    const expectedMint = (supply * (solveD(CURVE_DEVNET_A, afterFees[0], afterFees[1]) - D0)) / D0;
    const quoted = await read<bigint>(pool, curveStethAbi(), 'calc_token_amount', [amounts, true]);
    near(quoted, (supply * (D1 - D0)) / D0, 4n);
    const minted = await addCurveLiquidity(ctx, lp, pool, amounts);
    near(minted, expectedMint, 4n);
    expect(minted).toBeLessThan(quoted); // the fee on an imbalanced deposit is real
  });

  test('remove_liquidity pays exactly the pro-rata share of each coin', async () => {
    const supply = await balanceOf(CURVE.stethLp, lp);
    const burn = supply / 4n;
    const b: [bigint, bigint] = [await read(pool, curveStethAbi(), 'balances', [0n]), await read(pool, curveStethAbi(), 'balances', [1n])];
    const stBefore = await balanceOf(TOKENS.stETH, lp);
    await ctx.write({ address: pool, abi: curveStethAbi(), functionName: 'remove_liquidity', args: [burn, [0n, 0n]], from: lp });
    expect(await balanceOf(TOKENS.stETH, lp)).toBe(stBefore + (b[1] * burn) / supply);
    expect(await read<bigint>(pool, curveStethAbi(), 'balances', [0n])).toBe(b[0] - (b[0] * burn) / supply);
    expect(await balanceOf(CURVE.stethLp, lp)).toBe(supply - burn);
  });

  test('balances follow the actual stETH holdings (a rebase shows up without any pool call)', async () => {
    const before = await read<bigint>(pool, curveStethAbi(), 'balances', [1n]);
    await mint(TOKENS.stETH, pool, parseEther('3')); // what a positive rebase does to the pool's balance
    expect(await read<bigint>(pool, curveStethAbi(), 'balances', [1n])).toBe(before + parseEther('3'));
  });
});

describe('WETH/weETH stable-ng double (stored rate = weETH.getRate())', () => {
  const pool = CURVE.weethNgPool;
  const rate = 1_070_000_000_000_000_000n; // 1.07 ETH per weETH

  test('balanced in ETH terms, get_dy/exchange match the independent solution on rate-scaled balances', async () => {
    await ctx.write({ address: TOKENS.weETH, abi: testToken(), functionName: 'setRate', args: [rate] });
    const weth = parseEther('10700');
    const weeth = parseEther('10000');
    await ctx.write({
      address: TOKENS.WETH,
      abi: artifact('WETH9').abi,
      functionName: 'deposit',
      value: weth + parseEther('500'),
      from: lp,
    });
    await mint(TOKENS.weETH, lp, weeth);
    const minted = await addCurveLiquidity(ctx, lp, pool, [weth, weeth]);
    expect(minted).toBe(parseEther('21400')); // D of a balanced pool in ETH terms
    expect(await read<bigint[]>(pool, curveNgAbi(), 'stored_rates')).toEqual([WAD, rate]);
    expect(await read<bigint>(pool, curveNgAbi(), 'get_virtual_price')).toBe(WAD);

    const xp: [bigint, bigint] = [weth, (weeth * rate) / WAD];
    // 1 weETH sells for ~rate WETH when balanced; the fee and curvature sit below it.
    const oneWeeth = await curveGetDy(ctx, pool, 1n, 0n, WAD);
    near(oneWeeth, expectedDyXp(CURVE_DEVNET_A, xp, 1, (WAD * rate) / WAD), 3n);
    expect(oneWeeth).toBeLessThan(rate);
    expect(oneWeeth).toBeGreaterThan((rate * 9995n) / 10000n);

    const dx = parseEther('500'); // WETH in, weETH out: unscale by the rate
    const expectedOut = (expectedDyXp(CURVE_DEVNET_A, xp, 0, dx) * WAD) / rate;
    const out = await curveExchange(ctx, lp, pool, 0n, 1n, dx);
    near(out, expectedOut, 3n);
    expect(await read<bigint[]>(pool, curveNgAbi(), 'get_balances')).toEqual([weth + dx, weeth - out]);
  });

  test('remove_liquidity (ng uint256[] ABI) returns the pro-rata share and burns the pool-own LP', async () => {
    const supply = await read<bigint>(pool, curveNgAbi(), 'totalSupply');
    const b = await read<bigint[]>(pool, curveNgAbi(), 'get_balances');
    const burn = supply / 10n;
    await ctx.write({ address: pool, abi: curveNgAbi(), functionName: 'remove_liquidity', args: [burn, [0n, 0n]], from: lp });
    expect(await read<bigint[]>(pool, curveNgAbi(), 'get_balances')).toEqual(b.map((x) => x - (x * burn) / supply));
    expect(await read<bigint>(pool, curveNgAbi(), 'totalSupply')).toBe(supply - burn);
  });
});
