import '../../lib/polyfills';
import Transport from '@ledgerhq/hw-transport';
import { DisconnectedDevice } from '@ledgerhq/hw-transport/errors';
import { concat, getAddress, hashMessage, keccak256, parseTransaction, toHex, type Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount, sign } from 'viem/accounts';
import { formatDerivationPath } from '../../lib/hardware/derivation';
import { Eip712Stream } from './ledger-double-eip712';

/**
 * A software Ledger running the Ethereum app, for tests (no real device reaches CI). It answers the app's APDUs
 * from a BIP-39 mnemonic with the same bytes a device gives (the app signs with RFC 6979 nonces, as viem does, so
 * the signatures are the same bytes: tests/unit/ledger-double.test.ts replays hw-app-eth's own recorded exchanges).
 *
 * - 0x06 GET APP CONFIGURATION → flags (bit 0: blind signing on) ‖ version;
 * - 0x02 GET ETH PUBLIC ADDRESS: path [‖ 8-byte chain id] → 65 ‖ public key ‖ 40 ‖ ASCII EIP-55 address [‖ chain code];
 * - 0x04 SIGN ETH TRANSACTION, chunked (P1 0x00 first, with the path; 0x80 after): 0x9000 until the RLP list (after
 *   a type byte for typed transactions) is all here, then the signature over keccak256 of the bytes received;
 * - 0x08 SIGN PERSONAL MESSAGE, chunked: path ‖ uint32 length ‖ bytes, then the EIP-191 signature;
 * - 0x0C SIGN EIP-712 hashed (P2 0x00): path ‖ domain hash ‖ message hash;
 * - 0x1A / 0x1C / 0x1E then 0x0C P2 0x01: EIP-712 "full" signing, types and values streamed (ledger-double-eip712.ts);
 * - BOLOS 0xB0 0x01 GET APP AND VERSION ("Ethereum", the app version), read by hw-app-eth before EIP-712.
 *
 * Byte-identical except where old app versions were wrong (a 31-byte s written left-aligned) and for non-canonical
 * RLP, which the double refuses with 0x6A80.
 *
 * Signatures answer v ‖ r ‖ s. v is 27 + parity for messages, the parity for typed transactions, and for a legacy
 * transaction (uint32 of the chain id's first 4 bytes) × 2 + 35 + parity truncated to one byte, which hw-app-eth
 * widens back (getV).
 *
 * Switches (`mode`): 'reject' (0x6985 at the confirmation), 'locked' (0x5515 to everything), 'app-closed' (the
 * dashboard's `appClosedStatus` to everything), 'unplugged' (exchange throws DisconnectedDevice), 'unresponsive'
 * (exchange never answers), and `blindSigning = false` (0x6A80 for a transaction with contract data).
 * `unplugAfter = n` pulls the cable after n more answered exchanges (mid-way through a chunked transaction);
 * `useSeed(mnemonic)` puts another device in its place.
 */
export type LedgerDoubleMode = 'ok' | 'reject' | 'locked' | 'app-closed' | 'unplugged' | 'unresponsive';

export const SW = {
  OK: 0x9000,
  REJECTED: 0x6985,
  LOCKED: 0x5515,
  INCORRECT_DATA: 0x6a80,
  INCORRECT_P1_P2: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
  CLA_NOT_SUPPORTED: 0x6e00,
  DASHBOARD_NO_APP: 0x6511,
} as const;

/** A status-word error inside the double: becomes the 2-byte answer. */
class StatusWord extends Error {
  constructor(readonly sw: number) {
    super(`status 0x${sw.toString(16)}`);
  }
}

type Pending = { kind: 'tx' | 'message'; path: number[]; data: Buffer; expected?: number };

export type LedgerDoubleOptions = {
  mnemonic: string;
  /** The Ethereum app version GET APP CONFIGURATION answers. */
  appVersion?: readonly [number, number, number];
  blindSigning?: boolean;
};

export class LedgerDouble extends Transport {
  mode: LedgerDoubleMode = 'ok';
  appClosedStatus: number = SW.CLA_NOT_SUPPORTED;
  blindSigning: boolean;
  unplugAfter: number | undefined;
  /** false: an app without the EIP-712 struct APDUs (Nano S), answering them 0x6D00; it still signs hashes. */
  eip712Full = true;
  /** Every exchange, hex in and out (a thrown exchange is logged with response `unplugged` / `unresponsive`). */
  readonly log: { apdu: string; response: string }[] = [];
  closed = 0;

