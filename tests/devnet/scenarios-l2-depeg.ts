import { L2_CHAINS, l2PoolsOf, type L2Token } from '../../lib/restaking/l2';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import type { DevnetContext } from './context';
import type { L2DevnetChainId } from './l2-devnet';
import { doubleAbi } from './seed/abi';
import { parseNumber, ScenarioInputError } from './scenarios';

/**
 * An L2 pool trades a bridged token under its fair rate (issue #18, item 4): the chain's first listed pool for the token
 * (lib/restaking/l2/pools.ts; its QuoterV2 double) gets the price L1 fair rate × (1 − fraction) WETH per token, its depth
 * kept. `fraction` is text, exact to 1e-6 (0.03 = 3 % under). Only tokens with a listed pool can depeg there.
 */
export async function l2Depeg(l1: DevnetContext, l2: DevnetContext, chainId: L2DevnetChainId, token: L2Token, fraction: string) {
  parseNumber(fraction, 'fraction', 0, 1);
  const [pool] = l2PoolsOf(chainId, token.symbol);
  if (!pool) {
    const listed = L2_CHAINS[chainId].tokens.filter((t) => l2PoolsOf(chainId, t.symbol).length > 0).map((t) => t.symbol);
    throw new ScenarioInputError(
      `no pool listed for ${token.symbol} on ${L2_CHAINS[chainId].name}; l2-depeg takes ${listed.join(', ')} there`,
    );
  }
  if ((await l2.client.getChainId()) !== chainId) throw new Error(`The L2 RPC ${l2.rpcUrl} is not chain ${chainId}`);
  const fair = (await readFairRates(l1.client, { symbols: [token.l1Symbol] }))[token.l1Symbol];
  if (!fair?.ok) throw new Error(`Could not read the L1 fair rate of ${token.l1Symbol}: ${fair?.error ?? 'no result'}`);
  const micros = BigInt(Math.round(Number(fraction) * 1e6));
  const price = (fair.rate * (1_000_000n - micros)) / 1_000_000n;
  const abi = doubleAbi('UniswapQuoterV2Double');
  const market = () =>
    l2.client.readContract({
      address: pool.quoter,
      abi,
      functionName: 'getMarket',
      args: [token.address, pool.tokenOut, pool.fee],
    }) as Promise<readonly [bigint, bigint]>;
  const before = await market();
  await l2.write({ address: pool.quoter, abi, functionName: 'setPrice', args: [token.address, pool.tokenOut, pool.fee, price] });
  const after = await market();
  return {
    scenario: 'l2-depeg',
    chainId,
    chain: L2_CHAINS[chainId].name,
    token: token.symbol,
    l1Symbol: token.l1Symbol,
    l1FairRate: fair.rate.toString(),
    l1Source: fair.source,
    fraction,
    price: price.toString(),
    pool: pool.pool,
    quoter: pool.quoter,
    fee: pool.fee,
    reserves: { before: before.map(String), after: after.map(String) },
  };
}
