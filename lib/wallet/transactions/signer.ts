import type { Address, Hex, TransactionSerializable } from 'viem';
import type { WalletService } from '../wallet-service';
import { signTransactionWithKey } from '../signing';

/**
 * What signs a prepared transaction for one account. The software signer below reads the key from the
 * unlocked session for each signature and forgets it; a hardware signer (Ledger, Keystone) implements the
 * same interface by asking its device, so the transaction path does not change with the kind of key.
 */
export interface TransactionSigner {
  readonly address: Address;
  readonly kind: 'software' | 'hardware';
  signTransaction(tx: TransactionSerializable): Promise<Hex>;
}

export function softwareSigner(wallet: Pick<WalletService, 'privateKey'>, address: Address): TransactionSigner {
  return {
    address,
    kind: 'software',
    async signTransaction(tx) {
      return signTransactionWithKey(await wallet.privateKey(address), tx);
    },
  };
}

/** The signer for an account of this wallet; a watch-only or unknown account fails when it is asked to sign. */
export type SignerFor = (address: Address) => TransactionSigner;

export const walletSigners =
  (wallet: Pick<WalletService, 'privateKey'>): SignerFor =>
  (address) =>
    softwareSigner(wallet, address);
