import { createPublicClient } from 'viem';
import { serializeError } from '../errors';
import { EIGENLAYER } from '../restaking/addresses';
import { createMutex } from '../storage/mutex';
import { STALE_AFTER_MS, type ScheduleState } from '../tracker/schedule';
import type { TrackerSnapshot } from '../tracker/types';
import { admit, unreadDangerCount } from './deliver';
import { localMinuteOfDay } from './quiet-hours';
import { depegRule } from './rules/depeg';
import { l2DepegRule } from './rules/l2-depeg';
import { liquidationRule } from './rules/liquidation';
import { lrtWorstCaseRule } from './rules/lrt-risk';
import { rateLagRule } from './rules/rate-lag';
import { positionMemos, slashingRule } from './rules/slashing';
import { readSlashingLogs } from './rules/slashing-logs';
import { valueMoveRule } from './rules/value-move';
import { watchdogRule } from './rules/watchdog';
import { withdrawalRule } from './rules/withdrawal';
import { validateAlertSettings } from './settings';
import type { Alert, AlertCandidate, AlertSettings, AlertsDeps, AlertsState } from './types';

export type EvaluateResult = {
  /** Alerts raised by this call (listed; `notified` says whether a notification was shown). */
  raised: Alert[];
  /** Why nothing was judged ('stale'), or why slashing logs could not be read this time (retried next time). */
  skipped?: 'stale';
  logError?: string;
};

/**
 * The notifications engine. Stateless between calls (everything lives in deps.store), so a new
 * instance after a worker restart carries on where the last one stopped. Calls are serialized.
 */
