import { describe, expect, it } from 'vitest';
import { AUTO_LOCK_ALARM, createAutoLock } from './auto-lock';

/** chrome.alarms as Chrome keeps them: by name, replaced on create, gone once fired or cleared. */
function setup({ unlocked = true, minutes = 5 } = {}) {
  let clock = 1_000_000;
  const alarms = new Map<string, { scheduledTime: number }>();
  const state = { unlocked, locks: 0 };
  const autoLock = createAutoLock({
    alarms: {
      create: (name, info) => void alarms.set(name, { scheduledTime: info.when ?? clock + (info.delayInMinutes ?? 0) * 60_000 }),
      clear: async (name) => alarms.delete(name),
      get: async (name) => alarms.get(name),
    },
    minutes: async () => minutes,
    isUnlocked: async () => state.unlocked,
    lock: async () => {
      state.unlocked = false;
      state.locks += 1;
    },
    now: () => clock,
  });
  return { autoLock, alarms, state, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('auto-lock deadline', () => {
  it('an interaction before the deadline moves it to now + the setting', async () => {
    const t = setup({ minutes: 5 });
    await t.autoLock.touch();
    t.advance(4 * 60_000);
    await t.autoLock.touch();
    expect(t.alarms.get(AUTO_LOCK_ALARM)?.scheduledTime).toBe(t.now() + 5 * 60_000);
    expect(t.state).toMatchObject({ unlocked: true, locks: 0 });
  });

  it('an interaction after a deadline whose alarm has not fired yet locks instead of extending', async () => {
    const t = setup({ minutes: 1 });
    await t.autoLock.touch();
    // The worker was stopped and the alarm is late: the first message after the deadline wakes it.
    t.advance(60_000 + 1);
    await t.autoLock.touch();
    expect(t.state).toMatchObject({ unlocked: false, locks: 1 });
    expect(t.alarms.has(AUTO_LOCK_ALARM)).toBe(false);
  });

  it('a leftover deadline does not lock the wallet right after the next unlock', async () => {
    const t = setup({ minutes: 1 });
    await t.autoLock.touch();
    t.state.unlocked = false; // locked by hand; the alarm was left behind
    t.advance(2 * 60_000);
    await t.autoLock.touch(); // the unlock message arrives while still locked
    t.state.unlocked = true;
    await t.autoLock.touch(); // after the unlock
    expect(t.state.locks).toBe(0);
    expect(t.alarms.get(AUTO_LOCK_ALARM)?.scheduledTime).toBe(t.now() + 60_000);
  });

  it('a dApp request never moves the deadline: a page polling every 12 s does not keep the wallet unlocked', async () => {
    const t = setup({ minutes: 1 });
    await t.autoLock.touch();
    const deadline = t.alarms.get(AUTO_LOCK_ALARM)?.scheduledTime;
    for (let i = 0; i < 4; i++) {
      t.advance(12_000);
      await t.autoLock.enforce();
    }
    expect(t.alarms.get(AUTO_LOCK_ALARM)?.scheduledTime).toBe(deadline);
    expect(t.state.locks).toBe(0);
    // Past the deadline with the alarm late (worker asleep): the next poll locks before it is answered.
    t.advance(13_000);
    await t.autoLock.enforce();
    expect(t.state).toMatchObject({ unlocked: false, locks: 1 });
  });

  it('the alarm locks', async () => {
    const t = setup();
    await t.autoLock.onAlarm('something-else');
    expect(t.state.locks).toBe(0);
    await t.autoLock.onAlarm(AUTO_LOCK_ALARM);
    expect(t.state).toMatchObject({ unlocked: false, locks: 1 });
  });
});
