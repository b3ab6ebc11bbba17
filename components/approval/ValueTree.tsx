/** Structured data (typed-data message, domain) as a nested definition list, readable by anyone. */
export function ValueTree({ value, label }: { value: unknown; label?: string }) {
  if (value === null || value === undefined) return <span className="text-ink-muted">—</span>;
  if (typeof value !== 'object') return <span className="break-all font-mono">{String(value)}</span>;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return <span className="text-ink-muted">{Array.isArray(value) ? '[]' : '{}'}</span>;
  return (
    <dl aria-label={label} className="flex flex-col gap-1 border-l-2 border-line pl-2">
      {entries.map(([key, v]) => (
        <div key={key} className={typeof v === 'object' && v !== null ? 'flex flex-col' : 'flex gap-2'}>
          <dt className="shrink-0 text-ink-muted">{key}</dt>
          <dd className="min-w-0">
            <ValueTree value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
