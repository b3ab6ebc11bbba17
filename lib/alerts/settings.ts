import { AppError } from '../errors';
import { ALERT_RULES, type AlertRule, type AlertSettings, type DepegThresholds, type QuietHours } from './types';

/** Defaults: depeg warn 1 %, danger 3 % (as lib/risk DEPEG_THRESHOLDS_BPS), value move 10 %, liquidation distance 5 %, silent RPC 30 min. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  rules: { depeg: true, slashing: true, withdrawal: true, valueMove: true, watchdog: true, liquidation: true },
  depeg: { warnPercent: 1, dangerPercent: 3, perToken: {} },
  valueMovePercent: 10,
  liquidationPercent: 5,
  unwatchedAfterMinutes: 30,
  cooldownMinutes: 60,
  quietHours: { enabled: false, startMinute: 22 * 60, endMinute: 7 * 60 },
};

const fail = (shortMessage: string, details: string) => new AppError(shortMessage, { details, code: 'alerts.settings.invalid' });

/**
 * A percent threshold as the form submits it: a finite number in (0, 100]. Strings, NaN, negatives,
 * 0 (would fire on every refresh) and anything above 100 % are refused. The UI form calls this too.
 */
export function validateThresholdPercent(value: unknown, label = 'Threshold'): number {
  if (typeof value !== 'number')
    throw fail(
      `${label} must be a number`,
      `Got ${typeof value === 'string' ? `the text "${value}"` : typeof value}; enter a percent such as 1 or 2.5.`,
    );
  if (Number.isNaN(value) || !Number.isFinite(value))
    throw fail(`${label} is not a number`, 'Enter a percent between 0 and 100, such as 1 or 2.5.');
  if (value < 0) throw fail(`${label} cannot be negative`, `Got ${value} %; enter a percent above 0, such as 1.`);
  if (value === 0)
    throw fail(`${label} must be above 0 %`, 'A threshold of 0 would raise an alert on every refresh; enter a percent such as 1.');
  if (value > 100)
    throw fail(`${label} cannot be above 100 %`, `Got ${value} %; a price or value cannot move more than 100 % down. Enter at most 100.`);
  return value;
}

function wholeNumber(value: unknown, label: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw fail(`${label} must be a whole number from ${min} to ${max}`, `Got ${JSON.stringify(value)}.`);
  }
  return value;
}

function depegPair(input: unknown, label: string): DepegThresholds {
  const o = (input ?? {}) as Partial<DepegThresholds>;
  const warnPercent = validateThresholdPercent(o.warnPercent, `${label} warning threshold`);
  const dangerPercent = validateThresholdPercent(o.dangerPercent, `${label} danger threshold`);
  if (dangerPercent < warnPercent)
    throw fail(
      `${label} danger threshold is below the warning threshold`,
      `Warning ${warnPercent} %, danger ${dangerPercent} %: set danger at or above warning.`,
    );
  return { warnPercent, dangerPercent };
}

function quietHours(input: unknown): QuietHours {
  const o = (input ?? {}) as Partial<QuietHours>;
  if (typeof o.enabled !== 'boolean') throw fail('Quiet hours must be on or off', `Got ${JSON.stringify(o.enabled)}.`);
  return {
    enabled: o.enabled,
    startMinute: wholeNumber(o.startMinute, 'Quiet hours start (minute of the day)', 0, 1439),
    endMinute: wholeNumber(o.endMinute, 'Quiet hours end (minute of the day)', 0, 1439),
  };
}

/** Checks a whole settings object from the popup before it is stored. Throws AppError naming the bad field. */
export function validateAlertSettings(input: unknown): AlertSettings {
  if (!input || typeof input !== 'object') throw fail('Alert settings are missing', 'Send the whole settings object.');
  const o = input as Partial<AlertSettings>;
  const rules = Object.fromEntries(
    ALERT_RULES.map((r) => {
      const on = o.rules?.[r];
      if (typeof on !== 'boolean') throw fail(`Rule "${r}" must be on or off`, `Got ${JSON.stringify(on)}.`);
      return [r, on];
    }),
  ) as Record<AlertRule, boolean>;
  const perToken: Record<string, DepegThresholds> = {};
  for (const [token, pair] of Object.entries(o.depeg?.perToken ?? {})) perToken[token] = depegPair(pair, token);
  return {
    rules,
    depeg: { ...depegPair(o.depeg, 'Depeg'), perToken },
    valueMovePercent: validateThresholdPercent(o.valueMovePercent, 'Position change threshold'),
    liquidationPercent: validateThresholdPercent(o.liquidationPercent, 'Liquidation distance threshold'),
    ...(o.lrtWorstCasePercent === undefined
      ? {}
      : { lrtWorstCasePercent: validateThresholdPercent(o.lrtWorstCasePercent, 'LRT worst-case loss threshold') }),
    unwatchedAfterMinutes: wholeNumber(o.unwatchedAfterMinutes, 'RPC silence before an alert (minutes)', 5, 7 * 24 * 60),
    cooldownMinutes: wholeNumber(o.cooldownMinutes, 'Cool-down (minutes)', 0, 7 * 24 * 60),
    quietHours: quietHours(o.quietHours),
  };
}

/** The thresholds that apply to one token: its override, else the defaults. */
export const depegThresholdsFor = (settings: AlertSettings, token: string): DepegThresholds =>
  settings.depeg.perToken[token] ?? settings.depeg;

/** Percent (number, up to 6 decimals) → WAD fraction, so comparisons with on-chain WADs stay in bigint. */
export const percentToWad = (percent: number): bigint => BigInt(Math.round(percent * 1e6)) * 10n ** 10n;
