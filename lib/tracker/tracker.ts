import { createClient, type Address, type Chain, type Transport } from 'viem';
import { LRT_STRUCTURES, MELLOW_LRT_STRUCTURES } from '../restaking/lrt-structure';
import { serializeError } from '../errors';
import type { BatchLimits } from './batch-reads';
import { recordSnapshot } from './history';
import { defaultReaders } from './readers';
import type { PositionReader } from './readers/reader';
import { eventStakersOf, updateEventScans } from './lookthrough/event-scan';
import type { EventLists } from './lookthrough/plan';
import { symbioticOperatorsOf, updateSymbioticOperatorScans, type SymbioticOperatorLists } from './lookthrough/symbiotic-operators';
import { refreshPositions } from './refresh';
import { afterFailure, afterSuccess, freshness, mayAttempt, REFRESH_PERIOD_MS, type Freshness, type ScheduleState } from './schedule';
import { encodeSnapshot, type StoredSnapshot } from './snapshot-schema';
import type { TrackerStore } from './memory-store';
import { createQueueIdsLink, type QueueIdsLink } from './queue-ids/link';
import type { QueueIdsService } from './queue-ids/service';
import type { TrackerSnapshot } from './types';
import { chainBreakdown, type ChainSource } from './chains';

/** Periodic refresh alarm; the background forwards browser.alarms.onAlarm here. */
export const ALARM_NAME = 'tracker.refresh';
/** One-shot alarm for the next backoff attempt after a failure. */
export const RETRY_ALARM_NAME = 'tracker.retry';

/** The part of chrome.alarms the tracker uses (alarms, not timers: MV3 may stop the worker). */
export type AlarmsApi = {
  create(name: string, info: { when?: number; periodInMinutes?: number }): unknown;
  get?(name: string): Promise<{ periodInMinutes?: number } | undefined>;
};

export type TrackerDeps = {
  chain: Chain;
  /** The user's RPC transport (e.g. http(url) or fallback([...])); the tracker wraps it to count requests. */
  getTransport: () => Transport | Promise<Transport>;
  /** Every account and watch-only address to track. */
  getAccounts: () => readonly Address[] | Promise<readonly Address[]>;
  store: TrackerStore;
  alarms?: AlarmsApi;
  readers?: readonly PositionReader[];
  limits?: BatchLimits;
  multicallAddress?: Address;
  periodMs?: number;
  now?: () => number;
  /** Called after every successful refresh (alerts, UI push). */
  onSnapshot?: (snapshot: TrackerSnapshot) => void;
  /**
   * Known withdrawal request ids (issue #16): loaded from storage before each refresh (no RPC) for the ether.fi,
   * Puffer and Mantle readers; what the refresh showed (still owned, claimed/burned) is saved after a successful
   * one. With custom `readers`, pass the `link` they were built with (link.optionsFor(queue)).
   */
  queueIds?: { service: Pick<QueueIdsService, 'view' | 'settle'>; link?: QueueIdsLink };
  /**
   * The L2s to read beside Ethereum (issue #18): one transport per chain. With it, each snapshot carries `chains`, a
   * per-chain breakdown (one Multicall3 request per L2, after the Ethereum refresh and not counted in its requestCount).
   */
  getChainTransports?: () => readonly ChainSource[] | Promise<readonly ChainSource[]>;
};

export type TrackerState = { snapshot: TrackerSnapshot | null; freshness: Freshness; schedule: ScheduleState };
/** Structured-clone-safe view for the popup: bigints as decimal strings. */
export type TrackerStateView = { snapshot: StoredSnapshot | null; freshness: Freshness; schedule: ScheduleState };

export const toStateView = (s: TrackerState): TrackerStateView => ({ ...s, snapshot: s.snapshot ? encodeSnapshot(s.snapshot) : null });

