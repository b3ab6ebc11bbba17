import type { RiskFlag } from '../flag';

/**
 * EIP-712 typed data in one canonical form. eth-sig-util signs what it is given as best it can: a decimal
 * string under `address` becomes 20 bytes nobody reads the same way, "false" under `bool` signs true, a
 * field missing from the message is skipped (V3) or zero (V4 structs). What the user reads and what is
 * signed then differ, so anything not in the one form every reader agrees on is refused, naming the field.
 */

export type TypedDataShape = {
  types: Record<string, readonly { name: string; type: string }[]>;
  primaryType: string;
  domain: Record<string, unknown>;
  message: Record<string, unknown>;
};

export type TypedDataIssue = {
  /** Where the bad value (or type) is: "message.to[0].wallets[1]", "domain.chainId", "types.Mail.from". */
  path: string;
  /** What is expected and what was found. */
  problem: string;
};

export type FindTypedDataIssueParameters = {
  /** eth_signTypedData_v3 has no arrays (eth-sig-util refuses them only after the user said yes). */
  version: 'V3' | 'V4';
};

/** Deep enough for Seaport bulk orders (a tree of height 24 under one struct), shallow enough to stop a runaway. */
const MAX_DEPTH = 64;

type Atomic =
  | { kind: 'address' | 'bool' | 'string' | 'bytes' }
  | { kind: 'fixedBytes'; size: number }
  | { kind: 'integer'; signed: boolean; bits: number };

/** EIP-712 atomic types: bytes1..bytes32, uint8..uint256, int8..int256 (multiples of 8), bool, address; plus bytes and string. */
export function atomicType(name: string): Atomic | undefined {
  if (name === 'address' || name === 'bool' || name === 'string' || name === 'bytes') return { kind: name };
  const fixed = /^bytes([1-9][0-9]?)$/.exec(name);
  if (fixed) {
    const size = Number(fixed[1]);
    return size <= 32 ? { kind: 'fixedBytes', size } : undefined;
  }
  const integer = /^(u?)int([1-9][0-9]{0,2})$/.exec(name);
  if (integer) {
    const bits = Number(integer[2]);
    return bits % 8 === 0 && bits <= 256 ? { kind: 'integer', signed: integer[1] === '', bits } : undefined;
  }
  return undefined;
}

/** "Person[3]" → element "Person", length 3; "Person[]" → length undefined; not an array → undefined. */
function arrayType(name: string): { element: string; length?: number } | undefined {
  const match = /^(.+)\[([1-9][0-9]*)?\]$/.exec(name);
  if (!match) return undefined;
  return { element: match[1]!, ...(match[2] ? { length: Number(match[2]) } : {}) };
}

const show = (value: unknown): string => {
  if (typeof value === 'string') return JSON.stringify(value.length > 48 ? `${value.slice(0, 48)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a${typeof value === 'object' ? 'n object' : ` ${typeof value}`}`;
};

const DECIMAL = /^-?(0|[1-9][0-9]*)$/;
const HEX_QUANTITY = /^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/;

function integerProblem(value: unknown, signed: boolean, bits: number): string | undefined {
  const name = `${signed ? '' : 'u'}int${bits}`;
  const form = `a ${name}: a safe integer number, a decimal string without leading zeros or a 0x hex string without leading zeros`;
  let n: bigint;
  if (typeof value === 'number' && Number.isSafeInteger(value)) n = BigInt(value);
  else if (typeof value === 'string' && DECIMAL.test(value) && value !== '-0') n = BigInt(value);
  else if (typeof value === 'string' && HEX_QUANTITY.test(value)) n = BigInt(value);
  else return `expected ${form}, got ${show(value)}`;
  const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
  if (n < min || n > max) return `${show(value)} is out of range for ${name} (${min} to ${max})`;
  return undefined;
}

function atomicProblem(atomic: Atomic, value: unknown): string | undefined {
  switch (atomic.kind) {
    case 'address':
      return typeof value === 'string' && /^0x[0-9a-fA-F]{40}$/.test(value)
        ? undefined
        : `expected an address (0x and 40 hex digits), got ${show(value)}`;
    case 'bool':
      return typeof value === 'boolean' ? undefined : `expected true or false, got ${show(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected a string, got ${show(value)}`;
    case 'bytes':
      return typeof value === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(value)
        ? undefined
        : `expected bytes (0x and an even number of hex digits), got ${show(value)}`;
    case 'fixedBytes':
      return typeof value === 'string' && new RegExp(`^0x[0-9a-fA-F]{${atomic.size * 2}}$`).test(value)
        ? undefined
        : `expected bytes${atomic.size} (0x and exactly ${atomic.size * 2} hex digits), got ${show(value)}`;
    case 'integer':
      return integerProblem(value, atomic.signed, atomic.bits);
  }
}

/** Every struct reachable from `roots` declares fields whose types resolve (a struct, an atomic type, or arrays of them). */
function typeGraphIssue(types: TypedDataShape['types'], roots: readonly string[], version: 'V3' | 'V4'): TypedDataIssue | undefined {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length) {
    const struct = queue.shift()!;
    if (seen.has(struct)) continue;
    seen.add(struct);
    if (atomicType(struct)) return { path: `types.${struct}`, problem: `a struct cannot be named like the atomic type ${struct}` };
    const fields: unknown = types[struct];
    if (!Array.isArray(fields)) return { path: `types.${struct}`, problem: 'expected a list of { name, type } fields' };
    for (const field of fields as TypedDataShape['types'][string]) {
      const path = `types.${struct}.${field?.name}`;
      if (typeof field?.name !== 'string' || typeof field.type !== 'string') return { path, problem: 'expected { name, type } strings' };
      let name = field.type;
      for (let array = arrayType(name); array; array = arrayType(name)) {
        if (version === 'V3') return { path, problem: `arrays (${field.type}) need eth_signTypedData_v4` };
        name = array.element;
      }
      if (Object.hasOwn(types, name)) queue.push(name);
      else if (!atomicType(name))
        return { path, problem: `unknown type "${field.type}": not declared in types and not an EIP-712 atomic type` };
    }
  }
  return undefined;
}

