import { getAddress, isAddress, isHex, toHex, type Address, type Hex, type LocalAccount } from 'viem';
import type { HDAccount } from 'viem/accounts';
import { english, generateMnemonic, mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { sameAddress } from '../format';
import { AppError } from '../errors';
import type { VaultSecrets } from './vault';

/** BIP-44 Ethereum path m/44'/60'/0'/0/index. */
export function deriveHdAccount(mnemonic: string, index: number): HDAccount {
  return mnemonicToAccount(mnemonic, { addressIndex: index });
}

export function newMnemonic(): string {
  return generateMnemonic(english, 128);
}

export function normalizeMnemonic(input: string): string {
  const words = input.trim().toLowerCase().split(/\s+/);
  if (![12, 15, 18, 21, 24].includes(words.length)) {
    throw new AppError('Recovery phrase has the wrong length', {
      details: 'Enter 12, 15, 18, 21 or 24 words separated by spaces.',
      code: 'wallet.mnemonic.invalid',
    });
  }
  const unknown = words.filter((w) => !english.includes(w));
  if (unknown.length > 0) {
    throw new AppError('Recovery phrase has unknown words', {
      details: `Not BIP-39 English words: ${unknown.join(', ')}.`,
      code: 'wallet.mnemonic.invalid',
    });
  }
  const phrase = words.join(' ');
  try {
    deriveHdAccount(phrase, 0);
  } catch (cause) {
    throw new AppError('Recovery phrase checksum is wrong', {
      details: 'One of the words is mistyped; check each word against your backup.',
      code: 'wallet.mnemonic.invalid',
      cause,
    });
  }
  return phrase;
}

export function normalizePrivateKey(input: string): Hex {
  const key = (input.trim().startsWith('0x') ? input.trim() : `0x${input.trim()}`) as Hex;
  if (!isHex(key) || key.length !== 66) {
    throw new AppError('Invalid private key', {
      details: 'A private key is 64 hexadecimal characters, optionally prefixed with 0x.',
      code: 'wallet.private-key.invalid',
    });
  }
  try {
    privateKeyToAccount(key);
  } catch (cause) {
    throw new AppError('Invalid private key', {
      details: 'The value is outside the secp256k1 range.',
      code: 'wallet.private-key.invalid',
      cause,
    });
  }
  return key;
}

export function normalizeAddress(input: string): Address {
  if (!isAddress(input, { strict: false })) {
    throw new AppError('Invalid address', {
      details: 'An address is 0x followed by 40 hexadecimal characters.',
      code: 'wallet.address.invalid',
    });
  }
  return getAddress(input);
}

/** Finds the signing account for an address among the unlocked secrets, or undefined (watch-only / unknown). */
export function signerFor(
  secrets: Pick<VaultSecrets, 'mnemonic' | 'importedKeys'>,
  address: Address,
  hdIndex?: number,
): LocalAccount | undefined {
  const key = secrets.importedKeys[address.toLowerCase()];
  if (key) return privateKeyToAccount(key);
  if (secrets.mnemonic && hdIndex !== undefined) {
    const account = deriveHdAccount(secrets.mnemonic, hdIndex);
    if (sameAddress(account.address, address)) return account;
  }
  return undefined;
}

export function privateKeyOf(
  secrets: Pick<VaultSecrets, 'mnemonic' | 'importedKeys'>,
  address: Address,
  hdIndex?: number,
): Hex | undefined {
  const key = secrets.importedKeys[address.toLowerCase()];
  if (key) return key;
  if (secrets.mnemonic && hdIndex !== undefined) {
    const account = deriveHdAccount(secrets.mnemonic, hdIndex);
    if (!sameAddress(account.address, address)) return undefined;
    const pk = account.getHdKey().privateKey;
    return pk ? toHex(pk) : undefined;
  }
  return undefined;
}