export function createTracker(deps: TrackerDeps) {
  const now = deps.now ?? Date.now;
  const period = deps.periodMs ?? REFRESH_PERIOD_MS;
  const link = deps.queueIds?.link ?? createQueueIdsLink();
  const readers = deps.readers ?? defaultReaders(deps.queueIds ? link : undefined);
  let inFlight: Promise<TrackerState> | null = null;
  let followUp: Promise<TrackerState> | null = null;

  async function getSnapshot(): Promise<TrackerState> {
    const [snapshot, schedule] = await Promise.all([deps.store.getSnapshot(), deps.store.getSchedule()]);
    return { snapshot, schedule, freshness: freshness(snapshot?.takenAt ?? null, schedule, now(), 2 * period) };
  }

  async function run(): Promise<TrackerState> {
    const schedule = await deps.store.getSchedule();
    try {
      const [transport, accounts] = await Promise.all([deps.getTransport(), deps.getAccounts()]);
      const previous = (await deps.store.getSnapshot()) ?? undefined;
      const eventStakers = await scanEvents(transport);
      const symbioticOperators = await scanSymbioticOperators(transport);
      if (deps.queueIds) link.begin(await deps.queueIds.service.view(deps.chain.id));
      const snapshot: TrackerSnapshot = await refreshPositions({
        ...(eventStakers ? { eventStakers } : {}),
        ...(symbioticOperators ? { symbioticOperators } : {}),
        transport,
        chain: deps.chain,
        accounts,
        readers,
        limits: deps.limits,
        multicallAddress: deps.multicallAddress,
        now,
        previous,
      });
      if (deps.getChainTransports) snapshot.chains = await chainBreakdown(snapshot, await deps.getChainTransports());
      const history = recordSnapshot(await deps.store.getHistory(), snapshot);
      await Promise.all([
        deps.store.setSnapshot(snapshot),
        deps.store.setHistory(history),
        deps.store.setSchedule(afterSuccess(snapshot.takenAt, period)),
      ]);
      // Known ids are bookkeeping: a storage hiccup must not turn a good refresh into a failed one.
      if (deps.queueIds)
        await deps.queueIds.service
          .settle(deps.chain.id, link.findings())
          .catch((e: unknown) => console.warn('[ballast] known request ids', e));
      deps.onSnapshot?.(snapshot);
    } catch (error) {
      const next = afterFailure(schedule, now(), serializeError(error).message);
      await deps.store.setSchedule(next);
      deps.alarms?.create(RETRY_ALARM_NAME, { when: next.nextAttemptAt });
    }
    return getSnapshot();
  }

  /**
   * The log scans behind ether.fi's node list, before the refresh and with their own requests (not the refresh's ≤ 3):
   * due scans only (partial, or complete for 15 minutes). A failure leaves the stored list, marked partial.
   */
  async function scanEvents(transport: Transport): Promise<EventLists | undefined> {
    const { getEventScans, setEventScans } = deps.store;
    if (!getEventScans || !setEventScans) return undefined;
    try {
      const client = createClient({ chain: deps.chain, transport });
      const scans = await updateEventScans(client, {
        structures: LRT_STRUCTURES,
        chainId: deps.chain.id,
        scans: await getEventScans(),
        now,
      });
      await setEventScans(scans);
      return eventStakersOf(scans);
    } catch {
      return undefined;
    }
  }

  /**
   * The log scans behind the operators of the Symbiotic vaults Mellow LRTs deposit into, before the refresh and with
   * their own requests (not the refresh's ≤ 3), due ones only. A failure leaves the stored lists.
   */
  async function scanSymbioticOperators(transport: Transport): Promise<SymbioticOperatorLists | undefined> {
    const { getSymbioticOperatorScans, setSymbioticOperatorScans } = deps.store;
    if (!getSymbioticOperatorScans || !setSymbioticOperatorScans) return undefined;
    try {
      const client = createClient({ chain: deps.chain, transport });
      const scans = await updateSymbioticOperatorScans(client, {
        vaults: MELLOW_LRT_STRUCTURES.map((s) => s.pairedVault.address),
        chainId: deps.chain.id,
        scans: await getSymbioticOperatorScans(),
        now,
      });
      await setSymbioticOperatorScans(scans);
      return symbioticOperatorsOf(scans);
    } catch {
      return undefined;
    }
  }

  /**
   * Refreshes now unless the backoff says wait. An alarm arriving during a refresh shares it; a user's refresh
   * asks for the chain as of now, and the one running may have read before what the user just did (a sent
   * transaction, a new block), so it runs once more afterwards — one follow-up shared by every user caller meanwhile.
   */
  async function refresh({ trigger = 'user' }: { trigger?: 'alarm' | 'user' } = {}): Promise<TrackerState> {
    if (inFlight && trigger !== 'user') return inFlight;
    if (inFlight) {
      followUp ??= inFlight
        .catch(() => undefined)
        .then(() => {
          followUp = null;
          return refresh({ trigger });
        });
      return followUp;
    }
    if (!mayAttempt(await deps.store.getSchedule(), now(), trigger)) return getSnapshot();
    inFlight = run().finally(() => (inFlight = null));
    return inFlight;
  }

  return {
    ALARM_NAME,
    RETRY_ALARM_NAME,
    /**
     * Registers the periodic alarm. Call from the worker's startup. An alarm already there with this period
     * is kept: creating it again would replace it and push the next refresh a whole period back, and the
     * worker starts often (every page asks it for the content script's settings).
     */
    start(): void | Promise<void> {
      const periodInMinutes = period / 60_000;
      const arm = () => void deps.alarms?.create(ALARM_NAME, { periodInMinutes });
      if (!deps.alarms?.get) return arm();
      return deps.alarms.get(ALARM_NAME).then((existing) => (existing?.periodInMinutes === periodInMinutes ? undefined : arm()), arm);
    },
    refresh,
    getSnapshot,
    getHistory: () => deps.store.getHistory(),
    /** Returns true when the alarm was the tracker's. */
    async onAlarm(name: string): Promise<boolean> {
      if (name !== ALARM_NAME && name !== RETRY_ALARM_NAME) return false;
      await refresh({ trigger: 'alarm' });
      return true;
    },
  };
}

export type Tracker = ReturnType<typeof createTracker>;
