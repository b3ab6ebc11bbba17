import { parseEther, type Address } from 'viem';
import { L2_CHAINS, type L2ChainId, type L2Token, type RateSource } from '../../../lib/restaking/l2';
import { RESTAKING_TOKENS } from '../../../lib/restaking/tokens';
import { devAccount, type DevnetContext } from '../context';
import { doubleAbi, placeDouble } from './abi';
import { writeMany, type BatchCall } from './batch';
import { seedL2Pools, type L2PoolSeed } from './l2-pools';
import { DEVNET_ETH_USD } from './eth-usd';
import { L2_AAVE_LP_INDEX, seedL2Aave, type L2AaveSeed } from './l2-aave';
import { SEED_BOOKS } from './tokens';

/** The L1 fair rate (ETH per 1e18 token) each L2 rate source starts from, by the L1 symbol the L2 token stands for. */
export type L1Rates = Partial<Record<L2Token['l1Symbol'], bigint>>;

/** Without a running L1 devnet, the L2 rates start at the rates seedTokens gives the L1 doubles. */
export const SEED_L1_RATES: L1Rates = Object.fromEntries(
  (['wstETH', 'weETH', 'ezETH', 'rsETH', 'rETH', 'cbETH'] as const).map((s) => [s, SEED_BOOKS[s].rate]),
);

/** Bridged supply held by "everyone else" on each L2 (round, not the chains' real supplies). */
const BRIDGED_SUPPLY = parseEther('25000');

/** What each demo user holds on each L2, minted by the bridge double (as if bridged from Ethereum). */
export const L2_DEMO_HOLDINGS: Record<42161 | 8453, { index: number; symbol: L2Token['symbol']; amount: string }[]> = {
  42161: [
    { index: 1, symbol: 'wstETH', amount: '1.5' },
    { index: 1, symbol: 'weETH', amount: '2' },
    { index: 1, symbol: 'ezETH', amount: '1' },
    { index: 2, symbol: 'rsETH', amount: '0.8' },
  ],
  8453: [
    { index: 1, symbol: 'wstETH', amount: '0.75' },
    { index: 1, symbol: 'weETH', amount: '1.25' },
    { index: 1, symbol: 'wrsETH', amount: '0.5' },
    { index: 2, symbol: 'ezETH', amount: '3' },
  ],
};

export type L2RateSourceSeed = {
  address: Address;
  kind: RateSource['kind'];
  /** The L1 symbol whose rate it mirrors. */
  mirrors: L2Token['l1Symbol'];
  /** 1e18-scaled ETH per token, as set. */
  rate: string;
  updatedAt: string;
};

export type L2Seed = {
  chainId: L2ChainId;
  multicall3: Address;
  ethUsdFeed: Address;
  tokens: { symbol: L2Token['symbol']; l1Symbol: L2Token['l1Symbol']; address: Address; rateSource: Address }[];
  rateSources: L2RateSourceSeed[];
  demo: { address: Address; mnemonicIndex: number; balances: Record<string, string> }[];
  /** Aave v3 doubles where the registry has a deployment (seed/l2-aave.ts). */
  aave?: L2AaveSeed;
  /** The pool and quoter doubles of lib/restaking/l2/pools.ts (seed/l2-pools.ts). */
  pools: L2PoolSeed[];
};

const tokenName = (t: L2Token) => (t.symbol === 'wrsETH' ? 'Wrapped rsETH' : RESTAKING_TOKENS[t.l1Symbol].name);

/** Every rate source of the chain's tokens (primary and alternative), once each, with the L1 symbol it mirrors. */
export function rateSourcesOf(chainId: L2ChainId): { source: RateSource; mirrors: L2Token['l1Symbol'] }[] {
  const seen = new Map<string, { source: RateSource; mirrors: L2Token['l1Symbol'] }>();
  for (const t of L2_CHAINS[chainId].tokens)
    for (const source of [t.rateSource, ...(t.altRateSources ?? [])])
      if (!seen.has(source.address)) seen.set(source.address, { source, mirrors: t.l1Symbol });
  return [...seen.values()];
}

/**
 * Places the doubles of one L2 at the addresses of lib/restaking/l2/registry.ts: Multicall3, every bridged token
 * (L2BridgedToken), every rate source (Chainlink exchange-rate feeds and Lido's oracle as ChainlinkAggregator, Kelp's
 * receivers as L2RateReceiver) answering the L1 fair rate as of the chain's latest block, the ETH/USD feed, and the
 * demo users' bridged balances, and the Aave v3 doubles where the chain has Aave (seed/l2-aave.ts).
 */
