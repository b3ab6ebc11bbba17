import { CryptoAccount, CryptoHDKey, CryptoMultiAccounts, generateAddressFromXpub } from '@keystonehq/bc-ur-registry-eth';
import { getAddress, type Address } from 'viem';
import { HDKey } from 'viem/accounts';
import { AppError } from '../../errors';
import { derivationPath, schemeOfPath, type DerivationScheme } from '../derivation';
import { urReader } from './ur-reader';

/**
 * What a Keystone shows when it syncs with a software wallet ("Connect software wallet"), in the three forms its
 * firmware writes, each read with the @keystonehq UR libraries:
 *
 * - `crypto-hdkey`: one account-level extended key of m/44'/60'/0' with the master fingerprint (MetaMask, BIP-44
 *   standard); with the note `account.ledger_legacy` the same key serves Ledger's legacy m/44'/60'/0'/x;
 * - `crypto-multi-accounts` (the device's multi-account export, several keys and paths, other chains' keys among
 *   them): the standard extended key and Ledger Live's per-account public keys m/44'/60'/x'/0/0 (note
 *   `account.ledger_live`), which cannot be derived from any shared extended key (x is hardened);
 * - `crypto-account` (output descriptors around the same keys: MetaMask's Ledger Live sync).
 *
 * Addresses under an extended key are derived here with no device round trip; a bare public key is one account. The
 * notes are the firmware's names for the three schemes (Keystone's developer docs, "Multiple Accounts"; e.g.
 * github.com/KeystoneHQ/keystone-developer docs/integration). The QR may be animated; parts arrive in any order.
 */
export type KeystoneSync = {
  /** The device's master key fingerprint, 8 hex characters: every sign request names it. */
  xfp: string;
  /** The device's own name for the key or itself (e.g. "Keystone"), when it gives one. */
  name?: string;
  /** The derivation schemes this code holds accounts of, the device's first choice first. */
  keysets: KeystoneKeyset[];
};

/** Accounts of one scheme: children of an extended key (BIP-44, legacy), or a list of single keys (Ledger Live). */
export type KeystoneKeyset =
  | { scheme: 'bip44' | 'legacy'; source: 'xpub'; xpub: string; parentPath: string }
  | { scheme: DerivationScheme; source: 'keys'; accounts: KeystoneAccount[] };

export type KeystoneAccount = { index: number; path: string; address: Address };

const STANDARD_PARENT = "m/44'/60'/0'";
const ETH_PREFIX = "m/44'/60'/";
const NOTE_LEDGER_LEGACY = 'account.ledger_legacy';

/** The code types a sync can come as (URRegistryDecoder's names). */
type SyncType = 'crypto-hdkey' | 'crypto-multi-accounts' | 'crypto-account';

/** Feeds scanned QR texts to one decoder; returns the sync once every part needed has arrived. */
export function keystoneSyncReader() {
  const reader = urReader(syncError);
  return {
    receive: reader.receive,
    progress: reader.progress,
    result(): KeystoneSync {
      const ur = reader.complete();
      switch (ur.type as SyncType) {
        case 'crypto-hdkey':
          return fromKeys(fingerprintOf(CryptoHDKey.fromCBOR(ur.cbor)), [CryptoHDKey.fromCBOR(ur.cbor)]);
        case 'crypto-multi-accounts': {
          const multi = CryptoMultiAccounts.fromCBOR(ur.cbor);
          const device = multi.getDevice();
          return fromKeys(multi.getMasterFingerprint(), multi.getKeys(), device || undefined);
        }
        case 'crypto-account': {
          const account = CryptoAccount.fromCBOR(ur.cbor);
          const keys = account
            .getOutputDescriptors()
            .map((o) => o.getCryptoKey())
            .filter((k): k is CryptoHDKey => k instanceof CryptoHDKey);
          return fromKeys(account.getMasterFingerprint(), keys);
        }
        default:
          throw new AppError('This Keystone code is not an account sync', {
            code: 'keystone.sync.unsupported',
            details: `got a ${ur.type} code; on the Keystone open “Connect software wallet” and show its account code again`,
          });
      }
    },
  };
}

/** Reads a complete sync from its QR texts (one, or all parts of an animated code). */
export function readKeystoneSync(parts: readonly string[]): KeystoneSync {
  const reader = keystoneSyncReader();
  for (const part of parts) if (reader.receive(part)) break;
  return reader.result();
}

function fingerprintOf(key: CryptoHDKey): Buffer | undefined {
  return key.getOrigin()?.getSourceFingerprint();
}

