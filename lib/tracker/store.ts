import { storage } from '@wxt-dev/storage';
import type { History } from './history';
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
}

/** Versioned chrome.storage.local items (bigints as decimal strings). Bump a version with a migration. */
export const trackerItems = {
  snapshot: storage.defineItem<StoredSnapshot | null>('local:tracker.snapshot', { version: 1, fallback: null }),
  history: storage.defineItem<History>('local:tracker.history', { version: 1, fallback: {} }),
  schedule: storage.defineItem<ScheduleState>('local:tracker.schedule', { version: 1, fallback: INITIAL_SCHEDULE }),
};

export function createStorageTrackerStore(items = trackerItems): TrackerStore {
  return {
    getSnapshot: async () => decodeSnapshot(await items.snapshot.getValue()),
    setSnapshot: (s) => items.snapshot.setValue(encodeSnapshot(s)),
    getHistory: () => items.history.getValue(),
    setHistory: (h) => items.history.setValue(h),
    getSchedule: () => items.schedule.getValue(),
    setSchedule: (s) => items.schedule.setValue(s),
  };
}

/** For tests and scripts: same encoding round trip as storage, kept in memory. */
export function createMemoryTrackerStore(): TrackerStore {
  let snapshot: StoredSnapshot | null = null;
  let history: History = {};
  let schedule: ScheduleState = INITIAL_SCHEDULE;
  return {
    getSnapshot: async () => decodeSnapshot(snapshot),
    setSnapshot: async (s) => void (snapshot = JSON.parse(JSON.stringify(encodeSnapshot(s))) as StoredSnapshot),
    getHistory: async () => history,
    setHistory: async (h) => void (history = h),
    getSchedule: async () => schedule,
    setSchedule: async (s) => void (schedule = s),
  };
}
