export const AUTO_LOCK_ALARM = 'ballast:autolock';

type Alarms = {
  create(name: string, info: { delayInMinutes?: number; when?: number }): unknown;
  clear(name: string): Promise<boolean>;
};

/**
 * Locks after the chosen idle time. Every user or dApp interaction pushes the alarm forward; an
 * alarm (not a timer) so it fires even after MV3 stopped and restarted the worker.
 */
export function createAutoLock(deps: { alarms: Alarms; minutes: () => Promise<number>; isUnlocked: () => Promise<boolean>; lock: () => Promise<unknown>; now?: () => number }) {
  const now = deps.now ?? Date.now;
  return {
    async touch(): Promise<void> {
      if (!(await deps.isUnlocked())) return;
      await deps.alarms.create(AUTO_LOCK_ALARM, { when: now() + (await deps.minutes()) * 60_000 });
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
