import type { Hex, PublicClient } from 'viem';
import type { ActivityService, ActivityTransition } from './activity';
import { watchReceipt } from './transactions/watch';

export const ACTIVITY_ALARM = 'ballast:activity';

/** Chrome's shortest alarm period; an alarm also wakes a stopped worker. */
const PERIOD_MINUTES = 0.5;

type Alarms = {
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): unknown;
  clear(name: string): Promise<boolean>;
  get(name: string): Promise<unknown>;
};

export type ActivityWatcherDeps = {
  alarms: Alarms;
  activity: Pick<ActivityService, 'list' | 'refresh'>;
  /**
   * The client of the network a transaction on this chain was sent through (the wallet's when it is on that
   * chain, else the configured network with that chain id); undefined when no network with an RPC has it.
   */
  clientFor: (chainId: number) => Promise<PublicClient | undefined>;
};

/**
 * Keeps Activity's statuses moving on every chain Activity has pending transactions on, whichever network the
 * wallet shows, so "confirmed" / "failed" notifications come when the block does: each pending transaction's
 * receipt is awaited on its own chain while the worker runs, and an alarm every 30 s (only while something is
 * pending) refreshes after a worker restart.
 */
export function createActivityWatcher(deps: ActivityWatcherDeps) {
  const following = new Set<Hex>();

  async function pendingChains(): Promise<number[]> {
    return [...new Set((await deps.activity.list()).filter((i) => i.status === 'pending').map((i) => i.chainId))];
  }

  /** Refreshes each chain with pending entries through its own node; one chain's node being down does not stop the others. */
  async function refresh(): Promise<ActivityTransition[]> {
    const perChain = await Promise.all(
      (await pendingChains()).map(async (chainId) => {
        const client = await deps.clientFor(chainId).catch(() => undefined);
        return client ? deps.activity.refresh(client, chainId).catch(() => []) : [];
      }),
    );
    return perChain.flat();
  }

  async function sync(): Promise<void> {
    const pending = (await deps.activity.list()).filter((i) => i.status === 'pending');
    const armed = Boolean(await deps.alarms.get(ACTIVITY_ALARM));
    if (pending.length > 0 && !armed)
      await deps.alarms.create(ACTIVITY_ALARM, { delayInMinutes: PERIOD_MINUTES, periodInMinutes: PERIOD_MINUTES });
    if (pending.length === 0 && armed) await deps.alarms.clear(ACTIVITY_ALARM);
    const clients = new Map<number, Promise<PublicClient | undefined>>();
    for (const item of pending) {
      if (following.has(item.hash)) continue;
      if (!clients.has(item.chainId))
        clients.set(
          item.chainId,
          deps.clientFor(item.chainId).catch(() => undefined),
        );
      const client = await clients.get(item.chainId);
      if (!client) continue; // no network for that chain any more: the entry stays pending, the alarm keeps trying
      following.add(item.hash);
      void watchReceipt(client, item.hash, { timeout: 30 * 60_000 })
        .then(() => deps.activity.refresh(client, item.chainId))
        .catch(() => undefined)
        .finally(() => following.delete(item.hash));
    }
  }

  return {
    /** After Activity changed: follow new pending transactions, arm or clear the alarm. */
    sync,
    refresh,
    async onAlarm(name: string): Promise<void> {
      if (name !== ACTIVITY_ALARM) return;
      try {
        await refresh();
      } finally {
        await sync();
      }
    },
  };
}
