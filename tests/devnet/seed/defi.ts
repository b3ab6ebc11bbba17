import { parseEther, parseUnits, type Address } from 'viem';
import { AAVE_V3, CURVE, PENDLE, TOKENS, UNISWAP, type TokenSymbol } from '../../../lib/restaking/addresses';
import { readFairRates } from '../../../lib/restaking/read-fair-rates';
import type { RestakingSymbol } from '../../../lib/restaking/types';
import { devAccount, type DevnetContext } from '../context';
import { acquireToken } from './acquire';
import {
  AAVE_DEVNET_ATOKENS,
  AAVE_DEVNET_ETH_USD,
  AAVE_EMODES,
  aavePoolAbi,
  liveAaveRateSources,
  placeAave,
  supplyToAave,
} from './defi-aave';
import { CURVE_DEVNET_A, CURVE_FEE, addCurveLiquidity, curveGetDy, placeCurveSteth, placeCurveWeethNg } from './defi-curve';
import { moveCurveSpot, readCurveModel } from './defi-curve-scenario';
import { fastContext } from './defi-fast';
import { placePendle, type PendleSeedMarket } from './defi-pendle';
import { UNISWAP_DEVNET_POOLS, placeUniswap, quoteTokenToWeth, setUniswapPrice, uniswapFeeOf } from './defi-uniswap';
import type { TokensSeed } from './tokens';

export { addCurveLiquidity } from './defi-curve';
export { supplyToAave } from './defi-aave';

const WAD = 10n ** 18n;
/** anvil account 8 provides the DeFi doubles' liquidity and runs depeg swaps (demo users are 1–3). */
export const DEFI_LIQUIDITY_ACCOUNT = devAccount(8).address;
/** Each Curve pool: 10,000 ETH a side (weETH side = 10,000 ETH worth at weETH.getRate()). */
export const CURVE_SEED_ETH = parseEther('10000');

export type DefiSeed = {
  curve: {
    A: bigint;
    fee: bigint;
    stethPool: { address: Address; lpToken: Address; balances: [bigint, bigint]; stethToEth: bigint };
    weethNgPool: { address: Address; balances: [bigint, bigint]; weethToWeth: bigint };
  };
  aave: {
    pool: Address;
    oracle: Address;
    baseCurrency: 'USD (8 decimals)';
    ethUsd: bigint;
    aTokens: typeof AAVE_DEVNET_ATOKENS;
    eModes: number[];
  };
  uniswap: { quoterV2: Address; pools: typeof UNISWAP_DEVNET_POOLS; prices: Partial<Record<TokenSymbol, bigint>> };
  pendle: { router: Address; ptOracle: Address; markets: Record<string, PendleSeedMarket> };
};

/** Places every DeFi double on a devnet where seedTokens already ran, and seeds liquidity and prices. */
export async function seedDefi(devnet: DevnetContext, tokens: TokensSeed): Promise<DefiSeed> {
  const ctx = fastContext(devnet);
  const lp = DEFI_LIQUIDITY_ACCOUNT;
  await ctx.client.setBalance({ address: lp, value: parseEther('10000000') });

  await placeCurveSteth(ctx);
  const steth = await acquireToken(ctx, 'stETH', lp, CURVE_SEED_ETH);
  await addCurveLiquidity(ctx, lp, CURVE.stethPool, [CURVE_SEED_ETH, steth]); // stETH ≈ 1:1 with ETH (share rounding)
  await placeCurveWeethNg(ctx);
  const weeth = await acquireToken(ctx, 'weETH', lp, CURVE_SEED_ETH);
  const weth = (weeth * tokens.rates.weETH) / WAD; // same ETH value on both sides
  await acquireToken(ctx, 'WETH', lp, weth);
  await addCurveLiquidity(ctx, lp, CURVE.weethNgPool, [weth, weeth]);

  await placeAave(ctx, liveAaveRateSources(tokens.rates.ezETH));
  for (const s of ['WETH', 'wstETH'] as const) {
    // borrowable liquidity
    const got = await acquireToken(ctx, s, lp, parseEther('1000'));
    await supplyToAave(ctx, lp, TOKENS[s], got);
  }

  await placeUniswap(ctx);
  const prices: Partial<Record<TokenSymbol, bigint>> = {};
  for (const [symbol, rate] of Object.entries(tokens.rates) as [RestakingSymbol, bigint][]) {
    await setUniswapPrice(ctx, symbol, rate);
    prices[symbol] = rate;
  }
  const markets = await placePendle(ctx);

  const bal = async (pool: Address, i: bigint) => (await readCurveModel(ctx, pool)).balances[Number(i)]!;
  return {
    curve: {
      A: CURVE_DEVNET_A,
      fee: CURVE_FEE,
      stethPool: {
        address: CURVE.stethPool,
        lpToken: CURVE.stethLp,
        balances: [await bal(CURVE.stethPool, 0n), await bal(CURVE.stethPool, 1n)],
        stethToEth: await curveGetDy(ctx, CURVE.stethPool, 1n, 0n, WAD),
      },
      weethNgPool: {
        address: CURVE.weethNgPool,
        balances: [await bal(CURVE.weethNgPool, 0n), await bal(CURVE.weethNgPool, 1n)],
        weethToWeth: await curveGetDy(ctx, CURVE.weethNgPool, 1n, 0n, WAD),
      },
    },
    aave: {
      pool: AAVE_V3.pool,
      oracle: AAVE_V3.oracle,
      baseCurrency: 'USD (8 decimals)',
      ethUsd: AAVE_DEVNET_ETH_USD,
      aTokens: AAVE_DEVNET_ATOKENS,
      eModes: AAVE_EMODES.map((e) => e.id),
    },
    uniswap: { quoterV2: UNISWAP.quoterV2, pools: UNISWAP_DEVNET_POOLS, prices },
    pendle: { router: PENDLE.router, ptOracle: PENDLE.ptOracle, markets },
  };
}

