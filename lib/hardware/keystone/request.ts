import { DataType, ETHSignature, EthSignRequest } from '@keystonehq/bc-ur-registry-eth';
import { Buffer } from 'buffer';
import { bytesToHex, type Address, type Hex } from 'viem';
import { AppError } from '../../errors';
import { urReader } from './ur-reader';

/**
 * One signing round trip with a Keystone: Ballast shows an `eth-sign-request` UR as an animated QR code,
 * the device shows an `eth-signature` UR back, scanned by the camera. The request id ties the two, so a
 * signature scanned from an earlier request is refused rather than attached to this one.
 */
export type KeystoneSignKind = 'transaction' | 'typed-transaction' | 'personal-message' | 'typed-data';

export type KeystoneRequest = {
  requestId: string;
  kind: KeystoneSignKind;
  /** The first `count` QR texts of the animated code (a single-part request repeats its one part). */
  parts(count: number): string[];
  /** How many distinct fragments the message has (one QR frame each before the fountain codes start). */
  fragments: number;
};

const DATA_TYPE: Record<KeystoneSignKind, DataType> = {
  transaction: DataType.transaction,
  'typed-transaction': DataType.typedTransaction,
  'personal-message': DataType.personalMessage,
  'typed-data': DataType.typedData,
};

/** Bytes per QR frame: small enough for a phone-sized screen and the device's camera at arm's length. */
export const KEYSTONE_FRAGMENT_BYTES = 200;

export function keystoneRequest(input: {
  kind: KeystoneSignKind;
  signData: Uint8Array;
  path: string;
  xfp: string;
  address: Address;
  chainId?: number;
  requestId?: string;
}): KeystoneRequest {
  const requestId = input.requestId ?? crypto.randomUUID();
  const request = EthSignRequest.constructETHRequest(
    Buffer.from(input.signData),
    DATA_TYPE[input.kind],
    input.path,
    input.xfp,
    requestId,
    input.chainId,
    input.address,
    'Ballast',
  );
  return {
    requestId,
    kind: input.kind,
    fragments: request.toUREncoder(KEYSTONE_FRAGMENT_BYTES).fragmentsLength,
    parts(count) {
      // A one-fragment message comes back as the same single-part text every time.
      const encoder = request.toUREncoder(KEYSTONE_FRAGMENT_BYTES);
      return Array.from({ length: count }, () => encoder.nextPart());
    },
  };
}

/** r ‖ s ‖ v as the device returns it; v may be 0/1, 27/28 or EIP-155 (and then longer than a byte). */
export type KeystoneSignature = { r: Hex; s: Hex; v: bigint; raw: Hex };

/** Feeds scanned QR texts for the answer to `requestId`; `result` once complete. */
export function keystoneSignatureReader(requestId: string) {
  const reader = urReader(unreadable);
  return {
    receive: reader.receive,
    progress: reader.progress,
    result(): KeystoneSignature {
      const ur = reader.complete();
      if (ur.type !== 'eth-signature') throw unreadable(`expected an eth-signature code, got ${ur.type}`);
      const signature = ETHSignature.fromCBOR(ur.cbor);
      const id = signature.getRequestId();
      const answered = id ? uuidOf(id) : undefined;
      if (answered !== requestId) {
        throw new AppError('This signature answers another request', {
          code: 'keystone.signature.stale',
          details: `the code answers request ${answered ?? '(none)'}, Ballast asked ${requestId}; scan the code the device shows for this request`,
        });
      }
      const bytes = new Uint8Array(signature.getSignature());
      if (bytes.length < 65) throw unreadable(`a signature has at least 65 bytes, got ${bytes.length}`);
      return {
        r: bytesToHex(bytes.slice(0, 32)),
        s: bytesToHex(bytes.slice(32, 64)),
        v: BigInt(bytesToHex(bytes.slice(64))),
        raw: bytesToHex(bytes),
      };
    },
  };
}

/** Reads the answer to `requestId` from its QR texts. */
export function readKeystoneSignature(requestId: string, parts: readonly string[]): KeystoneSignature {
  const reader = keystoneSignatureReader(requestId);
  for (const part of parts) if (reader.receive(part)) break;
  return reader.result();
}

function uuidOf(bytes: Uint8Array): string {
  const h = bytesToHex(bytes).slice(2);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** y-parity from the device's v: 0/1, 27/28, or chainId × 2 + 35/36 (EIP-155 legacy). */
export function yParityOf(v: bigint, chainId?: number): 0 | 1 {
  if (v === 0n || v === 1n) return Number(v) as 0 | 1;
  if (v === 27n || v === 28n) return Number(v - 27n) as 0 | 1;
  if (chainId !== undefined) {
    const p = v - 35n - 2n * BigInt(chainId);
    if (p === 0n || p === 1n) return Number(p) as 0 | 1;
  }
  throw unreadable(`the signature's v (${v}) fits neither 0/1, 27/28 nor chain ${chainId ?? '?'}`);
}

const unreadable = (details: string) =>
  new AppError('Ballast could not read the Keystone signature', { code: 'keystone.signature.unreadable', details });
