/** JSON-safe deep copy: bigints become decimal strings (DevnetInfo and scenario output). */
export function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
}