export function createAlertsEngine(deps: AlertsDeps) {
  const now = deps.now ?? Date.now;
  const minuteOfDay = deps.minuteOfDay ?? localMinuteOfDay;
  const staleAfter = deps.staleAfterMs ?? STALE_AFTER_MS;
  const serial = createMutex();

  async function commit(
    state: AlertsState,
    settings: AlertSettings,
    candidates: AlertCandidate[],
    block: string,
    t: number,
  ): Promise<Alert[]> {
    const { raised, notifications } = admit(state, candidates, { settings, now: t, minute: minuteOfDay(t), chainId: deps.chain.id, block });
    // Stored before notifying: a worker stopped in between loses a popup, never shows one twice.
    await deps.store.setState(state);
    for (const n of notifications) {
      try {
        await deps.notify(n);
      } catch {
        // A notification the browser refused is still listed on the Alerts screen.
      }
    }
    await deps.setBadge(unreadDangerCount(state.alerts));
    return raised;
  }

  /** Slashing events since the last block read; on an RPC error the range is read again next time. */
  async function slashing(state: AlertsState, snapshot: TrackerSnapshot, on: boolean) {
    const from = state.lastLogBlock === null ? null : BigInt(state.lastLogBlock) + 1n;
    if (from === null || from > snapshot.blockNumber) {
      if (from === null) state.lastLogBlock = String(snapshot.blockNumber); // first run: no alerts about the past
      return { candidates: [], explained: new Set<string>(), ok: true as const };
    }
    try {
      const client = createPublicClient({ chain: deps.chain, transport: await deps.getTransport() });
      const vaults = [
        ...new Set(Object.values(state.positions).flatMap((m) => [m.vault, m.mellowVault].filter((v): v is `0x${string}` => !!v))),
      ];
      const { logs, readTo } = await readSlashingLogs(client, {
        addresses: [EIGENLAYER.allocationManager, ...vaults],
        fromBlock: from,
        toBlock: snapshot.blockNumber,
      });
      state.lastLogBlock = String(readTo);
      return on
        ? { ...slashingRule(logs, state.positions, snapshot), ok: true as const }
        : { candidates: [], explained: new Set<string>(), ok: true as const };
    } catch (error) {
      return { candidates: [], explained: new Set<string>(), ok: false as const, error: serializeError(error).message };
    }
  }

  /** Runs every rule on a fresh snapshot (call after each successful tracker refresh). */
  async function evaluate(snapshot: TrackerSnapshot): Promise<EvaluateResult> {
    return serial(async () => {
      const t = now();
      if (t - snapshot.takenAt > staleAfter) return { raised: [], skipped: 'stale' as const };
      const [state, settings] = await Promise.all([deps.store.getState(), deps.store.getSettings()]);
      const ctx = { snapshot, settings, state, now: t };
      const slash = await slashing(state, snapshot, settings.rules.slashing);
      const candidates = [...slash.candidates];
      const depeg = [...depegRule(ctx), ...l2DepegRule(ctx)];
      if (settings.rules.depeg) candidates.push(...depeg);
      // Runs even when off, like depeg's episodes: an L2 rate's lag is a price risk, under the depeg switch.
      const rateLag = rateLagRule(ctx);
      if (settings.rules.depeg) candidates.push(...rateLag);
      if (settings.rules.withdrawal) candidates.push(...withdrawalRule(ctx));
      // Run even when off, so turning it on later does not announce an episode that began long before.
      const liquidation = liquidationRule(ctx);
      if (settings.rules.liquidation) candidates.push(...liquidation);
      // Runs even when off, like liquidation: its episodes must follow the positions.
      const lrtRisk = lrtWorstCaseRule(ctx);
      if (settings.rules.slashing) candidates.push(...lrtRisk);
      const moves = valueMoveRule(ctx, slash.explained);
      if (settings.rules.valueMove) candidates.push(...moves);
      // Keep the "before" values until the logs between them and now have been read.
      state.positions = slash.ok ? positionMemos(snapshot) : { ...positionMemos(snapshot), ...state.positions };
      const raised = await commit(state, settings, candidates, String(snapshot.blockNumber), t);
      return { raised, ...(slash.ok ? {} : { logError: slash.error }) };
    });
  }

  /** The watchdog: call after every refresh attempt, failed ones included, with the tracker's schedule. */
  async function checkHealth(schedule: ScheduleState): Promise<Alert[]> {
    return serial(async () => {
      const t = now();
      const [state, settings] = await Promise.all([deps.store.getState(), deps.store.getSettings()]);
      if (!settings.rules.watchdog) return [];
      const candidates = watchdogRule(schedule, settings, t);
      if (candidates.length === 0) return [];
      return commit(state, settings, candidates, '', t);
    });
  }

  async function mark(ids: readonly string[] | 'all'): Promise<number> {
    return serial(async () => {
      const state = await deps.store.getState();
      state.alerts = state.alerts.map((a) => (ids === 'all' || ids.includes(a.id) ? { ...a, read: true } : a));
      await deps.store.setState(state);
      const count = unreadDangerCount(state.alerts);
      await deps.setBadge(count);
      return count;
    });
  }

  return {
    evaluate,
    checkHealth,
    /** Newest first. */
    list: async (): Promise<Alert[]> => (await deps.store.getState()).alerts,
    get: async (id: string): Promise<Alert | undefined> => (await deps.store.getState()).alerts.find((a) => a.id === id),
    /** Marks alerts read (e.g. when the Alerts screen shows them or a notification is clicked); returns the new badge count. */
    markRead: (ids: readonly string[]) => mark(ids),
    markAllRead: () => mark('all'),
    getSettings: () => deps.store.getSettings(),
    /** Validates (AppError on bad input, nothing stored) and stores the settings. */
    async updateSettings(input: unknown): Promise<AlertSettings> {
      const settings = validateAlertSettings(input);
      await deps.store.setSettings(settings);
      return settings;
    },
    /** Re-applies the badge from storage (worker startup). */
    async restoreBadge(): Promise<number> {
      const count = unreadDangerCount((await deps.store.getState()).alerts);
      await deps.setBadge(count);
      return count;
    },
  };
}

export type AlertsEngine = ReturnType<typeof createAlertsEngine>;

/** One evaluation with a throwaway engine: the state it needs is all in deps.store. */
export const evaluateAlerts = (deps: AlertsDeps, snapshot: TrackerSnapshot): Promise<EvaluateResult> =>
  createAlertsEngine(deps).evaluate(snapshot);
