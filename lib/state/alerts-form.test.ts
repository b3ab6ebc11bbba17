import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS } from '../alerts/settings';
import { fromFormValues, toFormValues, type AlertsFormValues } from './alerts-form';

const TOKENS = ['stETH', 'ezETH'];
const form = (over: Partial<AlertsFormValues> = {}): AlertsFormValues => ({ ...toFormValues(DEFAULT_ALERT_SETTINGS, TOKENS), ...over });

describe('alerts settings form', () => {
  it('shows the defaults: warn 1 %, danger 3 %, no per-token override, quiet hours 22:00–07:00', () => {
    const f = form();
    expect([f.warn, f.danger, f.valueMove, f.quietStart, f.quietEnd]).toEqual(['1', '3', '10', '22:00', '07:00']);
    expect(f.perToken).toEqual({ stETH: { warn: '', danger: '' }, ezETH: { warn: '', danger: '' } });
  });

  it('the Aave liquidation distance threshold: 5 % by default, stored as typed, 0 refused under its field', () => {
    expect(form().liquidation).toBe('5');
    const ok = fromFormValues(form({ liquidation: '7.5' }), DEFAULT_ALERT_SETTINGS);
    expect(ok.ok && ok.settings.liquidationPercent).toBe(7.5);
    const bad = fromFormValues(form({ liquidation: '0' }), DEFAULT_ALERT_SETTINGS);
    expect(bad.ok ? {} : bad.errors).toEqual({ liquidation: expect.stringMatching(/Liquidation distance threshold must be above 0 %/) });
  });

  it('round-trips the defaults unchanged', () => {
    expect(fromFormValues(form(), DEFAULT_ALERT_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_ALERT_SETTINGS });
  });

  it.each([
    ['-1', /cannot be negative/],
    ['101', /cannot be above 100 %/],
    ['abc', /must be a number.*"abc"/],
    ['', /is empty/],
    ['0', /must be above 0 %/],
  ])('refuses the warning threshold %j with a message for that field', (text, message) => {
    const r = fromFormValues(form({ warn: text }), DEFAULT_ALERT_SETTINGS);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(Object.keys(r.errors)).toEqual(['warn']);
    expect(r.errors.warn).toMatch(message);
  });

  it('refuses danger below warning, and a bad per-token figure under that token', () => {
    const r = fromFormValues(
      form({ warn: '2', danger: '1.5', perToken: { stETH: { warn: '-3', danger: '' }, ezETH: { warn: '', danger: '' } } }),
      DEFAULT_ALERT_SETTINGS,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.danger).toMatch(/below the warning threshold/);
    expect(r.errors['stETH.warn']).toMatch(/stETH warning threshold cannot be negative/);
  });

  it('keeps per-token overrides, a half-filled one taking the other figure from the defaults', () => {
    const r = fromFormValues(
      form({ warn: '0.5', perToken: { stETH: { warn: '', danger: '' }, ezETH: { warn: '', danger: '10' } } }),
      DEFAULT_ALERT_SETTINGS,
    );
    expect(r).toMatchObject({
      ok: true,
      settings: { depeg: { warnPercent: 0.5, dangerPercent: 3, perToken: { ezETH: { warnPercent: 0.5, dangerPercent: 10 } } } },
    });
    if (r.ok) expect(Object.keys(r.settings.depeg.perToken)).toEqual(['ezETH']);
  });

  it('stores quiet hours as minutes of the day and refuses a missing time', () => {
    const r = fromFormValues(form({ quietEnabled: true, quietStart: '23:30', quietEnd: '06:15' }), DEFAULT_ALERT_SETTINGS);
    expect(r).toMatchObject({ ok: true, settings: { quietHours: { enabled: true, startMinute: 23 * 60 + 30, endMinute: 6 * 60 + 15 } } });
    const bad = fromFormValues(form({ quietStart: '' }), DEFAULT_ALERT_SETTINGS);
    expect(bad.ok ? undefined : bad.errors.quiet).toMatch(/start and an end/);
  });
});
