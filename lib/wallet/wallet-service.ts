import type { Address, Hex } from 'viem';
import { sameAddress } from '../format';
import { AppError, serializeError } from '../errors';
import type { Item } from '../storage/item';
import { createMutex } from '../storage/mutex';
import type { SessionSecrets, StoredAccount, WalletMeta } from '../storage/items';
import { deriveHdAccount, newMnemonic, normalizeAddress, normalizeMnemonic, normalizePrivateKey, privateKeyOf } from './keyring';
import { decryptVault, encryptVault, reencryptWithKey, upgradeVault, type UnlockedVault, type VaultSecrets } from './vault';
import { privateKeyToAccount } from 'viem/accounts';
import type { AccountView, WalletStatus } from './types';

export type WalletServiceDeps = {
  vault: Item<string | null>;
  accounts: Item<StoredAccount[]>;
  meta: Item<WalletMeta>;
  session: Item<SessionSecrets | null>;
  /** Called after any change the UI shows (accounts, lock state). */
  onChange?: (what: 'wallet' | 'locked') => void;
};

/** How many words the backup check asks for; the UI picks which ones. */
export const BACKUP_WORDS_TO_CONFIRM = 3;

export type WalletService = ReturnType<typeof createWalletService>;

export function createWalletService(deps: WalletServiceDeps) {
  /**
   * One lock over every write of the vault, the session secrets, the accounts and the wallet preferences:
   * each of these reads, awaits (a password change derives keys for about a second) and writes back, so
   * two of them interleaved would write over each other (a password change racing an import loses the key,
   * or the import re-encrypts with the old password's key; a lock during an import is undone). Reads do not wait.
   */
  const writeLock = createMutex();
  const serialised =
    <A extends unknown[], R>(task: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> =>
      writeLock(() => task(...args));
  const changed = (what: 'wallet' | 'locked' = 'wallet') => deps.onChange?.(what);

  async function status(): Promise<WalletStatus> {
    if (await deps.vault.getValue()) return (await deps.session.getValue()) ? 'unlocked' : 'locked';
    // Watch-only and hardware-only wallets hold no secrets: nothing to lock.
    return (await deps.accounts.getValue()).length > 0 ? 'unlocked' : 'uninitialized';
  }

  async function requireSession(): Promise<SessionSecrets> {
    const s = await deps.session.getValue();
    if (!s) throw new AppError('Wallet is locked', { details: 'Unlock Ballast with your password first.', code: 'wallet.locked' });
    return s;
  }

  async function startSession(secrets: VaultSecrets, exportedKey: string, salt: string) {
    await deps.session.setValue({ mnemonic: secrets.mnemonic, importedKeys: secrets.importedKeys, exportedKey, salt });
  }

  async function persistSecrets(session: SessionSecrets) {
    const secrets: VaultSecrets = { version: 1, mnemonic: session.mnemonic, importedKeys: session.importedKeys };
    await deps.vault.setValue(await reencryptWithKey(session.exportedKey, session.salt, secrets));
    await deps.session.setValue(session);
  }

  /**
   * A vault below passworder's default key derivation is stored again at the default (same password, same
   * secrets) and the session takes the new key. Best effort: if that fails the old vault, still valid,
   * stays and unlocks as before; the next unlock tries again.
   */
  async function upgradeOnUnlock(password: string, vault: string, opened: UnlockedVault): Promise<UnlockedVault> {
    try {
      const upgraded = await upgradeVault(password, vault, opened);
      if (upgraded.vault) await deps.vault.setValue(upgraded.vault);
      return upgraded;
    } catch (error) {
      console.warn('Ballast: the vault keeps its old key derivation this time', serializeError(error).message);
      return opened;
    }
  }

  async function addAccountRecord(account: StoredAccount): Promise<AccountView> {
    const accounts = await deps.accounts.getValue();
    const existing = accounts.find((a) => sameAddress(a.address, account.address));
    if (existing)
      throw new AppError('Account already added', {
        details: `${existing.address} is already in the wallet as "${existing.name}".`,
        code: 'wallet.account.duplicate',
      });
    await deps.accounts.setValue([...accounts, account]);
    const meta = await deps.meta.getValue();
    if (!meta.selectedAddress) await deps.meta.setValue({ ...meta, selectedAddress: account.address });
    changed();
    return { ...account };
  }

  async function initVault(password: string, secrets: VaultSecrets, backupPending: boolean) {
    if (await deps.vault.getValue()) {
      throw new AppError('A wallet already exists', {
        details: 'Unlock it, or remove the extension data before restoring another wallet.',
        code: 'wallet.vault.exists',
      });
    }
    const { vault, exportedKey, salt } = await encryptVault(password, secrets);
    await deps.vault.setValue(vault);
    await startSession(secrets, exportedKey, salt);
    const meta = await deps.meta.getValue();
    await deps.meta.setValue({ ...meta, backupPending });
  }

  async function createHd(password: string, mnemonic: string, backupPending: boolean) {
    await initVault(password, { version: 1, mnemonic, importedKeys: {} }, backupPending);
    const first = deriveHdAccount(mnemonic, 0);
    await addAccountRecord({ address: first.address, name: 'Account 1', kind: 'hd', hidden: false, index: 0 });
  }

  return {
    status,

    async accounts(): Promise<AccountView[]> {
      return (await deps.accounts.getValue()).map((a) => ({ ...a }));
    },

    meta: () => deps.meta.getValue(),

    create: serialised(async (password: string): Promise<{ mnemonic: string }> => {
      const mnemonic = newMnemonic();
      await createHd(password, mnemonic, true);
      return { mnemonic };
    }),

    confirmBackup: serialised(async (words: Record<number, string>): Promise<true> => {
      const { mnemonic } = await requireSession();
      if (!mnemonic) throw new AppError('No recovery phrase to back up', { code: 'wallet.mnemonic.none' });
      const expected = mnemonic.split(' ');
      const entries = Object.entries(words);
      if (entries.length < BACKUP_WORDS_TO_CONFIRM) {
        throw new AppError('Backup check incomplete', {
          details: `Confirm at least ${BACKUP_WORDS_TO_CONFIRM} words of your recovery phrase.`,
          code: 'wallet.backup.incomplete',
        });
      }
      const wrong = entries.filter(([i, w]) => expected[Number(i)] !== w.trim().toLowerCase());
      if (wrong.length > 0) {
        throw new AppError('Backup check failed', {
          details: `Word ${wrong.map(([i]) => Number(i) + 1).join(', ')} does not match. Look at your written phrase again.`,
          code: 'wallet.backup.mismatch',
        });
      }
      await deps.meta.setValue({ ...(await deps.meta.getValue()), backupPending: false });
      changed();
      return true;
    }),

    importMnemonic: serialised(async (mnemonic: string, password: string): Promise<true> => {
      await createHd(password, normalizeMnemonic(mnemonic), false);
      return true;
    }),

    importPrivateKey: serialised(async (input: string, name?: string, password?: string): Promise<AccountView> => {
      const key = normalizePrivateKey(input);
      const address = privateKeyToAccount(key).address;
      const count = (await deps.accounts.getValue()).length;
      if (!(await deps.vault.getValue())) {
        if (!password)
          throw new AppError('Password needed', {
            details: 'Choose a password to encrypt the imported key.',
            code: 'wallet.password-required',
          });
        await initVault(password, { version: 1, importedKeys: { [address.toLowerCase()]: key } }, false);
      } else {
        const session = await requireSession();
        if (!session.importedKeys[address.toLowerCase()] && !(await deps.accounts.getValue()).some((a) => a.address === address)) {
          await persistSecrets({ ...session, importedKeys: { ...session.importedKeys, [address.toLowerCase()]: key } });
        }
      }
      return addAccountRecord({ address, name: name?.trim() || `Imported ${count + 1}`, kind: 'imported', hidden: false });
    }),

    addWatchOnly: serialised(async (input: string, name?: string): Promise<AccountView> => {
      const address = normalizeAddress(input);
      return addAccountRecord({ address, name: name?.trim() || `Watched ${address.slice(0, 6)}`, kind: 'watch', hidden: false });
    }),

    /**
     * Accounts whose keys stay on a Ledger or Keystone: only the address and where the device derives it are stored
     * (no vault needed). The page that read them from the device passes them; the background re-checks the shape.
     */
    addHardwareAccounts: serialised(
      async (
        device: 'ledger' | 'keystone',
        picked: readonly { address: Address; path: string; name?: string; xfp?: string }[],
      ): Promise<AccountView[]> => {
        const added: AccountView[] = [];
        const label = device === 'ledger' ? 'Ledger' : 'Keystone';
        // A duplicate stops the batch with its error; the ones before it stay added.
        for (const p of picked) {
          const address = normalizeAddress(p.address);
          const count = (await deps.accounts.getValue()).filter((a) => a.kind === device).length;
          added.push(
            await addAccountRecord({
              address,
              name: p.name?.trim() || `${label} ${count + 1}`,
              kind: device,
              hidden: false,
              hardware: { path: p.path, ...(p.xfp ? { xfp: p.xfp.toLowerCase() } : {}) },
            }),
          );
        }
        return added;
      },
    ),

    /** How an account signs: its kind and, for a hardware account, where the device keeps its key. */
    async signingInfo(address: Address): Promise<Pick<StoredAccount, 'address' | 'kind' | 'hardware'>> {
      const account = (await deps.accounts.getValue()).find((a) => sameAddress(a.address, address));
      if (!account) throw new AppError('Unknown account', { details: `${address} is not in this wallet.`, code: 'wallet.account.unknown' });
      return { address: account.address, kind: account.kind, ...(account.hardware ? { hardware: account.hardware } : {}) };
    },

    addHdAccount: serialised(async (name?: string): Promise<AccountView> => {
      const { mnemonic } = await requireSession();
      if (!mnemonic)
        throw new AppError('No recovery phrase in this wallet', {
          details: 'Only wallets created from a recovery phrase derive new accounts.',
          code: 'wallet.mnemonic.none',
        });
      const accounts = await deps.accounts.getValue();
      const index = Math.max(-1, ...accounts.filter((a) => a.kind === 'hd').map((a) => a.index ?? 0)) + 1;
      const account = deriveHdAccount(mnemonic, index);
      return addAccountRecord({ address: account.address, name: name?.trim() || `Account ${index + 1}`, kind: 'hd', hidden: false, index });
    }),

    unlock: serialised(async (password: string): Promise<true> => {
      const vault = await deps.vault.getValue();
      if (!vault) throw new AppError('No wallet to unlock', { details: 'Create or import a wallet first.', code: 'wallet.vault.none' });
      const opened = await upgradeOnUnlock(password, vault, await decryptVault(password, vault));
      await startSession(opened.secrets, opened.exportedKey, opened.salt);
      changed();
      return true;
    }),

    lock: serialised(async (): Promise<true> => {
      await deps.session.setValue(null);
      changed('locked');
      return true;
    }),

    changePassword: serialised(async (oldPassword: string, newPassword: string): Promise<true> => {
      const vault = await deps.vault.getValue();
      if (!vault) throw new AppError('No wallet', { code: 'wallet.vault.none' });
      const { secrets } = await decryptVault(oldPassword, vault);
      const next = await encryptVault(newPassword, secrets);
      await deps.vault.setValue(next.vault);
      await startSession(secrets, next.exportedKey, next.salt);
      return true;
    }),

    async revealMnemonic(password: string): Promise<{ mnemonic: string }> {
      const vault = await deps.vault.getValue();
      if (!vault) throw new AppError('No wallet', { code: 'wallet.vault.none' });
      const { secrets } = await decryptVault(password, vault);
      if (!secrets.mnemonic)
        throw new AppError('This wallet has no recovery phrase', { details: 'It holds imported keys only.', code: 'wallet.mnemonic.none' });
      return { mnemonic: secrets.mnemonic };
    },

    update: serialised(async (address: Address, patch: Partial<Pick<StoredAccount, 'name' | 'hidden'>>): Promise<true> => {
      const accounts = await deps.accounts.getValue();
      const target = accounts.find((a) => sameAddress(a.address, address));
      if (!target) throw new AppError('Unknown account', { details: `${address} is not in this wallet.`, code: 'wallet.account.unknown' });
      if (patch.name !== undefined && !patch.name.trim()) throw new AppError('Name is empty', { details: 'Give the account a name.' });
      await deps.accounts.setValue(accounts.map((a) => (a === target ? { ...a, ...patch, name: patch.name?.trim() ?? a.name } : a)));
      changed();
      return true;
    }),

    select: serialised(async (address: Address): Promise<true> => {
      const accounts = await deps.accounts.getValue();
      const target = accounts.find((a) => sameAddress(a.address, address));
      if (!target) throw new AppError('Unknown account', { details: `${address} is not in this wallet.`, code: 'wallet.account.unknown' });
      await deps.meta.setValue({ ...(await deps.meta.getValue()), selectedAddress: target.address });
      changed();
      return true;
    }),

    setAutoLock: serialised(async (minutes: number): Promise<true> => {
      if (!Number.isInteger(minutes) || minutes < 1 || minutes > 24 * 60) {
        throw new AppError('Invalid auto-lock time', { details: 'Choose between 1 and 1440 minutes.' });
      }
      await deps.meta.setValue({ ...(await deps.meta.getValue()), autoLockMinutes: minutes });
      changed();
      return true;
    }),

    /** The private key of an account, for signing in the background only. Throws when locked or watch-only. */
    async privateKey(address: Address): Promise<Hex> {
      const session = await requireSession();
      const account = (await deps.accounts.getValue()).find((a) => sameAddress(a.address, address));
      if (!account) throw new AppError('Unknown account', { details: `${address} is not in this wallet.`, code: 'wallet.account.unknown' });
      if (account.kind === 'watch')
        throw new AppError('Watch-only account cannot sign', {
          details: 'Import its key or use another account.',
          code: 'wallet.account.watch-only',
        });
      if (account.kind === 'ledger' || account.kind === 'keystone')
        throw new AppError('The key of this account is on a hardware device', {
          details: `${account.name} signs on its ${account.kind === 'ledger' ? 'Ledger' : 'Keystone'}; Ballast has no key for it.`,
          code: 'wallet.account.hardware',
        });
      const key = privateKeyOf(session, account.address, account.index);
      if (!key)
        throw new AppError('Key not found for account', {
          details: 'Lock and unlock the wallet, then try again.',
          code: 'wallet.key.missing',
        });
      return key;
    },
  };
}
