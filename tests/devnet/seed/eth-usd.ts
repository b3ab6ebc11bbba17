import type { Address } from 'viem';
import { CHAINLINK_ETH_USD } from '../../../lib/restaking/addresses';
import type { DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';

/** ETH/USD on the devnet: $3,000.00 with the mainnet feed's 8 decimals (the Aave oracle double uses the same price). */
export const DEVNET_ETH_USD = 3_000n * 10n ** 8n;

/**
 * The Chainlink ETH / USD feed double at its mainnet address, answering `answer` as of the latest block:
 * the approval window's dollar figures (next to the network fee) read it, as they read the real feed on mainnet.
 */
export async function placeEthUsdFeed(
  ctx: DevnetContext,
  answer = DEVNET_ETH_USD,
): Promise<{ address: Address; answer: bigint; decimals: number }> {
  await placeDouble(ctx, 'ChainlinkAggregator', CHAINLINK_ETH_USD);
  const abi = doubleAbi('ChainlinkAggregator');
  const { timestamp } = await ctx.client.getBlock();
  await ctx.write({ address: CHAINLINK_ETH_USD, abi, functionName: 'initialize', args: [8, 'ETH / USD'] });
  await ctx.write({ address: CHAINLINK_ETH_USD, abi, functionName: 'setAnswer', args: [answer, timestamp] });
  return { address: CHAINLINK_ETH_USD, answer, decimals: 8 };
}
