import type { Hex, PublicClient } from 'viem';
import type { Item } from '../storage/item';
import { createMutex } from '../storage/mutex';
import type { ActivityItem } from './types';

const MAX_ITEMS = 500;

/** Sent transactions and their status, refreshed from receipts. */
export type ActivityService = ReturnType<typeof createActivityService>;

export function createActivityService(deps: { item: Item<ActivityItem[]>; onChange?: () => void }) {
  const exclusive = createMutex();
  return {
    list: () => deps.item.getValue(),
    add(item: ActivityItem): Promise<void> {
      return exclusive(async () => {
        await deps.item.setValue([item, ...(await deps.item.getValue())].slice(0, MAX_ITEMS));
        deps.onChange?.();
      });
    },
    /** Looks up receipts of pending items on the given chain; returns how many changed. */
    refresh(client: PublicClient, chainId: number): Promise<number> {
      return exclusive(async () => {
        const items = await deps.item.getValue();
        let changed = 0;
        const next = await Promise.all(
          items.map(async (item) => {
            if (item.status !== 'pending' || item.chainId !== chainId) return item;
            const receipt = await client.getTransactionReceipt({ hash: item.hash as Hex }).catch(() => undefined);
            if (!receipt) return item;
            changed++;
            return {
              ...item,
              status: receipt.status === 'success' ? 'confirmed' : 'failed',
              blockNumber: receipt.blockNumber.toString(),
            } satisfies ActivityItem;
          }),
        );
        if (changed > 0) {
          await deps.item.setValue(next);
          deps.onChange?.();
        }
        return changed;
      });
    },
  };
}
