import { TransactionReceiptNotFoundError, type Address, type Hex, type PublicClient } from 'viem';
import { sameAddress } from '../format';
import type { Item } from '../storage/item';
import type { StoredActivity } from '../storage/items';
import { createMutex } from '../storage/mutex';
import type { ActivityItem } from './types';

const MAX_ITEMS = 500;

/** A transaction whose status changed in one refresh: what the notification says. */
export type ActivityTransition = { item: ActivityItem; from: StoredActivity['status'] };

/** Sent transactions and their status, refreshed from receipts and from the account's nonce. */
export type ActivityService = ReturnType<typeof createActivityService>;

/** The view the UI gets: the stored entry without its call data. */
const toView = ({ data: _data, ...view }: StoredActivity): ActivityItem => view;

type Receipt = { status: 'success' | 'reverted'; blockNumber: bigint } | 'not-found' | 'unknown';

async function receiptOf(client: PublicClient, hash: Hex): Promise<Receipt> {
  try {
    return await client.getTransactionReceipt({ hash });
  } catch (error) {
    // Only the node's "no such receipt" means not mined; a timeout or a 5xx says nothing about the transaction.
    return error instanceof TransactionReceiptNotFoundError ? 'not-found' : 'unknown';
  }
}

const sameSlot = (a: StoredActivity, b: StoredActivity) =>
  a.hash !== b.hash && a.chainId === b.chainId && a.nonce !== undefined && a.nonce === b.nonce && sameAddress(a.from, b.from);

export function createActivityService(deps: { item: Item<StoredActivity[]>; onChange?: (transitions: ActivityTransition[]) => void }) {
  const exclusive = createMutex();
  return {
    list: async (): Promise<ActivityItem[]> => (await deps.item.getValue()).map(toView),
    /** The stored entry with its call data (a speed-up re-signs it). */
    get: async (hash: Hex): Promise<StoredActivity | undefined> => (await deps.item.getValue()).find((i) => i.hash === hash),
    /** Ballast's own replacement of a transaction (its speed-up or cancel), for whoever waits on the original. */
    async replacementOf(hash: Hex): Promise<{ hash: Hex; kind: 'speed-up' | 'cancel' } | undefined> {
      const items = await deps.item.getValue();
      const next = items.find((i) => i.replaces === hash && (i.kind === 'speed-up' || i.kind === 'cancel'));
      return next ? { hash: next.hash, kind: next.kind as 'speed-up' | 'cancel' } : undefined;
    },
    add(item: StoredActivity): Promise<void> {
      return exclusive(async () => {
        const items = await deps.item.getValue();
        // A replacement names the transaction it replaces, and that one names it back (Activity shows the pair).
        const linked = item.replaces ? items.map((i) => (i.hash === item.replaces ? { ...i, replacedBy: item.hash } : i)) : items;
        await deps.item.setValue([item, ...linked].slice(0, MAX_ITEMS));
        deps.onChange?.([]);
      });
    },
    /**
     * Looks up receipts of the pending entries on the given chain. An entry whose nonce the account has
     * used without it being mined was replaced: by its own speed-up or cancel when Activity has a mined
     * one at that nonce, otherwise by a transaction sent from elsewhere. Returns what changed.
     */
    refresh(client: PublicClient, chainId: number): Promise<ActivityTransition[]> {
      return exclusive(async () => {
        const items = await deps.item.getValue();
        const pending = items.filter((i) => i.status === 'pending' && i.chainId === chainId);
        if (pending.length === 0) return [];
        const receipts = new Map(await Promise.all(pending.map(async (i) => [i.hash, await receiptOf(client, i.hash)] as const)));
        const next = items.map((item): StoredActivity => {
          const receipt = receipts.get(item.hash);
          if (!receipt || typeof receipt === 'string') return item;
          const { data: _settled, ...rest } = item;
          return { ...rest, status: receipt.status === 'success' ? 'confirmed' : 'failed', blockNumber: receipt.blockNumber.toString() };
        });
        const minedNonces = new Map<Address, number>();
        const minedNonce = async (from: Address) => {
          const known = minedNonces.get(from);
          if (known !== undefined) return known;
          const count = await client.getTransactionCount({ address: from, blockTag: 'latest' });
          minedNonces.set(from, count);
          return count;
        };
        for (const [index, item] of next.entries()) {
          if (item.status !== 'pending' || item.chainId !== chainId || item.nonce === undefined) continue;
          if (receipts.get(item.hash) !== 'not-found') continue;
          const used = await minedNonce(item.from).catch(() => undefined);
          if (used === undefined || used <= item.nonce) continue;
          const winner = next.find((other) => sameSlot(item, other) && (other.status === 'confirmed' || other.status === 'failed'));
          // Not yet known which one took the nonce: a receipt may lag behind the nonce count for a block.
          if (!winner && next.some((other) => sameSlot(item, other) && other.status === 'pending')) continue;
          const { data: _gone, ...rest } = item;
          next[index] = {
            ...rest,
            status: winner?.kind === 'cancel' ? 'cancelled' : 'replaced',
            ...(winner ? { replacedBy: winner.hash } : {}),
          };
        }
        const transitions: ActivityTransition[] = [];
        next.forEach((item, i) => {
          if (item.status !== items[i]!.status) transitions.push({ item: toView(item), from: items[i]!.status });
        });
        if (transitions.length > 0) {
          await deps.item.setValue(next);
          deps.onChange?.(transitions);
        }
        return transitions;
      });
    },
  };
}
