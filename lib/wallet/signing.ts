import '../polyfills';
import {
  SignTypedDataVersion,
  recoverPersonalSignature,
  signTypedData,
  type MessageTypes,
  type TypedMessage,
} from '@metamask/eth-sig-util';
import { getAddress, type Address, type Hex, type TransactionSerializable } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

/**
 * Pure signing helpers: given a private key (only ever held by the background, from session storage),
 * produce signatures. Typed data goes through @metamask/eth-sig-util so v3/v4 encodings match MetaMask's.
 */

export async function signPersonalMessage(privateKey: Hex, message: Hex): Promise<Hex> {
  return privateKeyToAccount(privateKey).signMessage({ message: { raw: message } });
}

export function recoverPersonalMessage(message: Hex, signature: Hex): Address {
  return getAddress(recoverPersonalSignature({ data: message, signature }));
}

export function signTypedDataWithKey(privateKey: Hex, data: TypedMessage<MessageTypes>, version: 'V3' | 'V4'): Hex {
  const key = Buffer.from(privateKey.slice(2), 'hex');
  return signTypedData({ privateKey: key, data, version: version === 'V3' ? SignTypedDataVersion.V3 : SignTypedDataVersion.V4 }) as Hex;
}

export async function signTransactionWithKey(privateKey: Hex, tx: TransactionSerializable): Promise<Hex> {
  return privateKeyToAccount(privateKey).signTransaction(tx);
}
