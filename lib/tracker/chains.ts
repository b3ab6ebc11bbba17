import { createClient, type Address, type Transport } from 'viem';
import { checkRateLag, readChainHoldings, type L2ChainId, type RateLagReason, type RateLagThresholds } from '../restaking/l2';
import { RESTAKING_TOKENS, isRestakingSymbol } from '../restaking/tokens';
import type { FairRateResult } from '../restaking/read-fair-rates';
import { countingTransport, createRequestCounter } from './counting-transport';
import { chainAave, type ChainAave } from './l2-aave';
import type { TrackerSnapshot } from './types';
import { rateLagFlags, type RiskFlag } from '../risk';
import { l2Depeg, l2ExitValue, l2QuotePlan, type ChainDepeg } from './l2-depeg';

/** One held bridged token on an L2, per account. */
export type ChainHolding = {
  account: Address;
  symbol: string;
  l1Symbol: string;
  token: Address;
  amount: bigint;
  /** 1e18-scaled ETH per token on that chain (its rate source); null when unread. */
  rate: bigint | null;
  valueEth: bigint | null;
  /**
   * What selling the amount in the chain's own pool returns (l2-depeg.ts l2ExitValue: priced at the smallest quoted
   * size that covers it); null when the market was not checked.
   */
  marketValueEth?: bigint | null;
  /** The size (token wei) whose quote priced marketValueEth; absent in snapshots from before sized quotes. */
  marketQuotedSize?: bigint;
  /** The amount is above every size quoted: the price impact beyond marketQuotedSize is not counted. */
  marketBeyondQuotes?: boolean;
};

export type ChainRateLag = {
  symbol: string;
  status: 'ok' | 'lagging' | 'unknown';
  reasons: RateLagReason[];
  l2Rate: bigint | null;
  l1Rate: bigint | null;
  shortfallWad: bigint | null;
  ageSeconds: bigint | null;
  /** The L2 rate source's address (Chainlink feed, Kelp receiver). */
  source?: Address;
  /** The rate-lag flag (lib/risk/l2-rate-lag.ts) when lagging: severity, reason, both sources. */
  flag?: RiskFlag;
};

/**
 * The portfolio per chain (issue #18, item 3): Ethereum from the tracker's own positions, each L2 from one Multicall3
 * read of its bridged tokens (lib/restaking/l2), with the rate lag of every token held there or lagging.
 */
export type ChainBreakdown = {
  chainId: number;
  /** The network read (e.g. "Ballast devnet (Base)"), when the tracker was told. */
  name?: string;
  /** not-read: no RPC URL for the chain, so nothing was asked (error says so); never shown as zero. */
  status: 'ok' | 'failed' | 'not-read';
  error?: string;
  blockNumber: bigint | null;
  /** JSON-RPC requests this chain's read took (Ethereum: the refresh's). */
  requestCount: number;
  /** Fair ETH value held there (Ethereum: Σ positions' fair value; an L2: ETH + tokens at the L2 rate). */
  totalEth: bigint;
  /** Bridged token balances above zero (L2s only; Ethereum's are the snapshot's positions). */
  holdings: ChainHolding[];
  rateLags: ChainRateLag[];
  /** An L2 with Aave v3: the accounts' positions there, read in the same request (l2-aave.ts); not in totalEth. */
  aave?: ChainAave;
  /** L2s: the depeg of each held token from the chain's own pool, or why it was not checked (l2-depeg.ts). */
  depegs?: ChainDepeg[];
};

export type ChainTransport = { chainId: L2ChainId; name?: string; transport: Transport };
/** An L2 the user has no RPC URL for: listed with the reason, not read. */
export type ChainNotRead = { chainId: L2ChainId; name: string; notRead: string };
export type ChainSource = ChainTransport | ChainNotRead;

/** The tracker's L1 fair rate of a token as read-fair-rates shapes it (the L1 side of a rate-lag check). */
function fairRateOf(snapshot: TrackerSnapshot, symbol: string): FairRateResult | undefined {
  if (!isRestakingSymbol(symbol)) return undefined;
  const source = RESTAKING_TOKENS[symbol].fairRate.source;
  const t = snapshot.tokens.find((x) => x.symbol === symbol);
  if (!t) return undefined;
  return t.fairRate !== null ? { ok: true, rate: t.fairRate, source } : { ok: false, error: t.error ?? 'fair rate not read', source };
}

