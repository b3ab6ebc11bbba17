import type { Address, Hex, TransactionSerializable } from 'viem';

/**
 * What a device signer offers for transactions: the same shape as lib/wallet's TransactionSigner (the one transaction
 * path takes either), declared here because this folder sits below lib/wallet and runs in extension pages too.
 */
export interface DeviceTransactionSigner {
  readonly address: Address;
  readonly kind: 'hardware';
  signTransaction(tx: TransactionSerializable): Promise<Hex>;
}
