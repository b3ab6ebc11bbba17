import { getAddress, type Address } from 'viem';
import { PENDLE } from '../../../lib/restaking/addresses';
import { artifact, type DevnetContext } from '../context';

const ZERO: Address = '0x0000000000000000000000000000000000000000';
const YEAR = 365n * 24n * 3600n;

/** Devnet Pendle markets (addresses chosen here; mainnet ones come from the Pendle app). */
export const PENDLE_DEVNET_MARKETS = {
  'PT-weETH': {
    market: getAddress('0x9e4d000000000000000000000000000000000001'),
    pt: getAddress('0x9e47000000000000000000000000000000000001'),
    days: 90,
    apy: 0.035,
  },
  'PT-rsETH': {
    market: getAddress('0x9e4d000000000000000000000000000000000002'),
    pt: getAddress('0x9e47000000000000000000000000000000000002'),
    days: 180,
    apy: 0.045,
  },
} as const;
export type PendleMarketName = keyof typeof PENDLE_DEVNET_MARKETS;

/** Zero-coupon PT price for a fixed APY: (1 + apy)^(−t/1y), as a 1e18 rate. */
export function ptRateForApy(apy: number, secondsToExpiry: bigint): bigint {
  const rate = Math.pow(1 + apy, -Number(secondsToExpiry) / Number(YEAR));
  return BigInt(Math.round(rate * 1e12)) * 10n ** 6n;
}

export type PendleSeedMarket = { market: Address; pt: Address; expiry: bigint; ptToAssetRate: bigint };

/** Places the oracle, the router double, and one market + PT per entry, with the PT rate of its APY. */
export async function placePendle(ctx: DevnetContext): Promise<Record<PendleMarketName, PendleSeedMarket>> {
  const { timestamp } = await ctx.client.getBlock({ blockTag: 'latest' });
  await ctx.place('PendlePtOracleDouble', PENDLE.ptOracle);
  await ctx.write({ address: PENDLE.ptOracle, abi: artifact('PendlePtOracleDouble').abi, functionName: 'initialize' });
  await ctx.place('PendleRouterDouble', PENDLE.router);
  const out = {} as Record<PendleMarketName, PendleSeedMarket>;
  for (const [name, m] of Object.entries(PENDLE_DEVNET_MARKETS) as [PendleMarketName, (typeof PENDLE_DEVNET_MARKETS)[PendleMarketName]][]) {
    const ttl = BigInt(m.days) * 86_400n;
    const expiry = timestamp + ttl;
    await ctx.place('PendlePT', m.pt);
    await ctx.write({
      address: m.pt,
      abi: artifact('PendlePT').abi,
      functionName: 'initialize',
      args: [name, name, expiry, ZERO, ZERO, PENDLE.router],
    });
    await ctx.place('PendleMarketDouble', m.market);
    await ctx.write({
      address: m.market,
      abi: artifact('PendleMarketDouble').abi,
      functionName: 'initialize',
      args: [ZERO, m.pt, ZERO, expiry],
    });
    const ptToAssetRate = ptRateForApy(m.apy, ttl);
    await setPtRate(ctx, m.market, ptToAssetRate);
    out[name] = { market: m.market, pt: m.pt, expiry, ptToAssetRate };
  }
  return out;
}

export async function setPtRate(ctx: DevnetContext, market: Address, rateWad: bigint): Promise<void> {
  await ctx.write({
    address: PENDLE.ptOracle,
    abi: artifact('PendlePtOracleDouble').abi,
    functionName: 'setPtToAssetRate',
    args: [market, rateWad],
  });
}

/** Buys PT with ETH through the router double; returns the PT minted to `from`. */
export async function buyPtWithEth(ctx: DevnetContext, from: Address, market: Address, ethIn: bigint): Promise<bigint> {
  const abi = artifact('PendleRouterDouble').abi;
  const ptOut = (await ctx.client.readContract({
    address: PENDLE.router,
    abi,
    functionName: 'previewPtOut',
    args: [market, ethIn],
  })) as bigint;
  await ctx.write({ address: PENDLE.router, abi, functionName: 'swapExactEthForPt', args: [from, market, ptOut], value: ethIn, from });
  return ptOut;
}