export async function seedL2(ctx: DevnetContext, chainId: L2ChainId, l1Rates: L1Rates = SEED_L1_RATES): Promise<L2Seed> {
  const chain = L2_CHAINS[chainId];
  const sources = rateSourcesOf(chainId);
  await Promise.all([
    placeDouble(ctx, 'Multicall3', chain.multicall3.address),
    placeDouble(ctx, 'ChainlinkAggregator', chain.ethUsdFeed.address),
    ...chain.tokens.map((t) => placeDouble(ctx, 'L2BridgedToken', t.address)),
    ...sources.map(({ source }) =>
      placeDouble(ctx, source.kind === 'kelp-rate-receiver' ? 'L2RateReceiver' : 'ChainlinkAggregator', source.address),
    ),
  ]);
  const { timestamp } = await ctx.client.getBlock({ blockTag: 'latest' });
  const feed = doubleAbi('ChainlinkAggregator');
  const token = doubleAbi('L2BridgedToken');
  const receiver = doubleAbi('L2RateReceiver');
  const rateOf = (symbol: L2Token['l1Symbol']) => {
    const rate = l1Rates[symbol] ?? SEED_L1_RATES[symbol];
    if (rate === undefined) throw new Error(`No L1 rate for ${symbol}: the L2 devnet mirrors L1 fair rates`);
    return rate;
  };

  const calls: BatchCall[] = [
    { address: chain.ethUsdFeed.address, abi: feed, functionName: 'initialize', args: [8, 'ETH / USD'] },
    { address: chain.ethUsdFeed.address, abi: feed, functionName: 'setAnswer', args: [DEVNET_ETH_USD, timestamp] },
  ];
  // Placed tokens may share an address across chains (ezETH's xERC20), never within one.
  for (const t of chain.tokens)
    calls.push({ address: t.address, abi: token, functionName: 'initialize', args: [tokenName(t), t.symbol, BRIDGED_SUPPLY] });
  const rateSources: L2RateSourceSeed[] = [];
  for (const { source, mirrors } of sources) {
    const rate = rateOf(mirrors);
    if (source.kind === 'kelp-rate-receiver') {
      calls.push({ address: source.address, abi: receiver, functionName: 'initialize', args: [`${mirrors} rate`, rate, timestamp] });
    } else {
      calls.push({ address: source.address, abi: feed, functionName: 'initialize', args: [18, `${mirrors} / ETH Exchange Rate`] });
      calls.push({ address: source.address, abi: feed, functionName: 'setAnswer', args: [rate, timestamp] });
    }
    rateSources.push({ address: source.address, kind: source.kind, mirrors, rate: rate.toString(), updatedAt: timestamp.toString() });
  }
  const holdings = chainId === 42161 || chainId === 8453 ? L2_DEMO_HOLDINGS[chainId] : [];
  const demo = new Map<number, L2Seed['demo'][number]>();
  for (const h of holdings) {
    const t = chain.tokens.find((x) => x.symbol === h.symbol);
    if (!t) throw new Error(`No ${h.symbol} on ${chain.name} in the L2 registry`);
    const holder = devAccount(h.index).address;
    calls.push({ address: t.address, abi: token, functionName: 'bridgeMint', args: [holder, parseEther(h.amount)] });
    const entry = demo.get(h.index) ?? { address: holder, mnemonicIndex: h.index, balances: {} };
    entry.balances[h.symbol] = parseEther(h.amount).toString();
    demo.set(h.index, entry);
  }
  await writeMany(ctx, calls);
  const aave = await seedL2Aave(ctx, chainId, devAccount(L2_AAVE_LP_INDEX).address);
  const pools = await seedL2Pools(ctx, chainId, rateOf);
  return {
    chainId,
    multicall3: chain.multicall3.address,
    ethUsdFeed: chain.ethUsdFeed.address,
    tokens: chain.tokens.map((t) => ({ symbol: t.symbol, l1Symbol: t.l1Symbol, address: t.address, rateSource: t.rateSource.address })),
    rateSources,
    demo: [...demo.values()],
    ...(aave ? { aave } : {}),
    pools,
  };
}
