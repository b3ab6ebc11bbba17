import type { Address } from 'viem';
import { L2_CHAINS, L2_MARKETS, type L2ChainId, type L2Token } from '../../../lib/restaking/l2';
import type { DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';
import { writeMany, type BatchCall } from './batch';

export type L2PoolSeed = { symbol: string; pool: Address; quoter: Address; token: Address; tokenOut: Address; fee: number; price: string };

/**
 * The pools of lib/restaking/l2/pools.ts on one L2 devnet: a UniswapQuoterV2Double at the chain's QuoterV2 address and a
 * UniswapV3PoolDouble (slot0 mirrors the quoter) at each pool address, every token priced at the fair rate it mirrors
 * (1 token = that many WETH), so a fresh devnet shows no depeg beyond the pool fee. `scenario l2-depeg` moves a price.
 */
export async function seedL2Pools(
  ctx: DevnetContext,
  chainId: L2ChainId,
  fairOf: (l1Symbol: L2Token['l1Symbol']) => bigint,
): Promise<L2PoolSeed[]> {
  const pools = L2_MARKETS[chainId].pools;
  const quoters = [...new Set(pools.map((p) => p.quoter))];
  await Promise.all([
    ...quoters.map((q) => placeDouble(ctx, 'UniswapQuoterV2Double', q)),
    ...pools.map((p) => placeDouble(ctx, 'UniswapV3PoolDouble', p.pool)),
  ]);
  const quoterAbi = doubleAbi('UniswapQuoterV2Double');
  const calls: BatchCall[] = quoters.map((q) => ({ address: q, abi: quoterAbi, functionName: 'initialize' }));
  const seeded: L2PoolSeed[] = [];
  for (const p of pools) {
    const token = L2_CHAINS[chainId].tokens.find((t) => t.symbol === p.symbol)!;
    const price = fairOf(token.l1Symbol);
    calls.push(
      {
        address: p.pool,
        abi: doubleAbi('UniswapV3PoolDouble'),
        functionName: 'initialize',
        args: [p.quoter, token.address, p.tokenOut, p.fee],
      },
      { address: p.quoter, abi: quoterAbi, functionName: 'setPrice', args: [token.address, p.tokenOut, p.fee, price] },
    );
    seeded.push({
      symbol: p.symbol,
      pool: p.pool,
      quoter: p.quoter,
      token: token.address,
      tokenOut: p.tokenOut,
      fee: p.fee,
      price: price.toString(),
    });
  }
  await writeMany(ctx, calls);
  return seeded;
}
