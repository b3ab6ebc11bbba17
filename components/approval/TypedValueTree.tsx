import { useState } from 'react';
import { readTypedValue, tokenOfStruct, type ReadTypedContext, type TypedTypes } from '../../lib/state/typed-values';
import { cx, focusRing } from '../ui';
import { AddressNameTag } from './AddressNameTag';
import { ValueTree } from './ValueTree';

const toneClass = { danger: 'font-semibold text-danger', warn: 'font-semibold text-warn' } as const;

/** One value as a person reads it, with its raw form one click away. */
function Readable({ name, text, tone, raw }: { name: string; text: string; tone?: 'danger' | 'warn'; raw: string }) {
  const [showRaw, setShowRaw] = useState(false);
  return (
    <span className="flex flex-wrap items-baseline gap-x-2">
      <span className={cx(tone && toneClass[tone])} data-testid="typed-readable" data-field={name}>
        {text}
      </span>
      <button
        type="button"
        className={cx('text-[11px] text-ink-muted underline', focusRing)}
        aria-expanded={showRaw}
        aria-label={`${showRaw ? 'Hide' : 'Show'} the raw value of ${name}`}
        onClick={() => setShowRaw((v) => !v)}
      >
        raw
      </button>
      {showRaw && <span className="break-all font-mono text-ink-muted">{raw}</span>}
    </span>
  );
}

/**
 * A typed-data struct laid out by its EIP-712 types: each field with a known meaning (an amount, an
 * expiry) in words, nested structs and arrays below. Falls back to the plain tree where types are missing.
 */
export function TypedValueTree({
  value,
  typeName,
  types,
  ctx,
  label,
}: {
  value: unknown;
  typeName: string;
  types: TypedTypes;
  ctx: ReadTypedContext;
  label?: string;
}) {
  const declared: unknown = types[typeName];
  const fields = Array.isArray(declared)
    ? (declared as unknown[]).filter(
        (f): f is { name: string; type: string } =>
          typeof (f as { name?: unknown })?.name === 'string' && typeof (f as { type?: unknown })?.type === 'string',
      )
    : undefined;
  if (!fields || typeof value !== 'object' || value === null || Array.isArray(value)) return <ValueTree value={value} label={label} />;
  const struct = value as Record<string, unknown>;
  const inner = { ...ctx, token: tokenOfStruct(struct, ctx.token) };
  return (
    <dl aria-label={label} className="flex flex-col gap-1 border-l-2 border-line pl-2">
      {fields.map((field) => {
        const v = struct[field.name];
        const base = field.type.replace(/\[\d*\]$/, '');
        const readable = readTypedValue(field, v, inner);
        const nested = types[base] !== undefined;
        return (
          <div key={field.name} className={nested ? 'flex flex-col' : 'flex gap-2'}>
            <dt className="shrink-0 text-ink-muted">{field.name}</dt>
            <dd className="min-w-0">
              {readable ? (
                <Readable name={field.name} {...readable} />
              ) : nested && Array.isArray(v) ? (
                <ol className="flex flex-col gap-1">
                  {v.map((item, i) => (
                    <li key={i}>
                      <TypedValueTree value={item} typeName={base} types={types} ctx={inner} />
                    </li>
                  ))}
                </ol>
              ) : nested ? (
                <TypedValueTree value={v} typeName={base} types={types} ctx={inner} />
              ) : (
                <>
                  {field.type === 'address' && typeof v === 'string' && <AddressNameTag address={v} className="mr-1" />}
                  <ValueTree value={v} />
                </>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
