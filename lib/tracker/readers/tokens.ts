import { erc20Abi } from '../../chain/abis';
import { BALANCE_READ_GAS } from '../batch-reads';
import { firstQuote, quoteCalls } from '../market-quotes';
import { directMarkets, sourceOf, viaOf } from '../rates';
import { TOKEN_SOURCES, type TokenSource } from '../token-sources';
import type { Position, ReadCall } from '../types';
import { depegWad, mulWad } from '../valuation';
import { bigintOf, errorOf, positionId, type PositionReader, type RateBook } from './reader';
import type { Address } from 'viem';
import { RESTAKING_TOKENS } from '../../restaking';

const balKey = (t: TokenSource, a: Address) => `bal:${t.symbol}:${a}`;
const exitKey = (t: TokenSource, a: Address) => (i: number) => `exit:${t.symbol}:${a}:${i}`;

/** The market a position exits through: its own sources, or the via token's for the converted size. */
function exitRoute(t: TokenSource, amount: bigint, rates: RateBook) {
  const via = viaOf(t);
  if (!via) return { token: t, amount };
  const base = sourceOf(via.symbol);
  const selfRate = rates.get(t.symbol)?.fairRate;
  const baseRate = rates.get(via.symbol)?.fairRate;
  if (!base || !selfRate || !baseRate) return null;
  return { token: base, amount: (amount * selfRate) / baseRate };
}

/**
 * ETH per share of a rebasing token (stETH, eETH): its wrapper's fair rate (wstETH, weETH), whose unit
 * is one share. The value-move alert divides the balance by it so a rebase is a price move, not a transfer.
 */
function shareRateOf(symbol: string, rates: RateBook): bigint | undefined {
  const info = (RESTAKING_TOKENS as Record<string, { rebasing?: boolean }>)[symbol];
  if (!info?.rebasing) return undefined;
  const wrapper = Object.entries(RESTAKING_TOKENS).find(([, t]) => 'wraps' in t && t.wraps === symbol)?.[0];
  return wrapper ? (rates.get(wrapper)?.fairRate ?? undefined) : undefined;
}

/** Plain holdings of every registry token: balance, fair value, exit quote for the holder's size. */
export function tokenReader(tokens: readonly TokenSource[] = TOKEN_SOURCES): PositionReader {
  return {
    family: 'token',
    phase1: ({ accounts }) =>
      tokens.flatMap((t) =>
        accounts.map((a): ReadCall => ({
          key: balKey(t, a),
          address: t.address,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [a],
          gas: BALANCE_READ_GAS,
        })),
      ),
    phase2: ({ accounts }, reads, rates) =>
      tokens.flatMap((t) =>
        accounts.flatMap((a) => {
          const amount = bigintOf(reads, balKey(t, a));
          const route = amount ? exitRoute(t, amount, rates) : null;
          if (!route || route.amount === 0n) return [];
          return directMarkets(route.token).flatMap((m, i) => quoteCalls(m, route.token.address, route.amount, exitKey(t, a)(i)));
        }),
      ),
    positions: ({ accounts }, reads, rates) =>
      tokens.flatMap((t) =>
        accounts.flatMap((a): Position[] => {
          const amount = bigintOf(reads, balKey(t, a));
          const base = {
            id: positionId('token', a, t.symbol),
            family: 'token' as const,
            account: a,
            asset: t.symbol,
            sources: [{ contract: t.address, call: 'balanceOf' }],
          };
          if (amount === undefined)
            return [
              {
                ...base,
                status: 'failed',
                error: `balanceOf: ${errorOf(reads, balKey(t, a))}`,
                amount: 0n,
                fairValueEth: null,
                marketValueEth: null,
                depegWad: null,
                details: {},
              },
            ];
          if (amount === 0n) return [];
          const rate = rates.get(t.symbol);
          const fairValueEth = rate?.fairRate ? mulWad(amount, rate.fairRate) : null;
          const route = exitRoute(t, amount, rates);
          const shareRate = shareRateOf(t.symbol, rates);
          const quote = route
            ? firstQuote(directMarkets(route.token), route.amount, reads, exitKey(t, a))
            : { error: 'fair rate needed to size the exit quote' };
          const marketValueEth = 'valueEth' in quote ? quote.valueEth : null;
          const failed = fairValueEth === null;
          return [
            {
              ...base,
              status: failed ? 'failed' : 'ok',
              ...(failed ? { error: rate?.error ?? 'fair rate unknown' } : {}),
              amount,
              fairValueEth,
              marketValueEth,
              depegWad: depegWad(marketValueEth, fairValueEth),
              ...('source' in quote ? { marketSource: quote.source } : {}),
              details: {
                fairRate: String(rate?.fairRate ?? ''),
                ...(shareRate ? { shareRate: String(shareRate) } : {}),
                ...('error' in quote ? { marketError: quote.error } : {}),
              },
            },
          ];
        }),
      ),
  };
}
