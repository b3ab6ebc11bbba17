import { formatAmount, formatRelative, formatUtcMinute } from '../format';
import { tokenByAddress } from '../restaking/tokens';

/** A typed-data value as a person reads it; `raw` stays one click away. */
export type ReadableValue = { text: string; tone?: 'danger' | 'warn'; raw: string };

export type TypedField = { name: string; type: string };
export type TypedTypes = Record<string, TypedField[]>;
type Token = { symbol: string; decimals: number };

export type ReadTypedContext = {
  /** The token amounts in this struct are in: a sibling `token` field, else the domain's verifyingContract (EIP-2612). */
  token?: Token;
  nowMs: number;
};

const TIME_NAME = /deadline|expir|valid(until|before|after)|sigdeadline|endtime|starttime|nonce_?deadline/i;
const AMOUNT_NAME = /amount|value|allowance|wad|^max|limit/i;
const UINT = /^uint(\d+)$/;

function toBigInt(value: unknown): bigint | undefined {
  try {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
    if (typeof value === 'string' && /^(0x[0-9a-fA-F]+|\d+)$/.test(value)) return BigInt(value);
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Token amounts with symbol and decimals, "unlimited" for the maximum of the type (or anything ≥ 2^255,
 * or Permit2's uint160 max), expiries as dates with "in 3 days" or "never". Undefined when the type says
 * nothing more than the raw value does (then the raw value is shown as it is).
 */
export function readTypedValue(field: TypedField, value: unknown, ctx: ReadTypedContext): ReadableValue | undefined {
  const bits = Number(UINT.exec(field.type)?.[1] ?? 0);
  if (!bits) return undefined;
  const v = toBigInt(value);
  if (v === undefined) return undefined;
  const raw = v.toString();
  const isMax = v === (1n << BigInt(bits)) - 1n || v >= 1n << 255n || v === (1n << 160n) - 1n || (bits === 48 && v === (1n << 48n) - 1n);
  if (TIME_NAME.test(field.name)) {
    if (isMax) return { text: 'never', tone: 'warn', raw };
    // Seconds since 1970 up to the year 5138: anything larger is not a date.
    if (v > 0n && v < 100_000_000_000n) {
      const ms = Number(v) * 1000;
      return { text: `${formatUtcMinute(ms)} (${formatRelative(ms, ctx.nowMs)})`, raw };
    }
    return undefined;
  }
  if (AMOUNT_NAME.test(field.name)) {
    if (isMax) return { text: ctx.token ? `unlimited ${ctx.token.symbol}` : 'unlimited', tone: 'danger', raw };
    if (ctx.token) return { text: formatAmount(v, ctx.token.decimals, ctx.token.symbol), raw };
  }
  return undefined;
}

/**
 * The token a struct's amounts are in: its own `token` field (Permit2 details), else the inherited one.
 * A `token` Ballast does not know means unknown decimals: no amount is formatted then, never a guess.
 */
export function tokenOfStruct(struct: Record<string, unknown>, inherited: Token | undefined): Token | undefined {
  if (typeof struct.token !== 'string') return inherited;
  const own = tokenByAddress(struct.token);
  return own ? { symbol: own.symbol, decimals: own.decimals } : undefined;
}

/** The token of a permit's domain (EIP-2612: the verifying contract is the token). */
export function tokenOfDomain(domain: Record<string, unknown>): Token | undefined {
  const t = typeof domain.verifyingContract === 'string' ? tokenByAddress(domain.verifyingContract) : undefined;
  return t ? { symbol: t.symbol, decimals: t.decimals } : undefined;
}