/** The Ethereum accounts among a code's keys, grouped by scheme; other chains' keys are skipped. */
function fromKeys(fingerprint: Buffer | undefined, keys: readonly CryptoHDKey[], deviceName?: string): KeystoneSync {
  if (!fingerprint || fingerprint.length !== 4) throw syncError('the sync code names no device fingerprint');
  const keysets: KeystoneKeyset[] = [];
  const singles = new Map<DerivationScheme, KeystoneAccount[]>();
  let name = deviceName;
  for (const key of keys) {
    const origin = key.getOrigin();
    const written = origin?.getPath();
    if (!written) continue;
    const path = `m/${written}`;
    if (!path.startsWith(ETH_PREFIX)) continue;
    name ??= key.getName() || undefined;
    const chainCode = key.getChainCode();
    if (path === STANDARD_PARENT && chainCode) {
      const scheme = key.getNote() === NOTE_LEDGER_LEGACY ? 'legacy' : 'bip44';
      if (!keysets.some((k) => k.scheme === scheme)) keysets.push({ scheme, source: 'xpub', xpub: xpubOf(key), parentPath: path });
      continue;
    }
    // A public key at an account's full path (Ledger Live's m/44'/60'/x'/0/0): one account, its own address.
    const at = schemeOfPath(path);
    if (!at) continue;
    const list = singles.get(at.scheme) ?? [];
    if (!list.some((a) => a.index === at.index)) list.push({ index: at.index, path, address: addressOfKey(key) });
    singles.set(at.scheme, list);
  }
  for (const [scheme, accounts] of singles)
    keysets.push({ scheme, source: 'keys', accounts: [...accounts].sort((a, b) => a.index - b.index) });
  if (keysets.length === 0)
    throw new AppError('This Keystone sync code holds no Ethereum account Ballast can read', {
      code: 'keystone.sync.unsupported',
      details: `it has no key at ${STANDARD_PARENT} and no account key at a Ledger Live, legacy or BIP-44 path; on the Keystone pick MetaMask (BIP-44 standard, Ledger Live or Ledger legacy) and show the code again`,
    });
  return { xfp: fingerprint.toString('hex'), ...(name ? { name } : {}), keysets };
}

function xpubOf(key: CryptoHDKey): string {
  return key.getBip32Key();
}

/** A bare public key's address: the key as an extended key with no children to derive, read at its root. */
function addressOfKey(key: CryptoHDKey): Address {
  const bytes = key.getKey();
  if (bytes.length !== 33) throw syncError('an account key in the sync code is not a compressed public key');
  const root = new HDKey({ publicKey: new Uint8Array(bytes), chainCode: new Uint8Array(32) });
  return getAddress(String(generateAddressFromXpub(root.publicExtendedKey, 'm')));
}

/** Up to `count` accounts of one scheme from index `from` (the first keyset's scheme unless named). */
export function keystoneAccounts(sync: KeystoneSync, from: number, count: number, scheme?: DerivationScheme): KeystoneAccount[] {
  if (!Number.isInteger(from) || !Number.isInteger(count) || from < 0 || count < 1 || count > 100) {
    throw new AppError('Pick between 1 and 100 accounts from index 0', { code: 'keystone.sync.unreadable' });
  }
  const keyset = scheme ? sync.keysets.find((k) => k.scheme === scheme) : sync.keysets[0];
  if (!keyset) throw new AppError('This Keystone code has no accounts of that kind', { code: 'keystone.sync.unsupported' });
  if (keyset.source === 'keys') return keyset.accounts.filter((a) => a.index >= from && a.index < from + count);
  return Array.from({ length: count }, (_, k) => {
    const index = from + k;
    // The children under m/44'/60'/0' are not hardened: derivable from the public key. BIP-44 0/x, legacy x.
    const child = keyset.scheme === 'bip44' ? `m/0/${index}` : `m/${index}`;
    const address = getAddress(String(generateAddressFromXpub(keyset.xpub, child)));
    return { index, path: `m/${derivationPath(keyset.scheme, index)}`, address };
  });
}

/** How many accounts a scheme offers: unbounded for an extended key, the list's length for single keys. */
export function keystoneAccountCount(sync: KeystoneSync, scheme: DerivationScheme): number {
  const keyset = sync.keysets.find((k) => k.scheme === scheme);
  if (!keyset) return 0;
  return keyset.source === 'keys' ? Math.max(...keyset.accounts.map((a) => a.index)) + 1 : Number.POSITIVE_INFINITY;
}

const syncError = (details: string) =>
  new AppError('Ballast could not read the Keystone sync code', { code: 'keystone.sync.unreadable', details });
