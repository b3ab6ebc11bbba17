import { z } from 'zod';
import { defineCheckedItem, salvagedArray, salvagedRecord } from '../storage';
import { DEFAULT_ALERT_SETTINGS } from './settings';
import { EMPTY_ALERTS_STATE, type Alert, type AlertSettings, type AlertsState, type AlertsStore } from './types';

const percent = (fallback: number) => z.number().positive().max(100).catch(fallback);
const minutes = (fallback: number) => z.number().int().nonnegative().catch(fallback);
const rule = z.boolean().catch(true);
const D = DEFAULT_ALERT_SETTINGS;

/** Each setting falls back to its default alone: a damaged cool-down does not cost the user's thresholds. */
const alertSettingsSchema: z.ZodType<AlertSettings, unknown> = z.object({
  rules: z.object({ depeg: rule, slashing: rule, withdrawal: rule, valueMove: rule, watchdog: rule, liquidation: rule }).catch(D.rules),
  depeg: z
    .object({
      warnPercent: percent(D.depeg.warnPercent),
      dangerPercent: percent(D.depeg.dangerPercent),
      perToken: salvagedRecord(
        z.object({ warnPercent: z.number().positive().max(100), dangerPercent: z.number().positive().max(100) }),
      ).catch({}),
    })
    .catch(D.depeg),
  valueMovePercent: percent(D.valueMovePercent),
  liquidationPercent: percent(D.liquidationPercent),
  lrtWorstCasePercent: z.number().positive().max(100).optional().catch(undefined),
  unwatchedAfterMinutes: minutes(D.unwatchedAfterMinutes),
  cooldownMinutes: minutes(D.cooldownMinutes),
  quietHours: z
    .object({ enabled: z.boolean(), startMinute: z.number().int().min(0).max(1439), endMinute: z.number().int().min(0).max(1439) })
    .catch(D.quietHours),
});

const alertSchema: z.ZodType<Alert, unknown> = z.object({
  id: z.string(),
  rule: z.enum(['depeg', 'slashing', 'withdrawal', 'valueMove', 'watchdog', 'liquidation']),
  severity: z.enum(['info', 'warning', 'danger']),
  title: z.string(),
  message: z.string(),
  time: z.number(),
  block: z.string(),
  chainId: z.number(),
  positionId: z.string().optional(),
  read: z.boolean(),
  notified: z.boolean(),
  data: z.record(z.string(), z.string()),
});

/**
 * Each part of the engine's memory falls back to empty alone. Losing `seen` or `cooldowns` can at
 * worst repeat a notification for a condition that still holds; it never hides one.
 */
const alertsStateSchema: z.ZodType<AlertsState, unknown> = z.object({
  alerts: salvagedArray(alertSchema).catch([]),
  seen: salvagedRecord(z.number()).catch({}),
  cooldowns: salvagedRecord(z.number()).catch({}),
  depegEpisodes: salvagedRecord(z.object({ start: z.string(), level: z.enum(['warn', 'danger']) })).catch({}),
  liquidationEpisodes: salvagedRecord(z.object({ start: z.string() })).catch({}),
  lrtRiskEpisodes: salvagedRecord(z.object({ start: z.string() }))
    .optional()
    .catch(undefined),
  rateLagEpisodes: salvagedRecord(z.object({ start: z.string() }))
    .optional()
    .catch(undefined),
  lastLogBlock: z.string().regex(/^\d+$/).nullable().catch(null),
  valueBaselines: salvagedRecord(z.string()).catch({}),
  positions: salvagedRecord(
    z.object({
      value: z.string(),
      operator: z.string().optional(),
      strategy: z.string().optional(),
      vault: z.string().optional(),
      claimable: z.boolean().optional(),
      account: z.string(),
      asset: z.string(),
      lrtSymbol: z.string().optional(),
      lrtOperators: z.record(z.string(), z.string()).optional(),
      lrtWorstCaseEth: z.string().optional(),
      mellowVault: z.string().optional(),
      mellowHolderEth: z.string().optional(),
      mellowVaultActiveStake: z.string().optional(),
    }),
  ).catch({}),
});

/** Versioned chrome.storage.local items, read through their schemas. Bump a version with a migration when a shape changes. */
export const alertsItems = {
  state: defineCheckedItem<AlertsState>('local:alerts.state', {
    label: 'alerts',
    schema: alertsStateSchema,
    version: 1,
    fallback: EMPTY_ALERTS_STATE,
    onCorrupt: 'reset',
  }),
  settings: defineCheckedItem<AlertSettings>('local:alerts.settings', {
    label: 'alert settings',
    schema: alertSettingsSchema,
    version: 1,
    fallback: DEFAULT_ALERT_SETTINGS,
    onCorrupt: 'reset',
  }),
};

export function createStorageAlertsStore(items = alertsItems): AlertsStore {
  return {
    getState: () => items.state.getValue(),
    setState: (s) => items.state.setValue(s),
    getSettings: () => items.settings.getValue(),
    setSettings: (s) => items.settings.setValue(s),
  };
}
