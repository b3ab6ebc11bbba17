/**
 * Position tracker: every account's restaking positions, valued at fair and market prices, with
 * slashing exposure, refreshed by chrome.alarms in ≤ 3 RPC requests and stored as versioned items.
 * Background wiring: createTracker({ chain, getTransport, getAccounts, store: createStorageTrackerStore(), alarms: browser.alarms }).
 */
export { createTracker, toStateView, ALARM_NAME, RETRY_ALARM_NAME } from './tracker';
export type { Tracker, TrackerDeps, TrackerState, TrackerStateView, AlarmsApi } from './tracker';
export { createStorageTrackerStore, trackerItems } from './store';
export { createMemoryTrackerStore } from './memory-store';
export type { TrackerStore } from './memory-store';
export { refreshPositions } from './refresh';
export { countingTransport, createRequestCounter } from './counting-transport';
export {
  defaultReaders,
  tokenReader,
  eigenLayerReader,
  aaveReader,
  curveLpReader,
  pendleReader,
  symbioticReader,
  lrtExposureReader,
  impliedApy,
} from './readers';
export { freshness, REFRESH_PERIOD_MS, STALE_AFTER_MS } from './schedule';
export type { Freshness, ScheduleState } from './schedule';
export { MAX_POINTS_PER_SERIES } from './history';
export type { History, HistoryPoint } from './history';
export type { Position, PositionFamily, TokenMarket, TrackerSnapshot, SlashingExposure } from './types';
export { readLrtLookThrough } from './lookthrough/read-lookthrough';
export type { LrtLookThroughView, ReadLrtLookThroughParameters, ReadLrtLookThroughReturnType } from './lookthrough/read-lookthrough';
