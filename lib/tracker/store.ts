import { storage } from '@wxt-dev/storage';
import { INITIAL_SCHEDULE, type ScheduleState } from './schedule';
import { decodeSnapshot, encodeSnapshot, type StoredSnapshot } from './snapshot-schema';
import type { History } from './history';
import type { TrackerStore } from './memory-store';

export type { TrackerStore } from './memory-store';
export { createMemoryTrackerStore } from './memory-store';

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
