import { Buffer } from 'buffer';
import {
  CryptoAccount,
  CryptoHDKey,
  CryptoKeypath,
  CryptoMultiAccounts,
  CryptoOutput,
  ScriptExpressions,
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

  /** The QR texts of the sync code (animated when longer than one fragment): BIP-44 standard, one crypto-hdkey. */
  syncParts(fragmentBytes = 60): string[] {
    return partsOf(this.accountKey('account.standard').toUREncoder(fragmentBytes));
  }

  /** The Ledger legacy sync: the same account key of m/44'/60'/0', noted `account.ledger_legacy`. */
  legacySyncParts(fragmentBytes = 60): string[] {
    return partsOf(this.accountKey('account.ledger_legacy').toUREncoder(fragmentBytes));
  }

  /**
   * The multi-account export (`crypto-multi-accounts`): the standard account key, Ledger Live's ten public keys
   * m/44'/60'/x'/0/0 (no chain code: nothing below them is derived), and a Bitcoin key, as the firmware lists keys
   * of other chains beside Ethereum's.
   */
  multiAccountsParts(fragmentBytes = 200): string[] {
    const multi = new CryptoMultiAccounts(Buffer.from(this.xfp, 'hex'), this.allKeys(), 'Keystone 3 Pro');
    return partsOf(multi.toUREncoder(fragmentBytes));
  }

  /** The same keys as output descriptors (`crypto-account`), the form MetaMask's Ledger Live sync takes. */
  accountParts(fragmentBytes = 200): string[] {
    const outputs = this.allKeys().map((key) => new CryptoOutput([ScriptExpressions.PUBLIC_KEY_HASH], key));
    return partsOf(new CryptoAccount(Buffer.from(this.xfp, 'hex'), outputs).toUREncoder(fragmentBytes));
  }

  private allKeys(): CryptoHDKey[] {
    const live = Array.from({ length: 10 }, (_, i) => this.key(`m/44'/60'/${i}'/0/0`, { note: 'account.ledger_live', chainCode: false }));
    return [this.accountKey('account.standard'), ...live, this.key("m/84'/0'/0'", { note: '', chainCode: true })];
  }

  private accountKey(note: string): CryptoHDKey {
    return this.key("m/44'/60'/0'", { note, chainCode: true, children: true });
  }

  private key(path: string, { note, chainCode, children = false }: { note: string; chainCode: boolean; children?: boolean }): CryptoHDKey {
    const node = this.master.derive(path);
    const components = path
      .slice(2)
      .split('/')
      .map((level) => new PathComponent({ index: Number.parseInt(level, 10), hardened: level.endsWith("'") }));
    return new CryptoHDKey({
      isMaster: false,
      key: Buffer.from(node.publicKey!),
      ...(chainCode ? { chainCode: Buffer.from(node.chainCode!) } : {}),
      origin: new CryptoKeypath(components, Buffer.from(this.xfp, 'hex'), components.length),
      ...(children
        ? { children: new CryptoKeypath([new PathComponent({ index: 0, hardened: false }), new PathComponent({ hardened: false })]) }
        : {}),
      name: 'Keystone double',
      ...(note ? { note } : {}),
    });
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
