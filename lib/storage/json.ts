import { AppError } from '../errors';

/**
 * JSON that keeps bigints: a bigint is written as {"$bigint":"<decimal>"} and read back as a bigint.
 * chrome.storage and structured clone both refuse bigints, so every on-chain amount we persist goes through here.
 */
const BIGINT_TAG = '$bigint';

export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return { [BIGINT_TAG]: value.toString() };
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toJsonSafe(v);
    return out;
  }
  return value;
}

export function fromJsonSafe(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJsonSafe);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    const [first] = entries;
    if (entries.length === 1 && first && first[0] === BIGINT_TAG && typeof first[1] === 'string' && /^-?\d+$/.test(first[1])) {
      return BigInt(first[1]);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) out[k] = fromJsonSafe(v);
    return out;
  }
  return value;
}

export function stringifyJson(value: unknown): string {
  return JSON.stringify(toJsonSafe(value));
}

export function parseJson(text: string, what: string): unknown {
  try {
    return fromJsonSafe(JSON.parse(text));
  } catch (cause) {
    throw new AppError(`Stored ${what} is not valid JSON`, {
      details: 'The stored data is corrupt. It was left untouched; restore it from a backup or reset this part of the extension.',
      cause,
      code: 'storage.corrupt',
    });
  }
}
