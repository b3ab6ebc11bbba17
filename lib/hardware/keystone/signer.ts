import {
  hexToBytes,
  recoverMessageAddress,
  recoverTransactionAddress,
  recoverTypedDataAddress,
  serializeTransaction,
  stringToBytes,
  type Hex,
  type SignableMessage,
  type TransactionSerializable,
  type TypedDataDefinition,
} from 'viem';
import { AppError } from '../../errors';
import { sameAddress } from '../../format';
import type { DeviceTransactionSigner } from '../device-signer';
import { keystoneRequest, readKeystoneSignature, yParityOf, type KeystoneRequest, type KeystoneSignKind } from './request';
import type { KeystoneAccount, KeystoneSync } from './sync';

/**
 * Shows `request` as an animated QR code and resolves with the QR texts scanned back from the device
 * (an extension page does both: the camera needs a document). Rejects when the user cancels.
 */
export type KeystoneExchange = (request: KeystoneRequest) => Promise<readonly string[]>;

export type KeystoneSigner = DeviceTransactionSigner & {
  signMessage(message: SignableMessage): Promise<Hex>;
  signTypedData(typedData: TypedDataDefinition): Promise<Hex>;
};

/**
 * A Keystone account as a transaction signer. Nothing the device returns is trusted: every signature is
 * recovered and must name this account, else `hardware.wrong-device` (another device, another account
 * picked on it, or a QR code that belongs to something else).
 */
export function keystoneSigner(sync: Pick<KeystoneSync, 'xfp'>, account: KeystoneAccount, exchange: KeystoneExchange): KeystoneSigner {
  async function ask(kind: KeystoneSignKind, signData: Uint8Array, chainId?: number) {
    const request = keystoneRequest({ kind, signData, path: account.path, xfp: sync.xfp, address: account.address, chainId });
    return readKeystoneSignature(request.requestId, await exchange(request));
  }
  async function expectSigner(recovered: Promise<`0x${string}`>) {
    const by = await recovered.catch(() => undefined);
    if (!by || !sameAddress(by, account.address)) {
      throw new AppError('The Keystone signed with another key', {
        code: 'hardware.wrong-device',
        details: `expected ${account.address}, the signature is from ${by ?? 'no valid key'}; check that this Keystone holds the account and that it is selected on the device`,
      });
    }
  }

  return {
    address: account.address,
    kind: 'hardware',
    async signTransaction(tx: TransactionSerializable): Promise<Hex> {
      if (tx.chainId === undefined) throw new AppError('A Keystone transaction needs its chain id', { code: 'tx.wrong-chain' });
      const legacy = tx.type === 'legacy' || (tx.type === undefined && tx.gasPrice !== undefined);
      const unsigned = serializeTransaction(tx);
      const answer = await ask(legacy ? 'transaction' : 'typed-transaction', hexToBytes(unsigned), tx.chainId);
      const yParity = yParityOf(answer.v, tx.chainId);
      const signed = legacy
        ? serializeTransaction(tx, { r: answer.r, s: answer.s, v: BigInt(tx.chainId) * 2n + 35n + BigInt(yParity) })
        : serializeTransaction(tx, { r: answer.r, s: answer.s, yParity });
      await expectSigner(recoverTransactionAddress({ serializedTransaction: signed as never }));
      return signed;
    },
    async signMessage(message: SignableMessage): Promise<Hex> {
      const bytes =
        typeof message === 'string' ? stringToBytes(message) : typeof message.raw === 'string' ? hexToBytes(message.raw) : message.raw;
      const answer = await ask('personal-message', bytes);
      const signature = `${answer.r}${answer.s.slice(2)}${(27 + yParityOf(answer.v)).toString(16)}` as Hex;
      await expectSigner(recoverMessageAddress({ message, signature }));
      return signature;
    },
    async signTypedData(typedData: TypedDataDefinition): Promise<Hex> {
      const json = JSON.stringify(typedData, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      const answer = await ask('typed-data', stringToBytes(json));
      const signature = `${answer.r}${answer.s.slice(2)}${(27 + yParityOf(answer.v)).toString(16)}` as Hex;
      await expectSigner(recoverTypedDataAddress({ ...typedData, signature } as never));
      return signature;
    },
  };
}
