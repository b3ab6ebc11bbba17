import { bytesToBigInt, getAddress, hashDomain, hashStruct, toHex, type Hex } from 'viem';

/**
 * The Ethereum app's full EIP-712 signing for the device double: the host streams the types (INS 0x1A struct
 * definitions), then the domain and the message field by field (INS 0x1C struct implementations; array sizes before
 * their elements, values as 2-byte length ‖ bytes, cut into P1 0x01 "partial" APDUs), optionally filters (INS 0x1E:
 * display names for fields, taken and ignored here), and signs with INS 0x0C P2 0x01. The double rebuilds the typed
 * data from that stream and hashes it with viem: the signature commits to what was streamed, as on a device.
 */
type Field = { name: string; type: string };
type Event = { kind: 'root'; name: string } | { kind: 'array'; size: number } | { kind: 'value'; bytes: Buffer };

const TYPE_NAMES = ['custom', 'int', 'uint', 'address', 'bool', 'string', 'bytes', 'bytes'] as const;

export class Eip712Stream {
  private readonly types: Record<string, Field[]> = {};
  private current: string | undefined;
  private readonly events: Event[] = [];
  private partial: Buffer | undefined;

  /** INS 0x1A. P2 0x00: a struct's name; P2 0xFF: one field of it. Throws on a malformed definition. */
  define(p2: number, data: Buffer): void {
    if (p2 === 0x00) {
      this.current = data.toString('utf8');
      this.types[this.current] = [];
      return;
    }
    if (p2 !== 0xff || !this.current) throw new Error('field before struct name');
    let at = 0;
    const byte = () => {
      const b = data[at++];
      if (b === undefined) throw new Error('truncated field definition');
      return b;
    };
    const desc = byte();
    const isArray = Boolean(desc & 0x80);
    const hasSize = Boolean(desc & 0x40);
    const key = desc & 0x0f;
    let base: string;
    if (key === 0) {
      const n = byte();
      base = data.subarray(at, at + n).toString('utf8');
      at += n;
    } else {
      const name = TYPE_NAMES[key];
      if (!name) throw new Error(`unknown type key ${key}`);
      const size = hasSize ? byte() : undefined;
      base = key === 1 || key === 2 ? `${name}${(size ?? 32) * 8}` : key === 6 ? `bytes${size}` : name;
    }
    let suffix = '';
    if (isArray) {
      const levels = byte();
      for (let i = 0; i < levels; i++) suffix += byte() === 1 ? `[${byte()}]` : '[]';
    }
    const n = byte();
    const name = data.subarray(at, at + n).toString('utf8');
    if (at + n !== data.length) throw new Error('trailing bytes in field definition');
    this.types[this.current]!.push({ name, type: base + suffix });
  }

  /** INS 0x1C. P2 0x00: a root struct; 0x0F: an array's size; 0xFF: a value (P1 0x01 while more of it follows). */
  implement(p1: number, p2: number, data: Buffer): void {
    if (p2 === 0x00) this.events.push({ kind: 'root', name: data.toString('utf8') });
    else if (p2 === 0x0f) this.events.push({ kind: 'array', size: data[0] ?? 0 });
    else if (p2 === 0xff) {
      this.partial = this.partial ? Buffer.concat([this.partial, data]) : Buffer.from(data);
      if (p1 === 0x01) return;
      const length = this.partial.readUInt16BE(0);
      const bytes = this.partial.subarray(2);
      this.partial = undefined;
      if (bytes.length !== length) throw new Error('value length mismatch');
      this.events.push({ kind: 'value', bytes });
    } else throw new Error('bad P2');
  }

  /** The domain and message hashes of what was streamed (the app's "full" EIP-712 signature preimage). */
  hashes(): { domainHash: Hex; messageHash: Hex } {
    const queue = [...this.events];
    const next = () => {
      const e = queue.shift();
      if (!e) throw new Error('stream ended early');
      return e;
    };
    const decode = (type: string): unknown => {
      const array = /^(.*)\[(\d*)\]$/.exec(type);
      if (array) {
        const e = next();
        if (e.kind !== 'array') throw new Error(`expected an array size for ${type}`);
        return Array.from({ length: e.size }, () => decode(array[1]!));
      }
      const fields = this.types[type];
      if (fields) return Object.fromEntries(fields.map((f) => [f.name, decode(f.type)]));
      const e = next();
      if (e.kind !== 'value') throw new Error(`expected a value for ${type}`);
      return leaf(type, e.bytes);
    };
    const root = (expected?: string) => {
      const e = next();
      if (e.kind !== 'root' || (expected && e.name !== expected)) throw new Error('expected a root struct');
      return { name: e.name, value: decode(e.name) as Record<string, unknown> };
    };
    const domain = root('EIP712Domain');
    const message = root();
    if (queue.length) throw new Error('values left over');
    const types = this.types as never;
    return {
      domainHash: hashDomain({ domain: domain.value, types } as never),
      messageHash: hashStruct({ data: message.value, primaryType: message.name, types } as never),
    };
  }
}

function leaf(type: string, bytes: Buffer): unknown {
  if (type === 'address') return getAddress(toHex(bytes, { size: 20 }));
  if (type === 'bool') return bytes.some((b) => b !== 0);
  if (type === 'string') return bytes.toString('utf8');
  if (type.startsWith('bytes')) return toHex(bytes);
  const bits = Number(/int(\d+)$/.exec(type)?.[1] ?? 256);
  const unsigned = bytes.length ? bytesToBigInt(bytes) : 0n;
  if (type.startsWith('uint')) return unsigned;
  // int: the host sends two's complement over the type's width when negative.
  return unsigned >= 1n << BigInt(bits - 1) ? unsigned - (1n << BigInt(bits)) : unsigned;
}
