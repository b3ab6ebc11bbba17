import { CryptoHDKey, generateAddressFromXpub } from '@keystonehq/bc-ur-registry-eth';
import { getAddress, type Address } from 'viem';
import { AppError } from '../../errors';
import { urReader } from './ur-reader';

/**
 * What a Keystone shows when it syncs with a software wallet ("Connect software wallet → MetaMask",
 * BIP-44 standard): one `crypto-hdkey` UR holding the account-level public key of m/44'/60'/0' and the
 * device's master fingerprint. Addresses m/44'/60'/0'/0/i are derived from it here, with no device round
 * trip. The device's QR may be animated (several UR parts); `readKeystoneSync` takes them in any order.
 */
export type KeystoneSync = {
  /** The device's master key fingerprint, 8 hex characters: every sign request names it. */
  xfp: string;
  xpub: string;
  /** Path of the exported key, e.g. "m/44'/60'/0'". */
  parentPath: string;
  /** The device's own name for the key (e.g. "Keystone"), when it gives one. */
  name?: string;
};

export type KeystoneAccount = { index: number; path: string; address: Address };

const STANDARD_PARENT = "m/44'/60'/0'";

/** Feeds scanned QR texts to one decoder; returns the sync once every part needed has arrived. */
export function keystoneSyncReader() {
  const reader = urReader(syncError);
  return {
    receive: reader.receive,
    progress: reader.progress,
    result(): KeystoneSync {
      const ur = reader.complete();
      if (ur.type !== 'crypto-hdkey') {
        throw new AppError('This Keystone sync code uses a path Ballast does not read yet', {
          code: 'keystone.sync.unsupported',
          details: `got a ${ur.type} code; on the Keystone choose the “BIP44 Standard” path (MetaMask, standard) and show the code again`,
        });
      }
      return parseHdKey(CryptoHDKey.fromCBOR(ur.cbor));
    },
  };
}

/** Reads a complete sync from its QR texts (one, or all parts of an animated code). */
export function readKeystoneSync(parts: readonly string[]): KeystoneSync {
  const reader = keystoneSyncReader();
  for (const part of parts) if (reader.receive(part)) break;
  return reader.result();
}

function parseHdKey(key: CryptoHDKey): KeystoneSync {
  const origin = key.getOrigin();
  const fingerprint = origin?.getSourceFingerprint();
  if (!origin || !fingerprint || fingerprint.length !== 4) throw syncError('the sync code names no device fingerprint');
  if (!key.getChainCode()) throw syncError('the sync code carries no chain code, so addresses cannot be derived');
  const parentPath = `m/${origin.getPath()}`;
  if (parentPath !== STANDARD_PARENT) {
    throw new AppError('This Keystone sync code uses a path Ballast does not read yet', {
      code: 'keystone.sync.unsupported',
      details: `the key is at ${parentPath}; Ballast reads the BIP-44 standard account key ${STANDARD_PARENT}`,
    });
  }
  const name = key.getName();
  return { xfp: fingerprint.toString('hex'), xpub: key.getBip32Key(), parentPath, ...(name ? { name } : {}) };
}

/** Addresses m/44'/60'/0'/0/i for i in [from, from + count). */
export function keystoneAccounts(sync: KeystoneSync, from: number, count: number): KeystoneAccount[] {
  if (!Number.isInteger(from) || !Number.isInteger(count) || from < 0 || count < 1 || count > 100) {
    throw new AppError('Pick between 1 and 100 accounts from index 0', { code: 'keystone.sync.unreadable' });
  }
  return Array.from({ length: count }, (_, k) => {
    const index = from + k;
    const address = getAddress(String(generateAddressFromXpub(sync.xpub, `m/0/${index}`)));
    return { index, path: `${sync.parentPath}/0/${index}`, address };
  });
}

const syncError = (details: string) =>
  new AppError('Ballast could not read the Keystone sync code', { code: 'keystone.sync.unreadable', details });
