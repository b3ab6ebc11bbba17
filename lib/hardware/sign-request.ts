import { parseTransaction, type Hex, type TransactionSerializable, type TypedDataDefinition } from 'viem';
import type { DeviceRequest } from './device-request';
import type { LedgerTransportFactory } from './ledger-device';
import { ledgerSigner } from './ledger-signer';

/**
 * What the device page does with one request from the background: asks the Ledger for exactly the request's bytes and
 * returns what the background checks (a signed transaction, or the message signature). Errors leave as hardware.*
 * AppErrors; the page shows them and reports the ones that end the request.
 */
export async function signOnLedger(request: DeviceRequest, transport: LedgerTransportFactory): Promise<Hex> {
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
