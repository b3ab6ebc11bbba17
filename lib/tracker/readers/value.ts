import { isEthLike } from '../../restaking/deployments';
import { depegWad, mulWad, WAD } from '../valuation';
import type { RateBook } from './reader';

export type CoinRates = { fairRate: bigint | null; marketRate: bigint | null; marketSource?: string; error?: string };

/** ETH per 1e18 of a coin: ETH and WETH are 1:1 by definition, registry tokens come from the rate book. */
export function coinRates(symbol: string, rates: RateBook): CoinRates {
  if (isEthLike(symbol)) return { fairRate: WAD, marketRate: WAD, marketSource: 'ETH 1:1' };
  const r = rates.get(symbol);
  if (!r) return { fairRate: null, marketRate: null, error: `${symbol} is not in the rate book` };
  return {
    fairRate: r.fairRate,
    marketRate: r.marketRate,
    ...(r.marketSource ? { marketSource: r.marketSource } : {}),
    ...(r.error ? { error: r.error } : {}),
  };
}

/** amount of a coin in ETH at its fair and its 1-token market rate, and the depeg between them. */
export function valueIn(symbol: string, amount: bigint, rates: RateBook) {
  const r = coinRates(symbol, rates);
  const fairValueEth = r.fairRate === null ? null : mulWad(amount, r.fairRate);
  const marketValueEth = r.marketRate === null ? null : mulWad(amount, r.marketRate);
  return { fairValueEth, marketValueEth, depegWad: depegWad(marketValueEth, fairValueEth), rates: r };
}