  private mnemonic: string;
  private readonly appVersion: readonly [number, number, number];
  private pending: Pending | null = null;
  private eip712 = new Eip712Stream();
  /** Tokens described so far for the next signature (the app numbers them 0, 1, …). */
  private tokenSlot = 0;
  private readonly keys = new Map<string, { privateKey: Hex; publicKey: Hex; chainCode: Hex; address: string }>();

  constructor({ mnemonic, appVersion = [1, 13, 0], blindSigning = true }: LedgerDoubleOptions) {
    super();
    this.mnemonic = mnemonic;
    this.appVersion = appVersion;
    this.blindSigning = blindSigning;
  }

  /** The address the double's seed has at a path (`44'/60'/0'/0/0`), for a test's expectations. */
  addressAt(path: string): `0x${string}` {
    return mnemonicToAccount(this.mnemonic, { path: `m/${path}` as `m/44'/60'/${string}` }).address;
  }

  /** Another device in its place (a different seed or passphrase): the "wrong device" of a browser test. */
  useSeed(mnemonic: string): void {
    this.mnemonic = mnemonic;
    this.keys.clear();
  }

  override async close(): Promise<void> {
    this.closed++;
  }

  override async exchange(apdu: Buffer): Promise<Buffer> {
    const hex = apdu.toString('hex');
    if (this.unplugAfter !== undefined) {
      if (this.unplugAfter <= 0) this.mode = 'unplugged';
      this.unplugAfter--;
    }
    if (this.mode === 'unplugged') {
      this.log.push({ apdu: hex, response: 'unplugged' });
      this.pending = null;
      const error = new DisconnectedDevice();
      this.emit('disconnect', error);
      throw error;
    }
    if (this.mode === 'unresponsive') {
      this.log.push({ apdu: hex, response: 'unresponsive' });
      return new Promise<Buffer>(() => undefined);
    }
    let body: Buffer;
    let sw: number = SW.OK;
    try {
      body = await this.answer(apdu);
    } catch (error) {
      if (!(error instanceof StatusWord)) throw error;
      body = Buffer.alloc(0);
      sw = error.sw;
      this.pending = null;
      this.eip712 = new Eip712Stream();
    }
    const response = Buffer.concat([body, Buffer.from([sw >> 8, sw & 0xff])]);
    this.log.push({ apdu: hex, response: response.toString('hex') });
    return response;
  }

  private async answer(apdu: Buffer): Promise<Buffer> {
    if (this.mode === 'locked') throw new StatusWord(SW.LOCKED);
    if (this.mode === 'app-closed') throw new StatusWord(this.appClosedStatus);
    if (apdu.length < 5) throw new StatusWord(SW.INCORRECT_DATA);
    const [cla, ins, p1, p2, lc] = apdu as unknown as [number, number, number, number, number];
    const data = apdu.subarray(5);
    if (data.length !== lc) throw new StatusWord(SW.INCORRECT_DATA);
    // BOLOS' GET APP AND VERSION (hw-app-eth reads the version before EIP-712): format 1 ‖ name ‖ version ‖ flags.
    if (cla === 0xb0 && ins === 0x01) {
      const name = Buffer.from('Ethereum', 'ascii');
      const version = Buffer.from(this.appVersion.join('.'), 'ascii');
      return Buffer.from([1, name.length, ...name, version.length, ...version, 1, 0]);
    }
    if (cla !== 0xe0) throw new StatusWord(SW.CLA_NOT_SUPPORTED);
    switch (ins) {
      case 0x06:
        return Buffer.from([this.blindSigning ? 0x01 : 0x00, ...this.appVersion]);
      case 0x02:
        return this.getAddress(data, p1, p2);
      case 0x04:
        return this.signTransactionChunk(data, p1, p2);
      case 0x08:
        return this.signMessageChunk(data, p1, p2);
      case 0x0c:
        return p2 === 0x01 ? this.signStreamedTypedData(data, p1) : this.signHashedTypedData(data, p1, p2);
      case 0x1a:
      case 0x1c:
      case 0x1e:
        if (!this.eip712Full) throw new StatusWord(SW.INS_NOT_SUPPORTED);
        return this.eip712Apdu(ins, p1, p2, data);
      case 0x0a:
        return Buffer.from([this.tokenSlot++ & 0xff]); // PROVIDE ERC-20 TOKEN INFORMATION: its slot, display only
      default:
        throw new StatusWord(SW.INS_NOT_SUPPORTED);
    }
  }

