import type { StoredEthUsd } from '../storage';
import type { StoredBalanceRow, StoredRowPrice } from '../storage/balances';
import type { HomeToken } from './token-list';

export const WAD = 10n ** 18n;

/** The rate book entry Home needs (the tracker's TokenMarket): ETH per 1 token, WAD. */
export type RateEntry = { fairRate: bigint | null; marketRate: bigint | null };

/** What one read gave for one row: the amount, or why it could not be read. */
export type RowRead = { token: HomeToken | 'native'; amount: bigint } | { token: HomeToken | 'native'; error: string };

/**
 * ETH per whole token (WAD) for a row, or null without a known price: the native coin is 1, WETH is pegged 1,
 * a registry LST/LRT takes the tracker's 1-token market rate where a market answered, else its fair rate.
 * Other tokens (a dApp's or the user's) have no ETH price here.
 */
export function priceOf(token: HomeToken | 'native', rates: ReadonlyMap<string, RateEntry>): StoredRowPrice | null {
  if (token === 'native') return { basis: 'native', rateWad: WAD.toString() };
  if (token.pegged) return { basis: 'peg', rateWad: WAD.toString() };
  const entry = token.rateSymbol ? rates.get(token.rateSymbol) : undefined;
  if (!entry) return null;
  const both = {
    ...(entry.fairRate !== null ? { fairWad: entry.fairRate.toString() } : {}),
    ...(entry.marketRate !== null ? { marketWad: entry.marketRate.toString() } : {}),
  };
  if (entry.marketRate !== null && entry.marketRate > 0n) return { basis: 'market', rateWad: entry.marketRate.toString(), ...both };
  if (entry.fairRate !== null && entry.fairRate > 0n) return { basis: 'fair', rateWad: entry.fairRate.toString(), ...both };
  return null;
}

/** amount (token units) × rate (ETH per whole token, WAD) → wei, rounded down (a holding is never shown larger). */
export const valueInEth = (amount: bigint, decimals: number, rateWad: bigint): bigint => (amount * rateWad) / 10n ** BigInt(decimals);

/** wei × Chainlink answer → USD in the feed's units (10^decimals = $1), rounded down. */
export const valueInUsd = (wei: bigint, ethUsd: Pick<StoredEthUsd, 'answer'>): bigint => (wei * BigInt(ethUsd.answer)) / WAD;

/** Home hides a row behind "Show small balances" when it is worth less than this, in USD. */
export const DUST_USD = 1n;

/**
 * The dust rule: a row worth under $1 is small; a zero balance without a price is small too. A row that could
 * not be read, the native coin and a priced row without a USD price (no feed) are always shown: hiding a
 * balance whose worth is unknown would hide it for the wrong reason.
 */
export function isDust(
  row: { source: string; amount: bigint | null; valueUsd: bigint | null; priced: boolean },
  usdDecimals: number,
): boolean {
  if (row.source === 'native' || row.amount === null) return false;
  if (row.amount === 0n) return true;
  if (!row.priced || row.valueUsd === null) return false;
  return row.valueUsd < DUST_USD * 10n ** BigInt(usdDecimals);
}

export type ValuedBalances = { rows: StoredBalanceRow[]; totalEth: bigint; totalUsd: bigint | null; usdDecimals: number };

/**
 * Rows with their ETH and USD values and the dust flag, plus the total: ETH + Σ priced token values. Rows that
 * failed or have no price are not counted (and say so on screen), never counted as 0 USD.
 */
export function valueBalances(
  reads: readonly RowRead[],
  rates: ReadonlyMap<string, RateEntry>,
  ethUsd: StoredEthUsd | undefined,
): ValuedBalances {
  const usdDecimals = ethUsd?.decimals ?? 8;
  let totalEth = 0n;
  const rows = reads.map((r): StoredBalanceRow => {
    const token = r.token;
    const base =
      token === 'native'
        ? { id: 'native', symbol: 'ETH', name: 'Ether', decimals: 18, source: 'native' as const }
        : {
            id: token.address.toLowerCase(),
            symbol: token.symbol,
            ...(token.name ? { name: token.name } : {}),
            address: token.address,
            decimals: token.decimals,
            source: token.source,
            ...(token.kind ? { kind: token.kind } : {}),
          };
    const price = priceOf(token, rates);
    if ('error' in r) return { ...base, amount: null, error: r.error, price, valueEth: null, valueUsd: null, dust: false };
    const valueEth = price ? valueInEth(r.amount, base.decimals, BigInt(price.rateWad)) : null;
    const valueUsd = valueEth !== null && ethUsd ? valueInUsd(valueEth, ethUsd) : null;
    if (valueEth !== null) totalEth += valueEth;
    const dust = isDust({ source: base.source, amount: r.amount, valueUsd, priced: price !== null }, usdDecimals);
    return {
      ...base,
      amount: r.amount.toString(),
      price,
      valueEth: valueEth?.toString() ?? null,
      valueUsd: valueUsd?.toString() ?? null,
      dust,
    };
  });
  return { rows, totalEth, totalUsd: ethUsd ? valueInUsd(totalEth, ethUsd) : null, usdDecimals };
}
