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

/** Rows Home shows: all of them with "Show small balances" on, else those that are not dust. */
export function visibleRows<R extends { dust: boolean }>(rows: readonly R[], showSmall: boolean): { shown: R[]; hidden: number } {
  const shown = showSmall ? [...rows] : rows.filter((r) => !r.dust);
  return { shown, hidden: rows.length - shown.length };
}
