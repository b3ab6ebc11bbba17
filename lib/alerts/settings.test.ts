import { describe, expect, test } from 'vitest';
import { toEventSelector } from 'viem';
import { AppError } from '../errors';
import { DEFAULT_ALERT_SETTINGS, percentToWad, validateAlertSettings, validateThresholdPercent } from './settings';
import { isQuietTime } from './quiet-hours';
import { SLASHING_TOPICS, slashingEventsAbi } from './rules/slashing-logs';

const refused = (fn: () => unknown, message: RegExp) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).shortMessage).toMatch(message);
    expect((e as AppError).details).toBeTruthy();
    return;
  }
  throw new Error('expected the value to be refused');
};

describe('threshold validation', () => {
  test.each([
    [-1, /cannot be negative/],
    [-0.01, /cannot be negative/],
    [100.01, /above 100/],
    [1e9, /above 100/],
    [Number.NaN, /not a number/],
    [Number.POSITIVE_INFINITY, /not a number/],
    ['5', /must be a number/],
    ['abc', /must be a number/],
    [null, /must be a number/],
    [undefined, /must be a number/],
    [0, /above 0/],
  ])('%s is refused', (value, message) => refused(() => validateThresholdPercent(value, 'Depeg warning'), message));

  test.each([0.01, 1, 2.5, 100])('%s %% is accepted as is', (v) => expect(validateThresholdPercent(v)).toBe(v));

  test('the settings form: a bad field is named, danger below warning is refused, defaults pass', () => {
    expect(validateAlertSettings(DEFAULT_ALERT_SETTINGS)).toEqual(DEFAULT_ALERT_SETTINGS);
    refused(
      () => validateAlertSettings({ ...DEFAULT_ALERT_SETTINGS, valueMovePercent: -5 }),
      /Position change threshold cannot be negative/,
    );
    refused(
      () => validateAlertSettings({ ...DEFAULT_ALERT_SETTINGS, depeg: { warnPercent: 4, dangerPercent: 2, perToken: {} } }),
      /danger threshold is below/,
    );
    refused(
      () =>
        validateAlertSettings({
          ...DEFAULT_ALERT_SETTINGS,
          depeg: { ...DEFAULT_ALERT_SETTINGS.depeg, perToken: { ezETH: { warnPercent: 1, dangerPercent: 101 } } },
        }),
      /ezETH danger threshold cannot be above 100/,
    );
    refused(
      () => validateAlertSettings({ ...DEFAULT_ALERT_SETTINGS, quietHours: { enabled: true, startMinute: 1440, endMinute: 0 } }),
      /Quiet hours start/,
    );
    refused(
      () => validateAlertSettings({ ...DEFAULT_ALERT_SETTINGS, rules: { ...DEFAULT_ALERT_SETTINGS.rules, depeg: 'yes' } }),
      /Rule "depeg"/,
    );
  });

  test('percent → WAD is exact for the shown digits (1 % = 1e16, 2.5 % = 2.5e16)', () => {
    expect(percentToWad(1)).toBe(10n ** 16n);
    expect(percentToWad(2.5)).toBe(25n * 10n ** 15n);
    expect(percentToWad(0.000001)).toBe(10n ** 10n);
  });
});

describe('quiet hours', () => {
  const night = { enabled: true, startMinute: 22 * 60, endMinute: 7 * 60 };
  test('a window over midnight covers 22:00–06:59, not 07:00–21:59', () => {
    expect([22 * 60, 23 * 60 + 59, 0, 3 * 60, 7 * 60 - 1].map((m) => isQuietTime(night, m))).toEqual([true, true, true, true, true]);
    expect([7 * 60, 12 * 60, 22 * 60 - 1].map((m) => isQuietTime(night, m))).toEqual([false, false, false]);
  });
  test('a same-day window, a disabled one and an empty one', () => {
    const lunch = { enabled: true, startMinute: 12 * 60, endMinute: 13 * 60 };
    expect([isQuietTime(lunch, 12 * 60), isQuietTime(lunch, 13 * 60), isQuietTime(lunch, 11 * 60)]).toEqual([true, false, false]);
    expect(isQuietTime({ ...night, enabled: false }, 23 * 60)).toBe(false);
    expect(isQuietTime({ enabled: true, startMinute: 600, endMinute: 600 }, 600)).toBe(false);
  });
});

test('topic0 constants match reference §7 and the event declarations', () => {
  expect(toEventSelector('OperatorSlashed(address,(address,uint32),address[],uint256[],string)')).toBe(SLASHING_TOPICS.OperatorSlashed);
  expect(toEventSelector('MaxMagnitudeUpdated(address,address,uint64)')).toBe(SLASHING_TOPICS.MaxMagnitudeUpdated);
  expect(toEventSelector('OnSlash(uint256,uint48,uint256)')).toBe(SLASHING_TOPICS.OnSlash);
  // The ABI the logs are filtered and decoded with hashes to the same topics.
  expect(slashingEventsAbi.filter((e) => e.type === 'event').map((e) => toEventSelector(e))).toEqual(Object.values(SLASHING_TOPICS));
});
