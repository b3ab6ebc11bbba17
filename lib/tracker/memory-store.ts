import type { History } from './history';
import { eventScansSchema, type EventScans } from './lookthrough/event-scan';
import { symbioticOperatorScansSchema, type SymbioticOperatorScans } from './lookthrough/symbiotic-operators';
import { INITIAL_SCHEDULE, type ScheduleState } from './schedule';
import { decodeSnapshot, encodeSnapshot, type StoredSnapshot } from './snapshot-schema';
import type { TrackerSnapshot } from './types';

/** Where the tracker keeps what must outlive the service worker. */
export interface TrackerStore {
  getSnapshot(): Promise<TrackerSnapshot | null>;
  setSnapshot(snapshot: TrackerSnapshot): Promise<void>;
  getHistory(): Promise<History>;
  setHistory(history: History): Promise<void>;
  getSchedule(): Promise<ScheduleState>;
  setSchedule(state: ScheduleState): Promise<void>;
  /** The log scans behind event-announced LRT stakers (ether.fi's nodes); a store without them scans nothing. */
  getEventScans?(): Promise<EventScans>;
  setEventScans?(scans: EventScans): Promise<void>;
  /** The log scans behind the operators of the Symbiotic vaults Mellow LRTs deposit into (lookthrough/symbiotic-operators.ts). */
  getSymbioticOperatorScans?(): Promise<SymbioticOperatorScans>;
  setSymbioticOperatorScans?(scans: SymbioticOperatorScans): Promise<void>;
}

/* Kept apart from store.ts: @wxt-dev/storage needs the extension runtime at import time, this does not. */

/** For tests and scripts: same encoding round trip as storage, kept in memory. */
export function createMemoryTrackerStore(): TrackerStore {
  let snapshot: StoredSnapshot | null = null;
  let history: History = {};
  let schedule: ScheduleState = INITIAL_SCHEDULE;
  let scans: unknown = {};
  let operatorScans: unknown = {};
  return {
    getSnapshot: async () => decodeSnapshot(snapshot),
    setSnapshot: async (s) => void (snapshot = JSON.parse(JSON.stringify(encodeSnapshot(s))) as StoredSnapshot),
    getHistory: async () => history,
    setHistory: async (h) => void (history = h),
    getSchedule: async () => schedule,
    setSchedule: async (s) => void (schedule = s),
    // Through JSON and the stored schema, as chrome.storage would keep it.
    getEventScans: async () => eventScansSchema.parse(scans),
    setEventScans: async (s) => void (scans = JSON.parse(JSON.stringify(s))),
    getSymbioticOperatorScans: async () => symbioticOperatorScansSchema.parse(operatorScans),
    setSymbioticOperatorScans: async (s) => void (operatorScans = JSON.parse(JSON.stringify(s))),
  };
}
