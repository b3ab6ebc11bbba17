import type { Address } from 'viem';
import { L2_CHAINS, L2_MARKETS, l2PoolsOf, type L2ChainId, type L2Pool, type TokenRate } from '../restaking/l2';
import type { FairRateResult, MulticallResult } from '../restaking/read-fair-rates';
import type { ContractRead } from '../restaking/types';
import { depegFlag, type RiskFlag } from '../risk';
import { firstQuote, quoteCalls, type Quote } from './market-quotes';
import { WAD, type MarketSpec } from './token-sources';
import type { ReadCall, ReadResult } from './types';
import { depegWad } from './valuation';

/**
 * Depeg on an L2 from the L2's own pool (issue #18, item 4). The quotes ride in the chain's one Multicall3 request
 * (readChainHoldings' extraCalls) and are read with lib/tracker/market-quotes.ts, as Ethereum's are. The measure is
 * Ethereum's token depeg: the 1-token quote (fee and price impact of 1 token included) against the fair rate. A
 * holding's market value comes from fixed exit sizes quoted in the same batch (l2ExitValue). Fair rate: the L1 fair
 * rate where it was read, else the L2's own rate source (the registry's), and which one is said.
 */

export type ChainDepeg = {
  symbol: string;
  /** not-checked: no pool listed, the pool did not answer, or no fair rate; `error` says which. Never read as "no depeg". */
  status: 'ok' | 'not-checked';
  /** ETH (WETH) out for 1 token from the chain's pool. */
  marketRate: bigint | null;
  fairRate: bigint | null;
  fairSource: 'l1-fair-rate' | 'l2-rate-source' | null;
  /** market ÷ fair − 1, 1e18-scaled (negative: under fair). */
  depegWad: bigint | null;
  /** The quote's source and chain, e.g. "uniswap-v3:0x… via QuoterV2 on Base". */
  marketSource?: string;
  pool?: Address;
  /** Where the registry got the pool (file@commit or docs page). */
  reference?: string;
  error?: string;
  /** lib/risk's depeg flag when the discount crosses its thresholds, the chain in its title. */
  flag?: RiskFlag;
};

const specOf = (p: L2Pool): Extract<MarketSpec, { kind: 'uniswap-v3' }> => ({
  kind: 'uniswap-v3',
  quoter: p.quoter,
  tokenOut: p.tokenOut,
  fee: p.fee,
  pool: p.pool,
});
const keyOf = (symbol: string) => (i: number) => `l2q:${symbol}:${i}`;
const toRead = (r: MulticallResult | undefined): ReadResult =>
  r?.status === 'success' ? { ok: true, value: r.result } : { ok: false, error: r?.error?.message.split('\n')[0] ?? 'not read' };

/**
 * Sizes quoted beside the 1-token quote, in tokens. A holding's exit is priced at the smallest size that covers it, so the
 * price impact of selling it is in the figure (a balance is only known after the batch: sizes keep it one request).
 */
export const L2_EXIT_SIZES: readonly bigint[] = [10n, 100n, 1_000n, 10_000n].map((n) => n * WAD);

/** A token's quotes on one L2: 1 token (the depeg measure) and each exit size (the market value of a holding). */
export type L2Quotes = { unit: Quote; sized: { size: bigint; quote: Quote }[] };

export type L2QuotePlan = {
  /** For readChainHoldings' extraCalls. */
  calls: ContractRead[];
  /** ChainHoldings.extra → each token's quotes (or why none), by the token's symbol on the chain. */
  quotes(results: readonly MulticallResult[] | undefined): Map<string, L2Quotes>;
};

/** The 1-token and exit-size quotes of every registry token on the chain that has a listed pool. */
export function l2QuotePlan(chainId: L2ChainId): L2QuotePlan {
  const rows = L2_CHAINS[chainId].tokens.map((t) => ({ t, specs: l2PoolsOf(chainId, t.symbol).map(specOf) }));
  const sizes = [WAD, ...L2_EXIT_SIZES];
  const sizedKey = (symbol: string, size: bigint) => (size === WAD ? keyOf(symbol) : (i: number) => `l2q:${symbol}:${size}:${i}`);
  const planned: ReadCall[] = rows.flatMap(({ t, specs }) =>
    sizes.flatMap((size) => specs.flatMap((m, i) => quoteCalls(m, t.address, size, sizedKey(t.symbol, size)(i)))),
  );
  const missing = L2_MARKETS[chainId].missing.join(' ');
  return {
    calls: planned.map(({ address, abi, functionName, args }) => ({ address, abi, functionName, args: args ?? [] })),
    quotes(results) {
      const reads = new Map(planned.map((c, i) => [c.key, toRead(results?.[i])]));
      return new Map(
        rows.map(({ t, specs }): [string, L2Quotes] => {
          if (!specs.length) {
            const none = { error: `no pool listed for ${t.symbol} here (${missing})` };
            return [t.symbol, { unit: none, sized: [] }];
          }
          const quoteAt = (size: bigint) => firstQuote(specs, size, reads, sizedKey(t.symbol, size));
          return [t.symbol, { unit: quoteAt(WAD), sized: L2_EXIT_SIZES.map((size) => ({ size, quote: quoteAt(size) })) }];
        }),
      );
    },
  };
}

