import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AlertSettings } from '../../lib/alerts/types';
import { ALERT_RULES, RULE_LABELS, fromFormValues, toFormValues } from '../../lib/state/alerts-form';
import type { AlertsFormErrors, AlertsFormValues } from '../../lib/state/alerts-form';
import { Button, Card, InlineError, Input, Toggle } from '../ui';
import type { ErrorView } from '../../lib/state';

/** Tokens that may get their own depeg thresholds (the registry's liquid (re)staking tokens). */
export type AlertSettingsFormProps = {
  settings: AlertSettings;
  tokens: readonly string[];
  onSave: (settings: AlertSettings) => Promise<unknown>;
  saving: boolean;
  saveError?: ErrorView;
};

/** Rules on/off, depeg thresholds (defaults and per token), position change, quiet hours. Nothing is stored until every field is valid. */
export function AlertSettingsForm({ settings, tokens, onSave, saving, saveError }: AlertSettingsFormProps) {
  const [form, setForm] = useState<AlertsFormValues>(() => toFormValues(settings, tokens));
  const [errors, setErrors] = useState<AlertsFormErrors>({});
  const [saved, setSaved] = useState(false);
  const patch = (p: Partial<AlertsFormValues>) => {
    setSaved(false);
    setForm((f) => ({ ...f, ...p }));
  };
  const setToken = (token: string, field: 'warn' | 'danger', value: string) =>
    patch({ perToken: { ...form.perToken, [token]: { warn: '', danger: '', ...form.perToken[token], [field]: value } } });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const result = fromFormValues(form, settings);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    const stored = await onSave(result.settings);
    setSaved(stored !== undefined);
  }

  const overridden = tokens.filter((t) => form.perToken[t]?.warn || form.perToken[t]?.danger);
  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" aria-label="Alert settings">
      <Card title="Rules">
        <div className="flex flex-col gap-3">
          {ALERT_RULES.map((rule) => (
            <Toggle
              key={rule}
              label={RULE_LABELS[rule].label}
              description={RULE_LABELS[rule].description}
              checked={form.rules[rule]}
              onChange={(on) => patch({ rules: { ...form.rules, [rule]: on } })}
            />
          ))}
        </div>
      </Card>
      <Card title="Depeg thresholds">
        <div className="grid grid-cols-2 gap-2">
          <Input
            label="Warning at (%)"
            inputMode="decimal"
            value={form.warn}
            error={errors.warn}
            onChange={(e) => patch({ warn: e.target.value })}
          />
          <Input
            label="Danger at (%)"
            inputMode="decimal"
            value={form.danger}
            error={errors.danger}
            onChange={(e) => patch({ danger: e.target.value })}
          />
        </div>
        <details className="mt-2" open={overridden.length > 0 || Object.keys(errors).some((k) => k.includes('.'))}>
          <summary className="cursor-pointer text-xs font-medium text-ink">
            Per token{overridden.length > 0 ? ` (${overridden.length} set)` : ''}
          </summary>
          <p className="mt-1 text-xs text-ink-muted">Leave blank to use the thresholds above.</p>
          <div className="mt-2 flex flex-col gap-2">
            {tokens.map((t) => (
              <div key={t} className="grid grid-cols-2 gap-2">
                <Input
                  label={`${t} warning (%)`}
                  inputMode="decimal"
                  value={form.perToken[t]?.warn ?? ''}
                  error={errors[`${t}.warn`]}
                  onChange={(e) => setToken(t, 'warn', e.target.value)}
                />
                <Input
                  label={`${t} danger (%)`}
                  inputMode="decimal"
                  value={form.perToken[t]?.danger ?? ''}
                  error={errors[`${t}.danger`]}
                  onChange={(e) => setToken(t, 'danger', e.target.value)}
                />
              </div>
            ))}
          </div>
        </details>
      </Card>
      <Card title="Position change">
        <Input
          label="Alert when a position moves more than (%)"
          inputMode="decimal"
          value={form.valueMove}
          error={errors.valueMove}
          onChange={(e) => patch({ valueMove: e.target.value })}
        />
      </Card>
      <Card title="Aave liquidation">
        <Input
          label="Alert when liquidation is closer than (%)"
          inputMode="decimal"
          value={form.liquidation}
          error={errors.liquidation}
          onChange={(e) => patch({ liquidation: e.target.value })}
        />
      </Card>
      <Card title="Quiet hours">
        <div className="flex flex-col gap-2">
          <Toggle
            label="Quiet hours"
            description="Alerts are listed but not notified in this window."
            checked={form.quietEnabled}
            onChange={(on) => patch({ quietEnabled: on })}
          />
          <div className="grid grid-cols-2 gap-2">
            <Input
              label="From"
              type="time"
              value={form.quietStart}
              disabled={!form.quietEnabled}
              onChange={(e) => patch({ quietStart: e.target.value })}
            />
            <Input
              label="Until"
              type="time"
              value={form.quietEnd}
              disabled={!form.quietEnabled}
              error={errors.quiet}
              onChange={(e) => patch({ quietEnd: e.target.value })}
            />
          </div>
        </div>
      </Card>
      {errors.form && <InlineError error={{ message: errors.form }} />}
      <InlineError error={saveError} />
      <Button type="submit" block loading={saving}>
        Save alert settings
      </Button>
      {saved && (
        <p role="status" className="text-center text-xs text-ok">
          Saved.
        </p>
      )}
    </form>
  );
}
