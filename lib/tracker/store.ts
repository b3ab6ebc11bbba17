import { z } from 'zod';
import { defineCheckedItem, salvagedArray, salvagedRecord } from '../storage';
import type { History, HistoryPoint } from './history';
import { eventScansSchema, type EventScans } from './lookthrough/event-scan';
import { symbioticOperatorScansSchema, type SymbioticOperatorScans } from './lookthrough/symbiotic-operators';
import type { TrackerStore } from './memory-store';
import { INITIAL_SCHEDULE, type ScheduleState } from './schedule';
import { decodeSnapshot, encodeSnapshot, type StoredSnapshot } from './snapshot-schema';

export type { TrackerStore } from './memory-store';
export { createMemoryTrackerStore } from './memory-store';

const decimal = z.string().regex(/^-?\d+$/);
const historyPointSchema: z.ZodType<HistoryPoint, unknown> = z.object({
  t: z.number(),
  block: decimal,
  fair: decimal.nullable(),
  market: decimal.nullable(),
  depegWad: decimal.nullable(),
  exposure: decimal.nullable().optional(),
});
/** Chart points are derived data: a damaged point or series is dropped, the next refreshes add new ones. */
const historySchema: z.ZodType<History, unknown> = salvagedRecord(salvagedArray(historyPointSchema));

const time = z.number().nullable().catch(null);
/** A damaged schedule starts over (no backoff, try now): the worst case is one early retry. */
const scheduleSchema: z.ZodType<ScheduleState, unknown> = z.object({
  consecutiveFailures: z.number().int().nonnegative().catch(0),
  nextAttemptAt: z.number().catch(0),
  lastAttemptAt: time,
  lastSuccessAt: time,
  lastError: z.string().nullable().catch(null),
});

/**
 * Versioned chrome.storage.local items (bigints as decimal strings). Bump a version with a migration.
 * The snapshot's full check is decodeSnapshot (a damaged snapshot reads as no data, and the next
 * refresh replaces it); here it only has to be an object.
 */
export const trackerItems = {
  snapshot: defineCheckedItem<StoredSnapshot | null>('local:tracker.snapshot', {
    label: 'portfolio snapshot',
    schema: z.custom<StoredSnapshot>((v) => typeof v === 'object' && v !== null).nullable(),
    version: 1,
    fallback: null,
    onCorrupt: 'reset',
  }),
  history: defineCheckedItem<History>('local:tracker.history', {
    label: 'price history',
    schema: historySchema,
    version: 1,
    fallback: {},
    onCorrupt: 'reset',
  }),
  schedule: defineCheckedItem<ScheduleState>('local:tracker.schedule', {
    label: 'refresh schedule',
    schema: scheduleSchema,
    version: 1,
    fallback: INITIAL_SCHEDULE,
    onCorrupt: 'reset',
  }),
  /** ether.fi's node list (and Swell's StakerProxies, path-scan.ts) with the block read to; a damaged one is read again from the start. */
  eventScans: defineCheckedItem<EventScans>('local:tracker.lrtEventScans', {
    label: 'LRT node list',
    schema: eventScansSchema,
    version: 1,
    fallback: {},
    onCorrupt: 'reset',
  }),
  /** The operators each Mellow LRT's Symbiotic vault delegates to, from its delegator's events, with the block read to. */
  symbioticOperatorScans: defineCheckedItem<SymbioticOperatorScans>('local:tracker.symbioticOperatorScans', {
    label: 'Symbiotic operator list',
    schema: symbioticOperatorScansSchema,
    version: 1,
    fallback: {},
    onCorrupt: 'reset',
  }),
};

export function createStorageTrackerStore(items = trackerItems): TrackerStore {
  return {
    getSnapshot: async () => decodeSnapshot(await items.snapshot.getValue()),
    setSnapshot: (s) => items.snapshot.setValue(encodeSnapshot(s)),
    getHistory: () => items.history.getValue(),
    setHistory: (h) => items.history.setValue(h),
    getSchedule: () => items.schedule.getValue(),
    setSchedule: (s) => items.schedule.setValue(s),
    getEventScans: () => items.eventScans.getValue(),
    setEventScans: (s) => items.eventScans.setValue(s),
    getSymbioticOperatorScans: () => items.symbioticOperatorScans.getValue(),
    setSymbioticOperatorScans: (s) => items.symbioticOperatorScans.setValue(s),
  };
}