  /** Reads `n ‖ n × uint32` at the start of a payload. */
  private readPath(data: Buffer): { path: number[]; rest: Buffer } {
    const n = data[0];
    if (n === undefined || n < 1 || n > 10 || data.length < 1 + 4 * n) throw new StatusWord(SW.INCORRECT_DATA);
    const path = Array.from({ length: n }, (_, i) => data.readUInt32BE(1 + 4 * i));
    return { path, rest: data.subarray(1 + 4 * n) };
  }

  private key(path: number[]) {
    const written = formatDerivationPath(path);
    let key = this.keys.get(written);
    if (!key) {
      const hd = mnemonicToAccount(this.mnemonic, { path: `m/${written}` as `m/44'/60'/${string}` }).getHdKey();
      const privateKey = toHex(hd.privateKey!);
      const account = privateKeyToAccount(privateKey);
      key = { privateKey, publicKey: account.publicKey, chainCode: toHex(hd.chainCode!), address: account.address };
      this.keys.set(written, key);
    }
    return key;
  }

  private async signHash(path: number[], hash: Hex): Promise<{ r: Buffer; s: Buffer; parity: number }> {
    const { r, s, yParity } = await sign({ hash, privateKey: this.key(path).privateKey });
    return {
      r: Buffer.from(r.slice(2).padStart(64, '0'), 'hex'),
      s: Buffer.from(s.slice(2).padStart(64, '0'), 'hex'),
      parity: yParity ?? 0,
    };
  }

  private confirm(): void {
    if (this.mode === 'reject') throw new StatusWord(SW.REJECTED);
  }

  private getAddress(data: Buffer, p1: number, p2: number): Buffer {
    if (p1 > 1 || p2 > 1) throw new StatusWord(SW.INCORRECT_P1_P2);
    const { path, rest } = this.readPath(data);
    if (rest.length !== 0 && rest.length !== 8) throw new StatusWord(SW.INCORRECT_DATA);
    if (p1 === 1) this.confirm(); // shown on the device for the person to check
    const key = this.key(path);
    const publicKey = Buffer.from(key.publicKey.slice(2), 'hex');
    const ascii = Buffer.from(getAddress(key.address).slice(2), 'ascii');
    const parts = [Buffer.from([publicKey.length]), publicKey, Buffer.from([ascii.length]), ascii];
    if (p2 === 1) parts.push(Buffer.from(key.chainCode.slice(2), 'hex'));
    return Buffer.concat(parts);
  }

  private async signTransactionChunk(data: Buffer, p1: number, p2: number): Promise<Buffer> {
    if (p2 !== 0 || (p1 !== 0x00 && p1 !== 0x80)) throw new StatusWord(SW.INCORRECT_P1_P2);
    if (p1 === 0x00) {
      const { path, rest } = this.readPath(data);
      this.pending = { kind: 'tx', path, data: Buffer.from(rest) };
    } else {
      if (this.pending?.kind !== 'tx') throw new StatusWord(SW.INCORRECT_DATA);
      this.pending.data = Buffer.concat([this.pending.data, data]);
    }
    const raw = this.pending.data;
    const total = rlpTotalLength(raw);
    if (total === undefined || raw.length < total) return Buffer.alloc(0); // more chunks to come
    if (raw.length > total) throw new StatusWord(SW.INCORRECT_DATA);
    return this.finishTransaction(this.pending.path, raw);
  }

  private async finishTransaction(path: number[], raw: Buffer): Promise<Buffer> {
    this.pending = null;
    this.tokenSlot = 0;
    const rawHex = toHex(raw);
    let tx: ReturnType<typeof parseTransaction>;
    try {
      tx = parseTransaction(rawHex);
    } catch {
      throw new StatusWord(SW.INCORRECT_DATA);
    }
    if (tx.data && tx.data !== '0x' && !this.blindSigning) throw new StatusWord(SW.INCORRECT_DATA);
    this.confirm();
    // The app signs the bytes it was given (EIP-155's [.., chainId, 0, 0] included), as the signature's preimage.
    const { r, s, parity } = await this.signHash(path, keccak256(rawHex));
    const v = tx.type === 'legacy' ? (chainIdUint32(tx.chainId) * 2 + 35 + parity) & 0xff : parity;
    return Buffer.concat([Buffer.from([v]), r, s]);
  }

