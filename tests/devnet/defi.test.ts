import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, parseEther, type Address } from 'viem';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { AAVE_V3, CURVE, PENDLE, TOKENS, UNISWAP } from '../../lib/restaking/addresses';
import { seedTokens, type TokensSeed } from './seed/tokens';
import { DEFI_LIQUIDITY_ACCOUNT, depegToken, repegToken, seedDefi, seedDemoPositions, type DefiSeed } from './seed/defi';
import { curveGetDy } from './seed/defi-curve';
import { quoteTokenToWeth } from './seed/defi-uniswap';
import { acquireToken } from './seed/acquire';
import { buyPtWithEth } from './seed/defi-pendle';

const WAD = 10n ** 18n;
let anvil: AnvilInstance;
let ctx: DevnetContext;
let tokens: TokensSeed;
let seed: DefiSeed;
const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args } as never) as Promise<T>;
/** |a − b| ≤ bps/10,000 of b. */
const withinBps = (a: bigint, b: bigint, bps: bigint) =>
  expect((a > b ? a - b : b - a) * 10_000n, `${a} vs ${b}`).toBeLessThanOrEqual(b * bps);

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  tokens = await seedTokens(ctx);
  seed = await seedDefi(ctx, tokens);
}, 120_000);
afterAll(async () => {
  await anvil?.stop();
});

