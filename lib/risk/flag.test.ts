import { describe, expect, it } from 'vitest';
import { scoreFlags, type RiskFlag, type Severity } from './flag';

const make = (id: string, severity: Severity): RiskFlag => ({ id, severity, title: id, numbers: {}, why: '' });

describe('scoreFlags', () => {
  it('orders worst first, keeps input order within a severity, and reports the worst', () => {
    const r = scoreFlags([make('a', 'info'), make('b', 'danger'), make('c', 'warn'), make('d', 'danger'), make('e', 'info')]);
    expect(r.flags.map((f) => f.id)).toEqual(['b', 'd', 'c', 'a', 'e']);
    expect(r.worst).toBe('danger');
    expect(r.counts).toEqual({ info: 2, warn: 1, danger: 2 });
  });
  it('reports none for no flags and does not mutate its input', () => {
    expect(scoreFlags([]).worst).toBe('none');
    const input = [make('x', 'info'), make('y', 'warn')];
    expect(scoreFlags(input).worst).toBe('warn');
    expect(input.map((f) => f.id)).toEqual(['x', 'y']);
  });
});