  private async signMessageChunk(data: Buffer, p1: number, p2: number): Promise<Buffer> {
    if (p2 !== 0 || (p1 !== 0x00 && p1 !== 0x80)) throw new StatusWord(SW.INCORRECT_P1_P2);
    if (p1 === 0x00) {
      const { path, rest } = this.readPath(data);
      if (rest.length < 4) throw new StatusWord(SW.INCORRECT_DATA);
      this.pending = { kind: 'message', path, expected: rest.readUInt32BE(0), data: Buffer.from(rest.subarray(4)) };
    } else {
      if (this.pending?.kind !== 'message') throw new StatusWord(SW.INCORRECT_DATA);
      this.pending.data = Buffer.concat([this.pending.data, data]);
    }
    const { path, data: message, expected = 0 } = this.pending;
    if (message.length < expected) return Buffer.alloc(0);
    if (message.length > expected) throw new StatusWord(SW.INCORRECT_DATA);
    this.pending = null;
    this.confirm();
    return this.vrs(await this.signHash(path, hashMessage({ raw: toHex(message) })));
  }

  private async signHashedTypedData(data: Buffer, p1: number, p2: number): Promise<Buffer> {
    if (p1 !== 0 || p2 !== 0) throw new StatusWord(SW.INCORRECT_P1_P2);
    const { path, rest } = this.readPath(data);
    if (rest.length !== 64) throw new StatusWord(SW.INCORRECT_DATA);
    this.confirm();
    const digest = keccak256(concat(['0x1901', toHex(rest.subarray(0, 32)), toHex(rest.subarray(32))]));
    return this.vrs(await this.signHash(path, digest));
  }

  private eip712Apdu(ins: number, p1: number, p2: number, data: Buffer): Buffer {
    try {
      if (ins === 0x1a) this.eip712.define(p2, data);
      else if (ins === 0x1c) this.eip712.implement(p1, p2, data);
      // 0x1E filtering: display names for the screen, no part of what is signed.
    } catch {
      throw new StatusWord(SW.INCORRECT_DATA);
    }
    return Buffer.alloc(0);
  }

  private async signStreamedTypedData(data: Buffer, p1: number): Promise<Buffer> {
    if (p1 !== 0) throw new StatusWord(SW.INCORRECT_P1_P2);
    const { path, rest } = this.readPath(data);
    if (rest.length !== 0) throw new StatusWord(SW.INCORRECT_DATA);
    let hashes: { domainHash: Hex; messageHash: Hex };
    try {
      hashes = this.eip712.hashes();
    } catch {
      throw new StatusWord(SW.INCORRECT_DATA);
    } finally {
      this.eip712 = new Eip712Stream();
      this.tokenSlot = 0;
    }
    this.confirm();
    return this.vrs(await this.signHash(path, keccak256(concat(['0x1901', hashes.domainHash, hashes.messageHash]))));
  }

  private vrs({ r, s, parity }: { r: Buffer; s: Buffer; parity: number }): Buffer {
    return Buffer.concat([Buffer.from([27 + parity]), r, s]);
  }
}

/**
 * The length the whole transaction will have, read from its RLP list header (after the type byte of a typed
 * transaction); undefined while the header itself is not all here, -1 when it is not a list (refused).
 */
function rlpTotalLength(raw: Buffer): number | undefined {
  const start = raw.length > 0 && raw[0]! < 0x80 ? 1 : 0;
  const first = raw[start];
  if (first === undefined) return undefined;
  if (first < 0xc0) return -1; // not a list: never complete, refused below
  if (first <= 0xf7) return start + 1 + (first - 0xc0);
  const lengthBytes = first - 0xf7;
  if (raw.length < start + 1 + lengthBytes) return undefined;
  let length = 0;
  for (let i = 0; i < lengthBytes; i++) length = length * 256 + raw[start + 1 + i]!;
  return start + 1 + lengthBytes + length;
}

/**
 * The chain id as the app keeps it for a legacy v: a uint32 of the first (up to) 4 bytes of its big-endian bytes.
 * A legacy transaction without a chain id (pre-EIP-155) is signed as chain 1's v by the app (37 or 38), which
 * hw-app-eth passes through unchanged.
 */
export function chainIdUint32(chainId: number | undefined): number {
  if (!chainId) return 1;
  let hex = BigInt(chainId).toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return parseInt(hex.slice(0, 8), 16);
}
