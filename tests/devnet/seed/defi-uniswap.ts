import type { Address } from 'viem';
import { TOKENS, UNISWAP, type TokenSymbol } from '../../../lib/restaking/addresses';
import { artifact, type DevnetContext } from '../context';

export const quoterAbi = () => artifact('UniswapQuoterV2Double').abi;

/** Fee tier quoted per token against WETH: the mainnet pools' tiers (reference §3.1), 0.01 % elsewhere. */
export const UNISWAP_FEE: Partial<Record<TokenSymbol, number>> = { rswETH: 3000 };
export const uniswapFeeOf = (symbol: TokenSymbol) => UNISWAP_FEE[symbol] ?? 100;

/** Pool doubles at the mainnet pool addresses; slot0 mirrors the quoter's market of the same pair and fee. */
export const UNISWAP_DEVNET_POOLS: { address: Address; token: TokenSymbol; fee: number }[] = [
  { address: UNISWAP.weethWethPool, token: 'weETH', fee: 100 },
  { address: UNISWAP.ezethWethPool, token: 'ezETH', fee: 100 },
  { address: UNISWAP.wethRswethPool, token: 'rswETH', fee: 3000 },
];

export async function placeUniswap(ctx: DevnetContext): Promise<void> {
  await ctx.place('UniswapQuoterV2Double', UNISWAP.quoterV2);
  await ctx.write({ address: UNISWAP.quoterV2, abi: quoterAbi(), functionName: 'initialize' });
  for (const p of UNISWAP_DEVNET_POOLS) {
    await ctx.place('UniswapV3PoolDouble', p.address);
    await ctx.write({
      address: p.address,
      abi: artifact('UniswapV3PoolDouble').abi,
      functionName: 'initialize',
      args: [UNISWAP.quoterV2, TOKENS[p.token], TOKENS.WETH, p.fee],
    });
  }
}

/** 1 token = priceWad/1e18 WETH on the token's fee tier (virtual depth: 10,000 tokens unless set). */
export async function setUniswapPrice(ctx: DevnetContext, symbol: TokenSymbol, priceWad: bigint): Promise<void> {
  await ctx.write({
    address: UNISWAP.quoterV2,
    abi: quoterAbi(),
    functionName: 'setPrice',
    args: [TOKENS[symbol], TOKENS.WETH, uniswapFeeOf(symbol), priceWad],
  });
}

/** WETH out for `amountIn` of the token, as QuoterV2.quoteExactInputSingle answers (eth_call). */
export async function quoteTokenToWeth(ctx: DevnetContext, symbol: TokenSymbol, amountIn: bigint): Promise<bigint> {
  const { result } = await ctx.client.simulateContract({
    address: UNISWAP.quoterV2,
    abi: quoterAbi(),
    functionName: 'quoteExactInputSingle',
    args: [{ tokenIn: TOKENS[symbol], tokenOut: TOKENS.WETH, amountIn, fee: uniswapFeeOf(symbol), sqrtPriceLimitX96: 0n }],
  });
  return (result as readonly [bigint, bigint, number, bigint])[0];
}
