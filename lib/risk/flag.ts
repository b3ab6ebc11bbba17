import type { Address } from 'viem';

export type Severity = 'info' | 'warn' | 'danger';

/** Where a number came from, so the UI can link it and a reviewer can re-check it. */
export type RiskSource = {
  contract?: Address;
  block?: bigint | string;
  method?: string;
  reference?: string;
};

/**
 * One finding about a request or a position. `numbers` are already formatted with units (the UI
 * prints them as they are); `why` is one or two plain sentences that say what could happen and what
 * to do. `id` is stable per kind of finding (dotted, e.g. "approval.unlimited") for dedupe and tests.
 */
export type RiskFlag = {
  id: string;
  severity: Severity;
  title: string;
  numbers: Record<string, string>;
  why: string;
  source?: RiskSource;
};

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warn: 1, danger: 2 };

export const severityRank = (severity: Severity): number => SEVERITY_RANK[severity];

export const maxSeverity = (a: Severity, b: Severity): Severity => (SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b);

export type ScoreFlagsReturnType = {
  /** Worst first; equal severities keep their input order (stable sort). */
  flags: RiskFlag[];
  worst: Severity | 'none';
  counts: Record<Severity, number>;
};

/** Orders flags worst-first and summarises them; the approval window colours its header by `worst`. */
export function scoreFlags(flags: readonly RiskFlag[]): ScoreFlagsReturnType {
  const counts: Record<Severity, number> = { info: 0, warn: 0, danger: 0 };
  for (const flag of flags) counts[flag.severity] += 1;
  const ordered = flags
    .map((flag, index) => ({ flag, index }))
    .sort((a, b) => SEVERITY_RANK[b.flag.severity] - SEVERITY_RANK[a.flag.severity] || a.index - b.index)
    .map(({ flag }) => flag);
  const worst = counts.danger ? 'danger' : counts.warn ? 'warn' : counts.info ? 'info' : 'none';
  return { flags: ordered, worst, counts };
}
