export const FLOW_RESUME_ALARM = 'ballast:flows-resume';

/** Chrome's shortest alarm period (Chrome 120+); an alarm event also restarts the worker's 30 s idle clock. */
const PERIOD_MINUTES = 0.5;

type Alarms = {
  create(name: string, info: { periodInMinutes?: number; delayInMinutes?: number }): unknown;
  clear(name: string): Promise<boolean>;
  get(name: string): Promise<unknown>;
};

export type FlowResumeAlarmDeps = {
  alarms: Alarms;
  /** True while a stored flow is running or about to (planned). */
  hasUnfinished: () => Promise<boolean>;
  /** Continues every unfinished flow (the executor's resume: one run per flow, so calling it again is safe). */
  resume: () => Promise<unknown>;
};

/**
 * A flow waits on blocks through plain fetches, and MV3 stops a worker that made no extension call for
 * 30 s, so a slow block can stop the worker in the middle of a flow with nothing to start it again
 * until the popup opens. While a flow is unfinished an alarm runs every 30 s: it keeps the worker
 * awake, and wakes a stopped one, which then resumes the flow. No unfinished flow, no alarm.
 */
export function createFlowResumeAlarm(deps: FlowResumeAlarmDeps) {
  async function sync(): Promise<void> {
    const armed = Boolean(await deps.alarms.get(FLOW_RESUME_ALARM));
    const needed = await deps.hasUnfinished();
    // Created only once: re-creating it on every step would push its first firing back each time.
    if (needed && !armed) await deps.alarms.create(FLOW_RESUME_ALARM, { delayInMinutes: PERIOD_MINUTES, periodInMinutes: PERIOD_MINUTES });
    if (!needed && armed) await deps.alarms.clear(FLOW_RESUME_ALARM);
  }
  return {
    /** After every flow transition: arm the alarm while a flow is unfinished, clear it after. */
    sync,
    async onAlarm(name: string): Promise<void> {
      if (name !== FLOW_RESUME_ALARM) return;
      try {
        await deps.resume();
      } finally {
        await sync();
      }
    },
  };
}