/** Curve pool whose coin1 is the token, priced against ETH/WETH (coin0). */
const CURVE_POOL_OF: Partial<Record<TokenSymbol, Address>> = { stETH: CURVE.stethPool, weETH: CURVE.weethNgPool };

/** Fair ETH per token: stETH is 1:1 by design; weETH from getRate(); others through the registry readers. */
async function fairRateOf(ctx: DevnetContext, symbol: RestakingSymbol): Promise<bigint> {
  if (symbol === 'stETH') return WAD;
  if (symbol === 'weETH') return (await readCurveModel(ctx, CURVE.weethNgPool)).rates[1];
  const r = (await readFairRates(ctx.client, { symbols: [symbol] }))[symbol];
  if (!r?.ok) throw new Error(`Could not read the fair rate of ${symbol}: ${r?.error ?? 'no result'}. Was seedTokens run first?`);
  return r.rate;
}

export type PegQuotes = {
  fairRate: bigint;
  target: bigint;
  curve?: { pool: Address; before: bigint; after: bigint };
  uniswap: { before: bigint; after: bigint };
};

/**
 * Moves the market for `symbol` DOWN by `percent` % of its fair rate: on Curve (stETH, weETH) by swapping
 * the token into the pool until get_dy(token→ETH, 1 token) is within 0.05 % of (1 − percent/100) × fair,
 * and on the Uniswap quoter by setting the price. Returns the 1-token quotes before and after.
 */
export async function depegToken(ctx: DevnetContext, symbol: string, percent: number): Promise<PegQuotes> {
  if (!(percent >= 0 && percent < 100)) throw new Error(`depegToken: percent must be in [0, 100), got ${percent}`);
  const token = symbol as RestakingSymbol;
  if (!(token in TOKENS) || token === ('WETH' as string)) throw new Error(`depegToken: unknown token ${symbol}`);
  const fairRate = await fairRateOf(ctx, token);
  const target = (fairRate * (100_000_000n - parseUnits(percent.toFixed(6), 6))) / 100_000_000n;
  return movePeg(ctx, token, fairRate, target, 'price');
}

/** Puts `symbol` back at its fair rate: the Curve pool rebalanced in ETH terms, the Uniswap price = fair. */
export async function repegToken(ctx: DevnetContext, symbol: string): Promise<PegQuotes> {
  const token = symbol as RestakingSymbol;
  const fairRate = await fairRateOf(ctx, token);
  return movePeg(ctx, token, fairRate, fairRate, 'balance');
}

async function movePeg(
  devnet: DevnetContext,
  token: RestakingSymbol,
  fairRate: bigint,
  target: bigint,
  mode: 'price' | 'balance',
): Promise<PegQuotes> {
  const ctx = fastContext(devnet);
  const out: PegQuotes = { fairRate, target, uniswap: { before: await quoteTokenToWeth(ctx, token, WAD), after: 0n } };
  const pool = CURVE_POOL_OF[token];
  if (pool) {
    const before = await curveGetDy(ctx, pool, 1n, 0n, WAD);
    await moveCurveSpot(
      ctx,
      DEFI_LIQUIDITY_ACCOUNT,
      pool,
      token as 'stETH' | 'weETH',
      mode === 'price' ? { spot: target } : { balanced: true },
    );
    out.curve = { pool, before, after: await curveGetDy(ctx, pool, 1n, 0n, WAD) };
  }
  await setUniswapPrice(ctx, token, target);
  out.uniswap.after = await quoteTokenToWeth(ctx, token, WAD);
  return out;
}

/** Demo positions for one account already holding stETH and weETH: Curve LP, Aave supply in weETH e-mode. */
export async function seedDemoPositions(devnet: DevnetContext, account: Address) {
  const ctx = fastContext(devnet);
  const steth = parseEther('5');
  const lpTokens = await addCurveLiquidity(ctx, account, CURVE.stethPool, [steth, steth]);
  const aWeETH = await supplyToAave(ctx, account, TOKENS.weETH, parseEther('5'));
  await ctx.write({ address: AAVE_V3.pool, abi: aavePoolAbi(), functionName: 'setUserEMode', args: [26], from: account });
  return { curveStethLp: lpTokens, aaveWeETH: aWeETH, aaveEMode: 26, uniswapFeeWeETH: uniswapFeeOf('weETH') };
}
