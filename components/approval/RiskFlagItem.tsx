import type { RiskFlag, Severity } from '../../lib/risk/flag';
import { Badge, type BadgeTone } from '../ui';

export const severityTone: Record<Severity | 'none', BadgeTone> = { info: 'info', warn: 'warn', danger: 'danger', none: 'ok' };
export const severityLabel: Record<Severity | 'none', string> = { info: 'Info', warn: 'Warning', danger: 'Danger', none: 'No flags' };

/** One finding: badge, title, its numbers with units, why it matters, and where the figure came from. */
export function RiskFlagItem({ flag }: { flag: RiskFlag }) {
  const numbers = Object.entries(flag.numbers);
  const source = flag.source && Object.entries(flag.source).filter(([, v]) => v !== undefined && v !== '');
  return (
    <li
      className="flex flex-col gap-1 border-t border-line pt-2 first:border-t-0 first:pt-0"
      data-testid="risk-flag"
      data-flag-id={flag.id}
      data-severity={flag.severity}
    >
      <p className="flex items-start gap-2 text-sm font-semibold text-ink">
        <Badge tone={severityTone[flag.severity]}>{severityLabel[flag.severity]}</Badge>
        <span>{flag.title}</span>
      </p>
      {numbers.length > 0 && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
          {numbers.map(([name, value]) => (
            <div key={name} className="contents">
              <dt className="text-ink-muted">{name}</dt>
              <dd className="break-all font-mono text-ink" data-testid="risk-number" data-name={name}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="text-xs text-ink-muted">{flag.why}</p>
      {source && source.length > 0 && (
        <details className="text-xs">
          <summary className="cursor-pointer text-ink-muted underline">Source</summary>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 font-mono">
            {source.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-ink-muted">{name}</dt>
                <dd className="break-all text-ink">{String(value)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </li>
  );
}
