import type { Address } from 'viem';
import type { HomeBalancesView } from '../balances/service';
import type { TokenMetadata } from '../balances/custom-token';
import { call } from './call';
import { createResourceStore } from './resource';

export type { HomeBalancesView, TokenMetadata };
export type { StoredBalanceRow, StoredBalances } from '../storage/balances';

/**
 * Home's balances: the stored snapshot, read at once (no chain); the background announces 'balances' when a
 * refresh starts and ends, and the store reads the view again.
 */
export const homeBalancesStore = createResourceStore('balances', () => call('balances:get'));

export const refreshHomeBalances = () => call('balances:refresh');
export const addCustomToken = (address: string) => call('balances:addToken', { address });
export const removeAddedToken = (address: Address) => call('balances:removeToken', { address });

type OrderedRow = { dust: boolean; source: string; valueEth: string | null };

/** ETH first, then by value in ETH, largest first; rows without a value after them, in list order. */
export function orderRows<R extends OrderedRow>(rows: readonly R[]): R[] {
  const rank = (r: R) => (r.source === 'native' ? 0 : r.valueEth !== null ? 1 : 2);
  return [...rows].sort((a, b) => {
    const byRank = rank(a) - rank(b);
    if (byRank !== 0 || a.valueEth === null || b.valueEth === null) return byRank;
    const [x, y] = [BigInt(a.valueEth), BigInt(b.valueEth)];
    return x === y ? 0 : x > y ? -1 : 1;
  });
}

/** Rows Home shows, in order: all of them with "Show small balances" on, else those that are not dust. */
export function visibleRows<R extends OrderedRow>(rows: readonly R[], showSmall: boolean): { shown: R[]; hidden: number } {
  const ordered = orderRows(rows);
  const shown = showSmall ? ordered : ordered.filter((r) => !r.dust);
  return { shown, hidden: rows.length - shown.length };
}
