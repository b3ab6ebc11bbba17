import * as passworder from '@metamask/browser-passworder';
import { AppError } from '../errors';

/** What the vault protects. Accounts' public metadata lives outside it (readable while locked). */
export type VaultSecrets = {
  version: 1;
  mnemonic?: string;
  /** Private keys of imported accounts, keyed by lowercase address. */
  importedKeys: Record<string, `0x${string}`>;
};

/**
 * The floor for a vault Ballast writes (OWASP 2023, PBKDF2-HMAC-SHA256). New vaults use
 * @metamask/browser-passworder's own default (900,000 in 6.0.0), taken from the library rather than
 * a second literal here; this floor only catches a library update that would lower it.
 */
export const MIN_PBKDF2_ITERATIONS = 600_000;

export type UnlockedVault = { secrets: VaultSecrets; exportedKey: string; salt: string };

type EncryptedShape = { data: string; iv: string; salt: string; keyMetadata?: { algorithm: string; params: { iterations: number } } };

/** Reads the vault's envelope without decrypting: a corrupt vault is reported before any password check. */
export function parseVaultEnvelope(vault: string): EncryptedShape {
  let parsed: unknown;
  try {
    parsed = JSON.parse(vault);
  } catch (cause) {
    throw corruptVault('the stored vault is not JSON', cause);
  }
  const v = parsed as Partial<EncryptedShape> | null;
  if (!v || typeof v !== 'object' || typeof v.data !== 'string' || typeof v.iv !== 'string' || typeof v.salt !== 'string') {
    throw corruptVault('the stored vault lacks data, iv or salt');
  }
  return v as EncryptedShape;
}

export function vaultIterations(vault: string): number {
  return parseVaultEnvelope(vault).keyMetadata?.params.iterations ?? 10_000;
}

export async function encryptVault(password: string, secrets: VaultSecrets): Promise<{ vault: string } & Omit<UnlockedVault, 'secrets'>> {
  if (password.length < 8)
    throw new AppError('Password too short', { details: 'Choose a password of at least 8 characters.', code: 'wallet.weak-password' });
  return encryptAtLibraryDefault(password, secrets);
}

/** No options: passworder derives the key with its current default (algorithm and iteration count). */
async function encryptAtLibraryDefault(
  password: string,
  secrets: VaultSecrets,
): Promise<{ vault: string } & Omit<UnlockedVault, 'secrets'>> {
  const { vault, exportedKeyString } = await passworder.encryptWithDetail(password, secrets);
  if (vaultIterations(vault) < MIN_PBKDF2_ITERATIONS) {
    throw new AppError('Key derivation too weak', {
      details: `The vault library derived fewer than ${MIN_PBKDF2_ITERATIONS} PBKDF2 iterations.`,
    });
  }
  return { vault, exportedKey: exportedKeyString, salt: parseVaultEnvelope(vault).salt };
}

/**
 * After a successful unlock: a vault whose key derivation is not passworder's current default (an older
 * Ballast wrote 600,000 iterations) is re-encrypted at the default with the same password, so its secrets
 * are unchanged and the returned session key matches the new vault. Returns no `vault` when the stored one
 * stays: it is at the default already, or stronger than the default (never weakened).
 */
export async function upgradeVault(password: string, vault: string, opened: UnlockedVault): Promise<UnlockedVault & { vault?: string }> {
  if (passworder.isVaultUpdated(vault)) return opened;
  const next = await encryptAtLibraryDefault(password, opened.secrets);
  if (vaultIterations(next.vault) <= vaultIterations(vault)) return opened;
  return { ...next, secrets: opened.secrets };
}

/** Re-encrypts with the session's exported key (same password, same salt) after an account was imported. */
export async function reencryptWithKey(exportedKey: string, salt: string, secrets: VaultSecrets): Promise<string> {
  const key = await passworder.importKey(exportedKey);
  const result = await passworder.encryptWithKey(key, secrets);
  return JSON.stringify({ ...result, salt });
}

export async function decryptVault(password: string, vault: string): Promise<UnlockedVault> {
  parseVaultEnvelope(vault);
  let result: passworder.DetailedDecryptResult;
  try {
    result = await passworder.decryptWithDetail(password, vault);
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/incorrect password/i.test(message)) {
      throw new AppError('Wrong password', { details: 'Check the password and try again.', code: 'wallet.wrong-password', cause });
    }
    throw corruptVault(message, cause);
  }
  const secrets = result.vault as Partial<VaultSecrets> | null;
  if (!secrets || typeof secrets !== 'object' || secrets.version !== 1 || typeof secrets.importedKeys !== 'object') {
    throw corruptVault('the decrypted vault has an unknown layout');
  }
  return { secrets: secrets as VaultSecrets, exportedKey: result.exportedKeyString, salt: result.salt };
}

function corruptVault(seen: string, cause?: unknown): AppError {
  return new AppError('The stored vault is corrupt', {
    details: `Ballast left it untouched (${seen}). Restore the extension's data from a backup, or reinstall and import your recovery phrase.`,
    code: 'wallet.vault.corrupt',
    cause,
  });
}
