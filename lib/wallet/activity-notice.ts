import { formatEth, shortAddress } from '../format';
import type { ActivityTransition } from './activity';

export type TransactionNotice = { id: string; title: string; message: string };

const TITLES: Partial<Record<ActivityTransition['item']['status'], string>> = {
  confirmed: 'Transaction confirmed',
  failed: 'Transaction failed',
  cancelled: 'Transaction cancelled',
  replaced: 'Transaction replaced',
};

/**
 * The system notification for a transaction that settled: what it was (value, recipient, who asked) and
 * how it ended. A replaced transaction whose replacement is Ballast's own speed-up says nothing: the
 * speed-up's own confirmation is the news.
 */
export function transactionNotice({ item }: ActivityTransition): TransactionNotice | undefined {
  const title = TITLES[item.status];
  if (!title) return undefined;
  if (item.status === 'replaced' && item.replacedBy) return undefined;
  const what = item.kind === 'cancel' ? 'Cancel' : item.kind === 'speed-up' ? 'Speed-up' : formatEth(BigInt(item.value));
  const to = item.to && item.kind !== 'cancel' ? ` to ${shortAddress(item.to)}` : '';
  const where = item.blockNumber ? ` in block ${item.blockNumber}` : '';
  return { id: `tx:${item.hash}`, title, message: `${what}${to}${where} · ${item.origin}` };
}