/** A holding's market value on an L2 and the quote it came from. */
export type L2ExitValue = {
  valueEth: bigint;
  /** The size (token wei) whose quote priced it: the smallest quoted size ≥ the amount. */
  quotedSize: bigint;
  /** The amount is above every size that answered: the impact beyond quotedSize is not in valueEth. */
  beyondQuotes: boolean;
};

/**
 * amount × (ETH out for S tokens ÷ S), S the smallest size that answered and covers the amount. A pool pays less per
 * token the more is sold, so this never overstates the exit of a covered amount; above every size it can, and says so.
 * Null when no size answered.
 */
export function l2ExitValue(amount: bigint, q: L2Quotes): L2ExitValue | null {
  const answered = [{ size: WAD, quote: q.unit }, ...q.sized].flatMap((s) =>
    'valueEth' in s.quote ? [{ size: s.size, out: s.quote.valueEth }] : [],
  );
  if (!answered.length) return null;
  const cover = answered.find((s) => s.size >= amount) ?? answered[answered.length - 1]!;
  return { valueEth: (amount * cover.out) / cover.size, quotedSize: cover.size, beyondQuotes: cover.size < amount };
}

export type L2DepegParameters = {
  chainId: L2ChainId;
  symbol: string;
  quote: Quote;
  /** The L1 fair rate of the token's L1 symbol, as the tracker read it on Ethereum. */
  l1Fair: FairRateResult | undefined;
  /** The token's rate on the L2 (its rate source). */
  l2Rate: TokenRate;
};

/** One token's depeg on one L2, or "not checked" with the reason. */
export function l2Depeg({ chainId, symbol, quote, l1Fair, l2Rate }: L2DepegParameters): ChainDepeg {
  const chain = L2_CHAINS[chainId].name;
  const pools = l2PoolsOf(chainId, symbol);
  const used = 'source' in quote ? pools.find((p) => quote.source.includes(p.pool)) : pools[0];
  const where = used ? { pool: used.pool, reference: used.source } : {};
  const none = { marketRate: null, fairRate: null, fairSource: null, depegWad: null } as const;
  if ('error' in quote)
    return { symbol, status: 'not-checked', ...none, ...where, error: `market price not checked on ${chain}: ${quote.error}` };
  const marketSource = `${quote.source} on ${chain}`;
  const fair = l1Fair?.ok
    ? { fairRate: l1Fair.rate, fairSource: 'l1-fair-rate' as const }
    : l2Rate.ok
      ? { fairRate: l2Rate.rate, fairSource: 'l2-rate-source' as const }
      : null;
  if (!fair || fair.fairRate <= 0n) {
    const why = `${l1Fair ? (l1Fair.ok ? 'zero' : l1Fair.error) : 'not read'} on Ethereum; ${l2Rate.ok ? 'zero' : l2Rate.error} on ${chain}`;
    return {
      symbol,
      status: 'not-checked',
      ...none,
      marketRate: quote.valueEth,
      marketSource,
      ...where,
      error: `no fair rate to compare with (${why})`,
    };
  }
  const flag = depegFlag({
    symbol: `${symbol} on ${chain}`,
    market: quote.valueEth,
    fair: fair.fairRate,
    source: {
      ...(used ? { contract: used.pool, reference: used.source } : {}),
      method: `quoteExactInputSingle (1 ${symbol} → WETH) on ${chain}, against the ${fair.fairSource === 'l1-fair-rate' ? 'L1 fair rate' : `${chain} rate source`}`,
    },
  });
  return {
    symbol,
    status: 'ok',
    marketRate: quote.valueEth,
    ...fair,
    depegWad: depegWad(quote.valueEth, fair.fairRate),
    marketSource,
    ...where,
    ...(flag ? { flag } : {}),
  };
}
