import { parseTransaction, type Hex, type TransactionSerializable, type TypedDataDefinition } from 'viem';
import type { DeviceRequest } from './device-request';
import { assertLedgerHolds, type LedgerTransportFactory } from './ledger-device';
import { ledgerSigner } from './ledger-signer';
import { keystoneSigner, type KeystoneExchange } from './keystone/signer';
import { AppError } from '../errors';

/**
 * What the device page does with one request from the background: asks the Ledger for exactly the request's bytes and
 * returns what the background checks (a signed transaction, or the message signature). The device's address at the
 * account's path is read first, so another Ledger is named before anyone confirms on it. Errors leave as hardware.*
 * AppErrors; the page shows them and reports the ones that end the request.
 */
export async function signOnLedger(request: DeviceRequest, transport: LedgerTransportFactory): Promise<Hex> {
  await assertLedgerHolds(transport, { path: request.path, address: request.account });
  const signer = ledgerSigner({ address: request.account, path: request.path, transport });
  const task = request.task;
  switch (task.kind) {
    case 'transaction':
      return signer.signTransaction(parseTransaction(task.unsigned) as TransactionSerializable);
    case 'personal':
      return signer.signPersonalMessage(task.message);
    case 'typed':
      return (await signer.signTypedData(JSON.parse(task.typedData) as TypedDataDefinition)).signature;
  }
}

/**
 * The same for a Keystone: `exchange` shows the sign request as QR frames and returns the texts scanned back; the
 * signer checks they answer this request and recover to the account. Stored paths have no `m/`; the device wants it.
 */
export async function signOnKeystone(request: DeviceRequest, exchange: KeystoneExchange): Promise<Hex> {
  if (!request.xfp)
    throw new AppError('This Keystone account has no device fingerprint', {
      code: 'keystone.sync.unreadable',
      details: 'Remove it and sync the Keystone again.',
    });
  const signer = keystoneSigner({ xfp: request.xfp }, { index: 0, path: `m/${request.path}`, address: request.account }, exchange);
  const task = request.task;
  switch (task.kind) {
    case 'transaction':
      return signer.signTransaction(parseTransaction(task.unsigned) as TransactionSerializable);
    case 'personal':
      return signer.signMessage({ raw: task.message });
    case 'typed':
      return signer.signTypedData(JSON.parse(task.typedData) as TypedDataDefinition);
  }
}
