import type { TrackerSnapshot } from '../../tracker/types';
import type { AlertCandidate, AlertSettings, AlertsState } from '../types';

/** What every rule sees. Rules may update `state` (episodes, baselines); the engine persists it once. */
export type RuleContext = {
  snapshot: TrackerSnapshot;
  settings: AlertSettings;
  state: AlertsState;
  now: number;
};

export type RuleResult = AlertCandidate[];

export const WAD = 10n ** 18n;
export const abs = (v: bigint) => (v < 0n ? -v : v);
