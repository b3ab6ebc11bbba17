export const AUTO_LOCK_ALARM = 'ballast:autolock';

type Alarms = {
  create(name: string, info: { delayInMinutes?: number; when?: number }): unknown;
  clear(name: string): Promise<boolean>;
  get(name: string): Promise<{ scheduledTime: number } | undefined>;
};

/**
 * Locks after the chosen idle time. Every interaction in Ballast's own pages pushes the alarm forward
 * (dApp requests never do); an alarm (not a timer) so it fires even after MV3 stopped and restarted
 * the worker.
 */
export function createAutoLock(deps: {
  alarms: Alarms;
  minutes: () => Promise<number>;
  isUnlocked: () => Promise<boolean>;
  lock: () => Promise<unknown>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;

  /** True when there is nothing to extend: the wallet is locked, or was locked now for an overdue deadline. */
  async function lockIfOverdue(): Promise<boolean> {
    const due = await deps.alarms.get(AUTO_LOCK_ALARM);
    if (!(await deps.isUnlocked())) {
      // A leftover deadline from before a lock must not lock the next unlock.
      if (due) await deps.alarms.clear(AUTO_LOCK_ALARM);
      return true;
    }
    if (due && due.scheduledTime <= now()) {
      await deps.alarms.clear(AUTO_LOCK_ALARM);
      await deps.lock();
      return true;
    }
    return false;
  }

  return {
    /**
     * An interaction: pushes the deadline back, unless it has already passed. Chrome may deliver an
     * alarm late (a sleeping machine, the 30 s alarm granularity, or the worker woken by this very
     * interaction before the alarm event): an overdue deadline locks now instead of being extended.
     * Await it before answering, so the answer already sees the lock.
     */
    async touch(): Promise<void> {
      if (await lockIfOverdue()) return;
      await deps.alarms.create(AUTO_LOCK_ALARM, { when: now() + (await deps.minutes()) * 60_000 });
    },
    /**
     * A dApp's request: the web never moves the deadline back (a page polling eth_blockNumber every 12 s
     * would otherwise keep the wallet unlocked for ever), but an overdue deadline still locks first.
     */
    async enforce(): Promise<void> {
      await lockIfOverdue();
    },
    async onAlarm(name: string): Promise<void> {
      if (name !== AUTO_LOCK_ALARM) return;
      await deps.lock();
    },
    async cancel(): Promise<void> {
      await deps.alarms.clear(AUTO_LOCK_ALARM);
    },
  };
}
