import { serializeTransaction, type Address, type Hex, type TransactionSerializable } from 'viem';
import { AppError } from '../../errors';
import type { WalletService } from '../wallet-service';
import { isHardwareAccount, signOnDevice, type DeviceBridge } from '../hardware/bridge';
import { signTransactionWithKey } from '../signing';

/**
 * What signs a prepared transaction for one account. The software signer below reads the key from the
 * unlocked session for each signature and forgets it; a hardware account's signer hands the exact unsigned bytes
 * to the device bridge (an extension page asks the Ledger or Keystone) and gets back a signature the bridge has
 * checked, so the transaction path does not change with the kind of key.
 */
export interface TransactionSigner {
  readonly address: Address;
  /** 'by-account': a route that picks software or hardware when it signs (walletSigners). */
  readonly kind: 'software' | 'hardware' | 'by-account';
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

type SigningWallet = Pick<WalletService, 'privateKey'> & Partial<Pick<WalletService, 'signingInfo'>>;

/** The signer for a hardware account: the device signs the exact unsigned bytes through the bridge. */
export function deviceSigner(
  wallet: Pick<WalletService, 'signingInfo'>,
  bridge: DeviceBridge | undefined,
  address: Address,
): TransactionSigner {
  return {
    address,
    kind: 'hardware',
    async signTransaction(tx) {
      if (tx.chainId === undefined)
        throw new AppError('A transaction for a device needs its chain id', { code: 'hardware.failed', details: 'Nothing was signed.' });
      const task = { kind: 'transaction', unsigned: serializeTransaction(tx), chainId: tx.chainId } as const;
      return signOnDevice(bridge, await wallet.signingInfo(address), task);
    },
  };
}

/** The signer for an account of this wallet; a watch-only or unknown account fails when it is asked to sign. */
export type SignerFor = (address: Address) => TransactionSigner;

/**
 * Routes each account to its signer when it signs (the account's kind is read then, so an account imported after
 * the route was built signs correctly). Without `signingInfo` (older callers, tests) every account is software.
 */
export const walletSigners =
  (wallet: SigningWallet, bridge?: DeviceBridge): SignerFor =>
  (address) => {
    const software = softwareSigner(wallet, address);
    const { signingInfo } = wallet;
    if (!signingInfo) return software;
    return {
      address,
      kind: 'by-account',
      async signTransaction(tx) {
        if (isHardwareAccount(await signingInfo(address))) return deviceSigner({ signingInfo }, bridge, address).signTransaction(tx);
        return software.signTransaction(tx);
      },
    };
  };