function valueIssue(types: TypedDataShape['types'], type: string, value: unknown, path: string, depth: number): TypedDataIssue | undefined {
  if (depth > MAX_DEPTH) return { path, problem: `nested deeper than ${MAX_DEPTH} levels` };
  if (value === undefined || value === null)
    return { path, problem: `missing (a ${type} is required; a missing field would be signed as empty or zero)` };
  const array = arrayType(type);
  if (array) {
    if (!Array.isArray(value)) return { path, problem: `expected an array (${type}), got ${show(value)}` };
    if (array.length !== undefined && value.length !== array.length)
      return { path, problem: `expected exactly ${array.length} entries (${type}), got ${value.length}` };
    for (let i = 0; i < value.length; i++) {
      const issue = valueIssue(types, array.element, value[i], `${path}[${i}]`, depth + 1);
      if (issue) return issue;
    }
    return undefined;
  }
  if (Object.hasOwn(types, type)) {
    if (typeof value !== 'object' || Array.isArray(value)) return { path, problem: `expected a ${type} object, got ${show(value)}` };
    const record = value as Record<string, unknown>;
    for (const field of types[type]!) {
      const issue = valueIssue(
        types,
        field.type,
        Object.hasOwn(record, field.name) ? record[field.name] : undefined,
        `${path}.${field.name}`,
        depth + 1,
      );
      if (issue) return issue;
    }
    return undefined;
  }
  const atomic = atomicType(type);
  if (!atomic) return { path, problem: `unknown type "${type}"` };
  const problem = atomicProblem(atomic, value);
  return problem ? { path, problem } : undefined;
}

/**
 * The first value of `message` (by `types[primaryType]`) or `domain` (by `types.EIP712Domain`) that is not in
 * canonical form, or undefined when all are. Without an EIP712Domain type the domain is not walked: eth-sig-util
 * then signs an empty domain and other wallets derive the type from the domain's keys.
 */
export function findTypedDataIssue(typed: TypedDataShape, { version }: FindTypedDataIssueParameters): TypedDataIssue | undefined {
  const { types } = typed;
  if (typeof types !== 'object' || types === null) return { path: 'types', problem: 'expected an object of struct types' };
  if (!Object.hasOwn(types, typed.primaryType)) return { path: 'primaryType', problem: `"${typed.primaryType}" is not declared in types` };
  const hasDomainType = Object.hasOwn(types, 'EIP712Domain');
  const graph = typeGraphIssue(types, hasDomainType ? ['EIP712Domain', typed.primaryType] : [typed.primaryType], version);
  if (graph) return graph;
  if (hasDomainType) {
    const domain = valueIssue(types, 'EIP712Domain', typed.domain, 'domain', 0);
    if (domain) return domain;
  }
  return valueIssue(types, typed.primaryType, typed.message, 'message', 0);
}

/** Typed data another wallet would be asked to sign (guard mode) that is not canonical → danger, naming the field. */
export function typedDataIssueFlags(issue: TypedDataIssue | undefined): RiskFlag[] {
  if (!issue) return [];
  return [
    {
      id: 'typed-data.not-canonical',
      severity: 'danger',
      title: `Typed data field ${issue.path} is not what it claims to be`,
      numbers: { field: issue.path, problem: issue.problem },
      why: 'Wallets encode a malformed value in ways that differ from how it reads (a number as an address, "false" as true, a missing field as zero), so what you see is not what you sign. Ballast refuses to sign such data; reject it.',
    },
  ];
}
