import type { Address } from 'viem';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS, type FairRateReader, type MarketSource, type RestakingSymbol } from '../restaking';

export const WAD = 10n ** 18n;

/** Where a token's market price comes from (reference §3): an exit quote for a size, or a feed. */
export type MarketSpec =
  | { kind: 'curve'; pool: Address; i: bigint; j: bigint }
  | { kind: 'uniswap-v3'; quoter: Address; tokenOut: Address; fee: number; pool: Address }
  | { kind: 'chainlink'; feed: Address }
  /** Quote through another token: amount × fair(self) / fair(via), then the via token's market. */
  | { kind: 'via'; symbol: RestakingSymbol };

export type TokenSource = {
  symbol: RestakingSymbol;
  address: Address;
  fairRate: FairRateReader;
  markets: MarketSpec[];
  unsupportedMarkets: string[];
};

const WETH: Address = '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2';

function toSpec(m: MarketSource): MarketSpec | null {
  switch (m.venue) {
    case 'curve':
      return { kind: 'curve', pool: m.pool, i: m.tokenIndex, j: m.quoteIndex };
    case 'uniswap-v3':
      return { kind: 'uniswap-v3', quoter: m.quoter, tokenOut: WETH, fee: m.fee, pool: m.pool };
    case 'chainlink':
      // An exchange-rate feed restates the fair rate; it says nothing about the market.
      return m.kind === 'exchange-rate' ? null : { kind: 'chainlink', feed: m.feed };
    default:
      return null; // Balancer v2 queries are not batched yet: the next source in the list is used.
  }
}

/**
 * The registry's tokens (lib/restaking) as the tracker reads them. A token without a market of its
 * own exits through the token it wraps (wstETH → stETH) or the token that wraps it (eETH → weETH).
 */
export function tokenSources(symbols: readonly RestakingSymbol[] = RESTAKING_SYMBOLS): TokenSource[] {
  return symbols.map((symbol) => {
    const t = RESTAKING_TOKENS[symbol];
    const markets = t.markets.map(toSpec).filter((m): m is MarketSpec => m !== null);
    const unsupportedMarkets = t.markets.filter((m) => toSpec(m) === null).map((m) => m.venue);
    if (markets.length === 0) {
      const wrapper = RESTAKING_SYMBOLS.find((s) => RESTAKING_TOKENS[s].wraps === symbol);
      const via = t.wraps ?? wrapper;
      if (via) markets.push({ kind: 'via', symbol: via });
    }
    return { symbol, address: t.address, fairRate: t.fairRate, markets, unsupportedMarkets };
  });
}

export const TOKEN_SOURCES: readonly TokenSource[] = tokenSources();
