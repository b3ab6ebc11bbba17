import { Buffer } from 'buffer';
import {
  CryptoHDKey,
  CryptoKeypath,
  DataType,
  ETHSignature,
  EthSignRequest,
  PathComponent,
  URRegistryDecoder,
} from '@keystonehq/bc-ur-registry-eth';
import { bytesToHex, hashMessage, hashTypedData, hexToBigInt, keccak256, numberToHex, toHex, type Hex } from 'viem';
import { HDKey, sign } from 'viem/accounts';

/**
 * A Keystone played by the tests with the same UR libraries the device's protocol is written in: it
 * shows a BIP-44 standard sync code (crypto-hdkey of m/44'/60'/0' with its master fingerprint) and
 * answers an eth-sign-request with an eth-signature, signing with its own keys the way the device
 * does (typed transaction: v = y-parity; legacy: EIP-155 v; messages and typed data: 27 + y-parity).
 * `signWith` makes it answer with another key (a wrong device); `answerRequestId` with a stale id.
 */
export class KeystoneDevice {
  readonly master: HDKey;
  signWith?: HDKey;
  answerRequestId?: string;
  /** The requests it was shown, decoded, for assertions. */
  readonly seen: EthSignRequest[] = [];

  constructor(seed: Uint8Array) {
    this.master = HDKey.fromMasterSeed(seed);
  }

  get xfp(): string {
    return this.master.fingerprint.toString(16).padStart(8, '0');
  }

  /** The QR texts of the sync code (animated when longer than one fragment). */
  syncParts(fragmentBytes = 60): string[] {
    const account = this.master.derive("m/44'/60'/0'");
    const key = new CryptoHDKey({
      isMaster: false,
      key: Buffer.from(account.publicKey!),
      chainCode: Buffer.from(account.chainCode!),
      origin: new CryptoKeypath(
        [44, 60, 0].map((index) => new PathComponent({ index, hardened: true })),
        Buffer.from(this.xfp, 'hex'),
        3,
      ),
      children: new CryptoKeypath([new PathComponent({ index: 0, hardened: false }), new PathComponent({ hardened: false })]),
      name: 'Keystone double',
    });
    return partsOf(key.toUREncoder(fragmentBytes));
  }

  /** Reads the request's QR texts like the device's camera, signs, and returns the answer's QR texts. */
  async answer(requestParts: readonly string[], fragmentBytes = 60): Promise<string[]> {
    const decoder = new URRegistryDecoder();
    for (const part of requestParts) {
      decoder.receivePart(part);
      if (decoder.isComplete()) break;
    }
    if (!decoder.isComplete()) throw new Error('Keystone double: the request QR code is incomplete');
    const request = EthSignRequest.fromCBOR(decoder.resultUR().cbor);
    this.seen.push(request);
    const fingerprint = request.getSourceFingerprint()?.toString('hex');
    if (fingerprint !== this.xfp) throw new Error(`Keystone double: request for device ${fingerprint}, this is ${this.xfp}`);
    const key = (this.signWith ?? this.master).derive(`m/${request.getDerivationPath()}`);
    const privateKey = toHex(key.privateKey!);
    const data = bytesToHex(new Uint8Array(request.getSignData()));
    const chainId = request.getChainId();
    let hash: Hex;
    let vOf: (yParity: number) => bigint;
    switch (request.getDataType()) {
      case DataType.typedTransaction:
        hash = keccak256(data);
        vOf = (y) => BigInt(y);
        break;
      case DataType.transaction:
        hash = keccak256(data);
        vOf = (y) => BigInt(chainId ?? 0) * 2n + 35n + BigInt(y);
        break;
      case DataType.personalMessage:
        hash = hashMessage({ raw: data });
        vOf = (y) => 27n + BigInt(y);
        break;
      case DataType.typedData:
        hash = hashTypedData(JSON.parse(new TextDecoder().decode(request.getSignData())) as never);
        vOf = (y) => 27n + BigInt(y);
        break;
      default:
        throw new Error(`Keystone double: data type ${String(request.getDataType())}`);
    }
    const s = await this.sign(hash, privateKey);
    const vHex = numberToHex(vOf(s.yParity)).slice(2);
    const bytes = `${s.r.slice(2)}${s.s.slice(2)}${vHex.length % 2 ? '0' : ''}${vHex}`;
    const id = this.answerRequestId ? Buffer.from(this.answerRequestId.replaceAll('-', ''), 'hex') : request.getRequestId();
    return partsOf(new ETHSignature(Buffer.from(bytes, 'hex'), id, 'Keystone double').toUREncoder(fragmentBytes));
  }

  private async sign(hash: Hex, privateKey: Hex) {
    const s = await sign({ hash, privateKey });
    return { r: numberToHex(hexToBigInt(s.r), { size: 32 }), s: numberToHex(hexToBigInt(s.s), { size: 32 }), yParity: s.yParity ?? 0 };
  }
}

/** Every distinct fragment once (enough for a decoder that sees each frame). */
function partsOf(encoder: { fragmentsLength: number; nextPart(): string }): string[] {
  return Array.from({ length: encoder.fragmentsLength }, () => encoder.nextPart());
}