describe('seedDefi on top of seedTokens', () => {
  test('Curve pools are balanced in ETH terms and quote near the fair rate', async () => {
    const [eth, steth] = seed.curve.stethPool.balances;
    withinBps(steth, eth, 1n);
    expect(eth).toBe(parseEther('10000'));
    withinBps(seed.curve.stethPool.stethToEth, WAD, 5n); // 0.04 % fee + curvature
    const [weth, weeth] = seed.curve.weethNgPool.balances;
    withinBps((weeth * tokens.rates.weETH) / WAD, weth, 1n);
    withinBps(seed.curve.weethNgPool.weethToWeth, tokens.rates.weETH, 5n);
    expect(await read<bigint>(CURVE.stethPool, 'CurveStableSwapSTETH', 'A')).toBe(50n);
  });

  test('Uniswap: fair prices, constant-product size impact, slot0 consistent with the quoter', async () => {
    const price = tokens.rates.ezETH;
    expect(seed.uniswap.prices.ezETH).toBe(price);
    const depth = 10_000n * WAD; // the token-side virtual reserve set by setPrice
    const quote = (amountIn: bigint) => {
      const inAfterFee = (amountIn * (1_000_000n - 100n)) / 1_000_000n;
      return (((depth * price) / WAD) * inAfterFee) / (depth + inAfterFee);
    };
    const one = await quoteTokenToWeth(ctx, 'ezETH', WAD);
    const big = await quoteTokenToWeth(ctx, 'ezETH', parseEther('1000'));
    expect(one).toBe(quote(WAD));
    expect(big).toBe(quote(parseEther('1000')));
    expect((big * 100n) / 1000n).toBeLessThan((one * 100n * 95n) / 100n); // >5 % worse per token for a 1,000-token exit

    // ezETH (0xbf54…) < WETH (0xC02a…): token0 = ezETH, so slot0 price = WETH per ezETH.
    const [sqrtPriceX96, tick] = await read<readonly [bigint, number]>(UNISWAP.ezethWethPool, 'UniswapV3PoolDouble', 'slot0');
    expect(await read<Address>(UNISWAP.ezethWethPool, 'UniswapV3PoolDouble', 'token0')).toBe(TOKENS.ezETH);
    const q192 = 2n ** 192n;
    withinBps((sqrtPriceX96 * sqrtPriceX96 * WAD) / q192, price, 1n);
    const expectedTick = Math.floor(Math.log(Number(price) / 1e18) / Math.log(1.0001));
    expect(Math.abs(tick - expectedTick)).toBeLessThanOrEqual(1);
  });

  test('Aave has the seeded liquidity and demo positions enter weETH e-mode', async () => {
    expect(
      await ctx.client.readContract({
        address: seed.aave.aTokens.WETH,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [DEFI_LIQUIDITY_ACCOUNT],
      }),
    ).toBeGreaterThan(parseEther('999'));
    const demo = devAccount(5).address;
    await acquireToken(ctx, 'stETH', demo, parseEther('6'));
    await acquireToken(ctx, 'weETH', demo, parseEther('6'));
    const positions = await seedDemoPositions(ctx, demo);
    expect(positions.aaveWeETH).toBe(parseEther('5'));
    expect(positions.curveStethLp).toBeGreaterThan(parseEther('9.9'));
    expect(await read<bigint>(AAVE_V3.pool, 'AavePoolDouble', 'getUserEMode', [demo])).toBe(26n);
  });

  test('depegToken stETH 5 % moves the Curve quote to 0.95 within 0.05 % and the Uniswap price to 0.95; repeg restores', async () => {
    const r = await depegToken(ctx, 'stETH', 5);
    const target = (WAD * 95n) / 100n;
    expect(r.target).toBe(target);
    withinBps(r.curve!.after, target, 5n);
    expect(await curveGetDy(ctx, CURVE.stethPool, 1n, 0n, WAD)).toBe(r.curve!.after);
    expect(r.uniswap.after).toBe(
      (((10_000n * WAD * target) / WAD) * ((WAD * 9_999n) / 10_000n)) / (10_000n * WAD + (WAD * 9_999n) / 10_000n),
    );
    const back = await repegToken(ctx, 'stETH');
    withinBps(back.curve!.after, WAD, 10n);
  });

  test('depegToken weETH 3 % targets 0.97 × weETH.getRate() on the stable-ng pool', async () => {
    const fair = await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');
    const r = await depegToken(ctx, 'weETH', 3);
    expect(r.fairRate).toBe(fair);
    withinBps(r.curve!.after, (fair * 97n) / 100n, 5n);
    expect(r.curve!.before).toBeGreaterThan(r.curve!.after);
  });

  test('depegToken of a token without a Curve pool sets only the Uniswap price', async () => {
    const r = await depegToken(ctx, 'rsETH', 10);
    expect(r.curve).toBeUndefined();
    expect(r.target).toBe((tokens.rates.rsETH * 90n) / 100n);
    expect(r.uniswap.after).toBeLessThan(r.uniswap.before);
    withinBps(r.uniswap.after, r.target, 2n); // 1-token quote: fee 0.01 % + tiny impact
  });

  test('Pendle: PT rate from the fixed APY, PT bought at that rate, rate 1 at expiry', async () => {
    const m = seed.pendle.markets['PT-weETH']!;
    const { timestamp } = await ctx.client.getBlock({ blockTag: 'latest' });
    expect(m.expiry - timestamp).toBeGreaterThan(89n * 86_400n);
    expect(await read<bigint>(m.market, 'PendleMarketDouble', 'expiry')).toBe(m.expiry);
    expect(await read<readonly Address[]>(m.market, 'PendleMarketDouble', 'readTokens')).toEqual([
      '0x0000000000000000000000000000000000000000',
      m.pt,
      '0x0000000000000000000000000000000000000000',
    ]);
    const rate = await read<bigint>(PENDLE.ptOracle, 'PendlePtOracleDouble', 'getPtToAssetRate', [m.market, 900]);
    expect(rate).toBe(m.ptToAssetRate);
    expect(Number(rate) / 1e18).toBeCloseTo(Math.pow(1.035, -90 / 365), 9);
    const buyer = devAccount(6).address;
    const pt = await buyPtWithEth(ctx, buyer, m.market, WAD);
    expect(pt).toBe((WAD * WAD) / rate);
    expect(await ctx.client.readContract({ address: m.pt, abi: erc20Abi, functionName: 'balanceOf', args: [buyer] })).toBe(pt);

    await ctx.client.increaseTime({ seconds: 91 * 86_400 });
    await ctx.client.mine({ blocks: 1 });
    expect(await read<boolean>(m.pt, 'PendlePT', 'isExpired')).toBe(true);
    expect(await read<bigint>(PENDLE.ptOracle, 'PendlePtOracleDouble', 'getPtToAssetRate', [m.market, 0])).toBe(WAD);
  });
});
