import { firstQuote, quoteCalls } from './market-quotes';
import { TOKEN_SOURCES, WAD, type MarketSpec, type TokenSource } from './token-sources';
import type { RateBook } from './readers/reader';
import type { ReadCall, Reads, TokenMarket } from './types';
import { depegWad } from './valuation';

type Direct = Exclude<MarketSpec, { kind: 'via' }>;
export const directMarkets = (t: TokenSource): Direct[] => t.markets.filter((m): m is Direct => m.kind !== 'via');
export const viaOf = (t: TokenSource) => t.markets.find((m): m is Extract<MarketSpec, { kind: 'via' }> => m.kind === 'via');
export const sourceOf = (symbol: string) => TOKEN_SOURCES.find((t) => t.symbol === symbol);

/** Renzo's calculateTVLs walks every operator delegator and strategy on mainnet; the rest are cheap views. */
const rateGas = (functionName: string) => (functionName === 'calculateTVLs' ? 2_000_000n : 200_000n);

/** Phase 1: every token's fair-rate reads and a 1-token reference quote from each market source. */
export function rateBookCalls(tokens: readonly TokenSource[] = TOKEN_SOURCES): ReadCall[] {
  const calls: ReadCall[] = [];
  for (const t of tokens) {
    if (t.fairRate.kind === 'calls')
      t.fairRate.calls.forEach((c, i) => calls.push({ ...c, key: `rate:${t.symbol}:${i}`, gas: rateGas(c.functionName) }));
    directMarkets(t).forEach((m, i) => calls.push(...quoteCalls(m, t.address, WAD, `ref:${t.symbol}:${i}`)));
  }
  return calls;
}

function fairRate(t: TokenSource, reads: Reads): { rate: bigint } | { error: string } {
  if (t.fairRate.kind === 'pegged') return { rate: WAD };
  const values: unknown[] = [];
  for (const [i, c] of t.fairRate.calls.entries()) {
    const r = reads.get(`rate:${t.symbol}:${i}`);
    if (!r?.ok) return { error: `fair rate ${c.functionName} on ${c.address}: ${r?.error ?? 'not read'}` };
    values.push(r.value);
  }
  const rate = t.fairRate.toRate(values);
  return rate > 0n ? { rate } : { error: `fair rate of ${t.symbol} read as ${rate}` };
}

/** Fair rate, 1-token market rate and depeg per token. A token quoted "via" another scales that token's market. */
export function buildRateBook(reads: Reads, tokens: readonly TokenSource[] = TOKEN_SOURCES): RateBook {
  const book = new Map<string, TokenMarket>();
  for (const t of tokens) {
    const fair = fairRate(t, reads);
    const q = firstQuote(directMarkets(t), WAD, reads, (i) => `ref:${t.symbol}:${i}`);
    const entry: TokenMarket = { symbol: t.symbol, fairRate: 'rate' in fair ? fair.rate : null, marketRate: null, depegWad: null };
    if ('error' in fair) entry.error = fair.error;
    if ('valueEth' in q) Object.assign(entry, { marketRate: q.valueEth, marketSource: q.source });
    book.set(t.symbol, entry);
  }
  for (const t of tokens) {
    const via = viaOf(t);
    const self = book.get(t.symbol);
    const base = via && book.get(via.symbol);
    if (!self || !base || self.marketRate !== null) continue;
    if (self.fairRate !== null && base.fairRate && base.marketRate !== null) {
      self.marketRate = (base.marketRate * self.fairRate) / base.fairRate;
      self.marketSource = `via ${via.symbol} (${base.marketSource ?? '?'})`;
    }
  }
  for (const entry of book.values()) entry.depegWad = depegWad(entry.marketRate, entry.fairRate);
  return book;
}
