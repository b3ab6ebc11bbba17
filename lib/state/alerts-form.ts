import { AppError } from '../errors';
import { validateAlertSettings, validateThresholdPercent } from '../alerts/settings';
import { ALERT_RULES, type AlertRule, type AlertSettings, type DepegThresholds } from '../alerts/types';

/**
 * The Alerts settings form as the user types it (text fields stay text until submit), and its
 * conversion to AlertSettings with one message per bad field. Thresholds go through the engine's own
 * validator, so the form refuses exactly what the background would.
 */
export type TokenThresholdText = { warn: string; danger: string };
export type AlertsFormValues = {
  rules: Record<AlertRule, boolean>;
  warn: string;
  danger: string;
  /** Per-token overrides; both fields blank = the token uses the defaults above. */
  perToken: Record<string, TokenThresholdText>;
  valueMove: string;
  liquidation: string;
  quietEnabled: boolean;
  /** "HH:MM", local time, as <input type="time"> gives it. */
  quietStart: string;
  quietEnd: string;
};

/** Field ids: 'warn', 'danger', 'valueMove', 'liquidation', 'quiet', `${token}.warn`, `${token}.danger`, and 'form' for cross-field problems. */
export type AlertsFormErrors = Record<string, string>;

export const RULE_LABELS: Record<AlertRule, { label: string; description: string }> = {
  depeg: { label: 'Depeg', description: 'A held token trades under its fair value, and its recovery.' },
  slashing: { label: 'Slashing', description: 'An operator or vault holding your stake is slashed, with the loss.' },
  withdrawal: { label: 'Claimable withdrawals', description: 'A queued withdrawal can be completed.' },
  valueMove: { label: 'Large position change', description: 'A position’s value moved more than the percent below.' },
  watchdog: { label: 'RPC silent', description: 'Ballast could not read the chain for a long time.' },
  liquidation: {
    label: 'Aave liquidation',
    description: 'An Aave position comes within the distance below of liquidation, or its health factor falls under 1.1.',
  },
};
export { ALERT_RULES };

const minutesToTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function timeToMinutes(text: string): number | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? h * 60 + min : undefined;
}

export function toFormValues(s: AlertSettings, tokens: readonly string[]): AlertsFormValues {
  const perToken: Record<string, TokenThresholdText> = {};
  for (const t of tokens) {
    const o = s.depeg.perToken[t];
    perToken[t] = { warn: o ? String(o.warnPercent) : '', danger: o ? String(o.dangerPercent) : '' };
  }
  return {
    rules: { ...s.rules },
    warn: String(s.depeg.warnPercent),
    danger: String(s.depeg.dangerPercent),
    perToken,
    valueMove: String(s.valueMovePercent),
    liquidation: String(s.liquidationPercent),
    quietEnabled: s.quietHours.enabled,
    quietStart: minutesToTime(s.quietHours.startMinute),
    quietEnd: minutesToTime(s.quietHours.endMinute),
  };
}

/** Decimal text → number; anything else is handed to the validator as text, so its message quotes it. */
const parsePercent = (text: string): unknown =>
  /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim() === '' ? undefined : text.trim();

const messageOf = (error: unknown) =>
  error instanceof AppError ? [error.shortMessage, error.details].filter(Boolean).join('. ') : String(error);

function percentField(text: string, label: string, errors: AlertsFormErrors, key: string): number | undefined {
  const value = parsePercent(text);
  if (value === undefined) {
    errors[key] = `${label} is empty. Enter a percent such as 1 or 2.5.`;
    return undefined;
  }
  try {
    return validateThresholdPercent(value, label);
  } catch (error) {
    errors[key] = messageOf(error);
    return undefined;
  }
}

export type FormResult = { ok: true; settings: AlertSettings } | { ok: false; errors: AlertsFormErrors };

/** Form → settings. `base` supplies what the form does not edit (cool-down, RPC silence minutes). */
export function fromFormValues(form: AlertsFormValues, base: AlertSettings): FormResult {
  const errors: AlertsFormErrors = {};
  const warn = percentField(form.warn, 'Warning threshold', errors, 'warn');
  const danger = percentField(form.danger, 'Danger threshold', errors, 'danger');
  if (warn !== undefined && danger !== undefined && danger < warn)
    errors.danger = `Danger threshold (${danger} %) is below the warning threshold (${warn} %). Set danger at or above warning.`;
  const perToken: Record<string, DepegThresholds> = {};
  for (const [token, text] of Object.entries(form.perToken)) {
    if (text.warn.trim() === '' && text.danger.trim() === '') continue;
    // A half-filled override takes the other figure from the defaults.
    const w = text.warn.trim() === '' ? warn : percentField(text.warn, `${token} warning threshold`, errors, `${token}.warn`);
    const d = text.danger.trim() === '' ? danger : percentField(text.danger, `${token} danger threshold`, errors, `${token}.danger`);
    if (w === undefined || d === undefined) continue;
    if (d < w) errors[`${token}.danger`] = `${token} danger threshold (${d} %) is below its warning threshold (${w} %).`;
    else perToken[token] = { warnPercent: w, dangerPercent: d };
  }
  const valueMove = percentField(form.valueMove, 'Position change threshold', errors, 'valueMove');
  const liquidation = percentField(form.liquidation, 'Liquidation distance threshold', errors, 'liquidation');
  const startMinute = timeToMinutes(form.quietStart);
  const endMinute = timeToMinutes(form.quietEnd);
  if (startMinute === undefined || endMinute === undefined)
    errors.quiet = 'Quiet hours need a start and an end time, such as 22:00 and 07:00.';
  if (
    Object.keys(errors).length > 0 ||
    warn === undefined ||
    danger === undefined ||
    valueMove === undefined ||
    liquidation === undefined ||
    startMinute === undefined ||
    endMinute === undefined
  ) {
    return { ok: false, errors };
  }
  const candidate: AlertSettings = {
    ...base,
    rules: { ...form.rules },
    depeg: { warnPercent: warn, dangerPercent: danger, perToken },
    valueMovePercent: valueMove,
    liquidationPercent: liquidation,
    quietHours: { enabled: form.quietEnabled, startMinute, endMinute },
  };
  try {
    // The whole object once more, as the background will check it.
    return { ok: true, settings: validateAlertSettings(candidate) };
  } catch (error) {
    return { ok: false, errors: { form: messageOf(error) } };
  }
}
