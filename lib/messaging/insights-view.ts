import type { TokenInsights } from '../insights';

/** A value as it crosses the message boundary: bigints become decimal strings (structured clone keeps no bigint in WXT messaging). */
export type JsonSafe<T> = T extends bigint
  ? string
  : T extends readonly (infer U)[]
    ? JsonSafe<U>[]
    : T extends object
      ? { [K in keyof T]: JsonSafe<T[K]> }
      : T;

/** What 'insights:get' answers: readTokenInsights' result with every bigint as a decimal string. */
export type InsightsView = JsonSafe<TokenInsights>;

/** Deep copy with bigints as decimal strings; everything else as is. */
export function toJsonSafe<T>(value: T): JsonSafe<T> {
  if (typeof value === 'bigint') return value.toString() as JsonSafe<T>;
  if (Array.isArray(value)) return value.map((v: unknown) => toJsonSafe(v)) as JsonSafe<T>;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)])) as JsonSafe<T>;
  }
  return value as JsonSafe<T>;
}
