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
  client: () => Promise<PublicClient>;
  network: () => Promise<{ chainId: number }>;
};

/**
 * Keeps Activity's statuses moving while nobody has it open, so "confirmed" / "failed" notifications come
 * when the block does: each pending transaction's receipt is awaited while the worker runs, and an alarm
 * every 30 s (only while something is pending) refreshes after a worker restart.
 */
export function createActivityWatcher(deps: ActivityWatcherDeps) {
  const following = new Set<Hex>();

  async function refresh(): Promise<ActivityTransition[]> {
    const [client, { chainId }] = await Promise.all([deps.client(), deps.network()]);
    return deps.activity.refresh(client, chainId);
  }

  async function sync(): Promise<void> {
    const { chainId } = await deps.network();
    const pending = (await deps.activity.list()).filter((i) => i.status === 'pending' && i.chainId === chainId);
    const armed = Boolean(await deps.alarms.get(ACTIVITY_ALARM));
    if (pending.length > 0 && !armed)
      await deps.alarms.create(ACTIVITY_ALARM, { delayInMinutes: PERIOD_MINUTES, periodInMinutes: PERIOD_MINUTES });
    if (pending.length === 0 && armed) await deps.alarms.clear(ACTIVITY_ALARM);
    const client = await deps.client();
    for (const item of pending) {
      if (following.has(item.hash)) continue;
      following.add(item.hash);
      void watchReceipt(client, item.hash, { timeout: 30 * 60_000 })
        .then(() => refresh())
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
