import { describe, expect, it } from 'vitest';
import { FLOW_RESUME_ALARM, createFlowResumeAlarm } from './resume-alarm';

/** chrome.alarms as a map of name → schedule, with a log of every call. */
function fakeAlarms() {
  const armed = new Map<string, { periodInMinutes?: number; delayInMinutes?: number }>();
  const calls: string[] = [];
  return {
    armed,
    calls,
    create: async (name: string, info: { periodInMinutes?: number; delayInMinutes?: number }) => {
      calls.push(`create ${name}`);
      armed.set(name, info);
    },
    clear: async (name: string) => {
      calls.push(`clear ${name}`);
      return armed.delete(name);
    },
    get: async (name: string) => armed.get(name),
  };
}

describe('flow resume alarm', () => {
  it('is armed every 30 s while a flow is unfinished, once, and cleared when none is', async () => {
    const alarms = fakeAlarms();
    let unfinished = true;
    const watch = createFlowResumeAlarm({ alarms, hasUnfinished: async () => unfinished, resume: async () => [] });
    await watch.sync();
    await watch.sync();
    expect(alarms.armed.get(FLOW_RESUME_ALARM)).toEqual({ delayInMinutes: 0.5, periodInMinutes: 0.5 });
    // A second transition does not re-create it (that would postpone its first firing step after step).
    expect(alarms.calls).toEqual([`create ${FLOW_RESUME_ALARM}`]);
    unfinished = false;
    await watch.sync();
    expect(alarms.armed.has(FLOW_RESUME_ALARM)).toBe(false);
  });

  it('its alarm resumes the flows, then clears itself once they are finished', async () => {
    const alarms = fakeAlarms();
    let unfinished = true;
    let resumes = 0;
    const watch = createFlowResumeAlarm({
      alarms,
      hasUnfinished: async () => unfinished,
      resume: async () => {
        resumes += 1;
        unfinished = false;
      },
    });
    await watch.sync();
    await watch.onAlarm('ballast:autolock');
    expect(resumes).toBe(0);
    await watch.onAlarm(FLOW_RESUME_ALARM);
    expect(resumes).toBe(1);
    expect(alarms.armed.has(FLOW_RESUME_ALARM)).toBe(false);
  });

  it('stays armed when a resume fails, so the next alarm tries again', async () => {
    const alarms = fakeAlarms();
    const watch = createFlowResumeAlarm({
      alarms,
      hasUnfinished: async () => true,
      resume: async () => Promise.reject(new Error('RPC down')),
    });
    await expect(watch.onAlarm(FLOW_RESUME_ALARM)).rejects.toThrow('RPC down');
    expect(alarms.armed.has(FLOW_RESUME_ALARM)).toBe(true);
  });
});