/** Ethereum's entry, from the snapshot the tracker just took (no request of its own). */
export function ethereumBreakdown(snapshot: TrackerSnapshot): ChainBreakdown {
  const totalEth = snapshot.positions.reduce((sum, p) => sum + (p.status === 'ok' ? (p.fairValueEth ?? 0n) : 0n), 0n);
  return {
    chainId: snapshot.chainId,
    status: 'ok',
    blockNumber: snapshot.blockNumber,
    requestCount: snapshot.requestCount,
    totalEth,
    holdings: [],
    rateLags: [],
  };
}

/** One L2: its holdings in one request, and the lag of each token's rate behind the snapshot's L1 fair rate. */
export async function l2Breakdown(snapshot: TrackerSnapshot, l2: ChainSource, thresholds?: RateLagThresholds): Promise<ChainBreakdown> {
  const { chainId } = l2;
  const named = l2.name !== undefined ? { name: l2.name } : {};
  const empty = { blockNumber: null, requestCount: 0, totalEth: 0n, holdings: [], rateLags: [] };
  if ('notRead' in l2) return { chainId, ...named, status: 'not-read', error: l2.notRead, ...empty };
  const { transport } = l2;
  const counter = createRequestCounter();
  const client = createClient({ transport: countingTransport(transport, counter) });
  try {
    const quotePlan = l2QuotePlan(chainId);
    const h = await readChainHoldings(client, { chainId, accounts: snapshot.accounts, extraCalls: quotePlan.calls });
    const quotes = quotePlan.quotes(h.extra);
    const depegOf = new Map(
      h.tokens.map((t) => [
        t.symbol,
        l2Depeg({ chainId, symbol: t.symbol, quote: quotes.get(t.symbol)!.unit, l1Fair: fairRateOf(snapshot, t.l1Symbol), l2Rate: t.rate }),
      ]),
    );
    const holdings: ChainHolding[] = h.tokens.flatMap((t) => {
      const q = quotes.get(t.symbol)!;
      return t.balances.flatMap((amount, i) => {
        const exit = amount !== null && amount > 0n ? l2ExitValue(amount, q) : null;
        return amount !== null && amount > 0n
          ? [
              {
                account: h.accounts[i]!,
                symbol: t.symbol,
                l1Symbol: t.l1Symbol,
                token: t.address,
                amount,
                rate: t.rate.ok ? t.rate.rate : null,
                valueEth: t.rate.ok ? (amount * t.rate.rate) / 10n ** 18n : null,
                marketValueEth: exit ? exit.valueEth : null,
                ...(exit ? { marketQuotedSize: exit.quotedSize, marketBeyondQuotes: exit.beyondQuotes } : {}),
              },
            ]
          : [];
      });
    });
    const held = new Set(holdings.map((x) => x.symbol));
    const rateLags: ChainRateLag[] = h.tokens
      .map((t) => ({
        t,
        c: checkRateLag({
          chainId,
          symbol: t.symbol,
          l1Symbol: t.l1Symbol,
          l2: t.rate,
          l1: fairRateOf(snapshot, t.l1Symbol),
          now: h.timestamp,
          thresholds,
        }),
      }))
      .filter(({ t, c }) => held.has(t.symbol) || c.status === 'lagging')
      .map(({ c }) => ({
        symbol: c.symbol,
        status: c.status,
        reasons: c.reasons,
        l2Rate: c.l2Rate,
        l1Rate: c.l1Rate,
        shortfallWad: c.shortfallWad,
        ageSeconds: c.ageSeconds,
        ...(c.sources.l2.kind !== 'l1-fair-rate' ? { source: c.sources.l2.address } : {}),
        ...(c.status === 'lagging' ? { flag: rateLagFlags(c)[0]! } : {}),
      }));
    return {
      chainId,
      ...named,
      status: 'ok',
      blockNumber: h.blockNumber,
      requestCount: counter.count,
      totalEth: h.totalEth,
      holdings,
      rateLags,
      ...(h.aave ? { aave: chainAave(h.aave) } : {}),
      depegs: [...held].map((symbol) => depegOf.get(symbol)!),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return {
      chainId,
      ...named,
      status: 'failed',
      error: message,
      blockNumber: null,
      requestCount: counter.count,
      totalEth: 0n,
      holdings: [],
      rateLags: [],
    };
  }
}

/** Ethereum plus every L2 given, the L2s in parallel; a failed L2 is a failed entry, never a failed refresh. */
export async function chainBreakdown(
  snapshot: TrackerSnapshot,
  l2s: readonly ChainSource[],
  thresholds?: RateLagThresholds,
): Promise<ChainBreakdown[]> {
  return [ethereumBreakdown(snapshot), ...(await Promise.all(l2s.map((l2) => l2Breakdown(snapshot, l2, thresholds))))];
}
