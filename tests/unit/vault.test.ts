import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as passworder from '@metamask/browser-passworder';
import { accountsItem, sessionSecretsItem, vaultItem, walletMetaItem } from '../../lib/storage';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { decryptVault, MIN_PBKDF2_ITERATIONS, vaultIterations, type VaultSecrets } from '../../lib/wallet/vault';

// The Hardhat/Foundry default mnemonic; its addresses are published in every Hardhat/anvil startup banner.
const TEST_MNEMONIC = 'test test test test test test test test test test test junk';
const ANVIL_ADDRESSES = [
  '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
  '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC',
];

const makeService = () =>
  createWalletService({ vault: vaultItem, accounts: accountsItem, meta: walletMetaItem, session: sessionSecretsItem });

describe('vault + keyring', () => {
  beforeEach(() => fakeBrowser.reset());

  it("imports the test mnemonic, derives the well-known anvil addresses, records passworder's default (900k iterations)", async () => {
    const wallet = makeService();
    await wallet.importMnemonic(`  ${TEST_MNEMONIC.toUpperCase()} `, 'correct horse battery');
    await wallet.addHdAccount();
    await wallet.addHdAccount('Third');
    const accounts = await wallet.accounts();
    expect(accounts.map((a) => a.address)).toEqual(ANVIL_ADDRESSES);
    expect(accounts[2]?.name).toBe('Third');
    const vault = await vaultItem.getValue();
    expect(vault).not.toContain('junk');
    expect(vaultIterations(vault!)).toBeGreaterThanOrEqual(MIN_PBKDF2_ITERATIONS);
    expect(JSON.parse(vault!).keyMetadata).toEqual({ algorithm: 'PBKDF2', params: { iterations: 900_000 } });
    expect(passworder.isVaultUpdated(vault!)).toBe(true);
    // Private key of anvil account #0, as printed by anvil at startup.
    expect(await wallet.privateKey(ANVIL_ADDRESSES[0] as `0x${string}`)).toBe(
      '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    );
  });

  it('locks, rejects a wrong password with a clear error, unlocks with the right one', async () => {
    const wallet = makeService();
    await wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    await wallet.lock();
    expect(await wallet.status()).toBe('locked');
    expect(await sessionSecretsItem.getValue()).toBeNull();
    await expect(wallet.privateKey(ANVIL_ADDRESSES[0] as `0x${string}`)).rejects.toMatchObject({ code: 'wallet.locked' });
    await expect(wallet.unlock('wrong password')).rejects.toMatchObject({ shortMessage: 'Wrong password', code: 'wallet.wrong-password' });
    expect(await wallet.status()).toBe('locked');
    await wallet.unlock('correct horse battery');
    expect(await wallet.status()).toBe('unlocked');
    expect((await sessionSecretsItem.getValue())?.mnemonic).toBe(TEST_MNEMONIC);
  });

  it.each([
    ['not json', 'this is {not json'],
    ['missing fields', JSON.stringify({ data: 'abc' })],
    ['wrong types', JSON.stringify({ data: 1, iv: 2, salt: 3 })],
  ])('corrupt vault (%s): clear error and the stored vault is byte-for-byte untouched', async (_label, corrupt) => {
    await vaultItem.setValue(corrupt);
    const wallet = makeService();
    expect(await wallet.status()).toBe('locked');
    await expect(wallet.unlock('whatever password')).rejects.toMatchObject({
      code: 'wallet.vault.corrupt',
      shortMessage: 'The stored vault is corrupt',
    });
    await expect(wallet.changePassword('whatever password', 'another password')).rejects.toMatchObject({ code: 'wallet.vault.corrupt' });
    await expect(wallet.importMnemonic(TEST_MNEMONIC, 'whatever password')).rejects.toMatchObject({ code: 'wallet.vault.exists' });
    const raw = await fakeBrowser.storage.local.get('ballast.vault');
    expect(raw['ballast.vault']).toBe(corrupt);
  });

  it('changes the password: old one fails, new one works, the secrets survive', async () => {
    const wallet = makeService();
    await wallet.importMnemonic(TEST_MNEMONIC, 'first password');
    await wallet.changePassword('first password', 'second password');
    await wallet.lock();
    await expect(wallet.unlock('first password')).rejects.toMatchObject({ code: 'wallet.wrong-password' });
    await wallet.unlock('second password');
    expect((await wallet.revealMnemonic('second password')).mnemonic).toBe(TEST_MNEMONIC);
    await expect(wallet.revealMnemonic('first password')).rejects.toMatchObject({ code: 'wallet.wrong-password' });
  });

  it('creates a fresh wallet whose backup check requires the right words', async () => {
    const wallet = makeService();
    const { mnemonic } = await wallet.create('a good password');
    const words = mnemonic.split(' ');
    expect(words).toHaveLength(12);
    expect((await wallet.meta()).backupPending).toBe(true);
    await expect(wallet.confirmBackup({ 0: words[0]!, 1: words[1]! })).rejects.toMatchObject({ code: 'wallet.backup.incomplete' });
    await expect(wallet.confirmBackup({ 0: words[0]!, 5: words[5]!, 11: words[0] === 'zoo' ? 'abandon' : 'zoo' })).rejects.toMatchObject({
      code: 'wallet.backup.mismatch',
    });
    await wallet.confirmBackup({ 2: words[2]!, 7: words[7]!, 11: words[11]! });
    expect((await wallet.meta()).backupPending).toBe(false);
  });

  it('imports a private key into an unlocked vault (re-encrypted with the session key) and adds watch-only', async () => {
    const wallet = makeService();
    await wallet.importMnemonic(TEST_MNEMONIC, 'first password');
    // anvil account #9's published key
    const imported = await wallet.importPrivateKey('0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6');
    expect(imported.address).toBe('0xa0Ee7A142d267C1f36714E4a8F75612F20a79720');
    const watch = await wallet.addWatchOnly('0xae7ab96520de3a18e5e111b5eaab095312d7fe84', 'Lido');
    expect(watch.address).toBe('0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84');
    await expect(wallet.privateKey(watch.address)).rejects.toMatchObject({ code: 'wallet.account.watch-only' });
    await wallet.lock();
    await wallet.unlock('first password');
    expect(await wallet.privateKey(imported.address)).toBe('0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6');
    await expect(wallet.addWatchOnly('0x1234')).rejects.toMatchObject({ code: 'wallet.address.invalid' });
    await expect(wallet.importMnemonic('test test', 'x')).rejects.toMatchObject({ code: 'wallet.mnemonic.invalid' });
  });

  it('a vault an older Ballast wrote at 600k unlocks, is stored at the default afterwards, same password, same secrets', async () => {
    // What Ballast before this change wrote: passworder at 600,000 PBKDF2 iterations.
    const secrets: VaultSecrets = {
      version: 1,
      mnemonic: TEST_MNEMONIC,
      importedKeys: { '0xa0ee7a142d267c1f36714e4a8f75612f20a79720': '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6' },
    };
    const old = await passworder.encrypt('first password', secrets, undefined, undefined, {
      algorithm: 'PBKDF2',
      params: { iterations: 600_000 },
    });
    expect(vaultIterations(old)).toBe(600_000);
    await vaultItem.setValue(old);
    const wallet = makeService();
    expect(await wallet.status()).toBe('locked');
    await expect(wallet.unlock('wrong password')).rejects.toMatchObject({ code: 'wallet.wrong-password' });
    expect(await vaultItem.getValue()).toBe(old);

    await wallet.unlock('first password');
    const upgraded = (await vaultItem.getValue())!;
    expect(JSON.parse(upgraded).keyMetadata).toEqual({ algorithm: 'PBKDF2', params: { iterations: 900_000 } });
    expect(passworder.isVaultUpdated(upgraded)).toBe(true);
    expect((await decryptVault('first password', upgraded)).secrets).toEqual(secrets);
    // The session key is the new vault's: an import now re-encrypts a vault the same password opens.
    const imported = await wallet.importPrivateKey('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
    const afterImport = (await vaultItem.getValue())!;
    expect(vaultIterations(afterImport)).toBe(900_000);
    expect((await decryptVault('first password', afterImport)).secrets.importedKeys[imported.address.toLowerCase()]).toBe(
      '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
    );
  });

  it('a vault at the default is not rewritten on unlock', async () => {
    const wallet = makeService();
    await wallet.importMnemonic(TEST_MNEMONIC, 'first password');
    const before = await vaultItem.getValue();
    await wallet.lock();
    await wallet.unlock('first password');
    expect(await vaultItem.getValue()).toBe(before);
  });

  it('a vault stronger than the default is never weakened on unlock', async () => {
    const secrets: VaultSecrets = { version: 1, mnemonic: TEST_MNEMONIC, importedKeys: {} };
    const strong = await passworder.encrypt('first password', secrets, undefined, undefined, {
      algorithm: 'PBKDF2',
      params: { iterations: 1_000_000 },
    });
    await vaultItem.setValue(strong);
    await makeService().unlock('first password');
    expect(await vaultItem.getValue()).toBe(strong);
  });
});

describe('vault writes are serialised', () => {
  beforeEach(() => fakeBrowser.reset());

  // anvil account #9's published key
  const KEY = '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6';
  const ADDRESS = '0xa0ee7a142d267c1f36714e4a8f75612f20a79720';

  it.each([
    ['password change first', true],
    ['import first', false],
  ])(
    'a password change racing a key import (%s) keeps both: the new password opens a vault that holds the key',
    async (_label, changeFirst) => {
      const wallet = makeService();
      await wallet.importMnemonic(TEST_MNEMONIC, 'first password');
      const change = () => wallet.changePassword('first password', 'second password');
      const importKey = () => wallet.importPrivateKey(KEY);
      // Both start before either finishes: without one lock over the vault, the slow password change
      // re-encrypts what it read before the import (the key is lost), or the import re-encrypts with the
      // old session key after the change (the old password opens the vault again).
      await Promise.all(changeFirst ? [change(), importKey()] : [importKey(), change()]);
      const opened = await decryptVault('second password', (await vaultItem.getValue())!);
      expect(opened.secrets.importedKeys[ADDRESS]).toBe(KEY);
      expect(opened.secrets.mnemonic).toBe(TEST_MNEMONIC);
      expect(await wallet.privateKey(ADDRESS)).toBe(KEY);
    },
  );

  it('a lock asked for during a key import runs after it: the key is stored, then the wallet is locked (not unlocked again)', async () => {
    const wallet = makeService();
    await wallet.importMnemonic(TEST_MNEMONIC, 'first password');
    await Promise.all([wallet.importPrivateKey(KEY), wallet.lock()]);
    expect((await decryptVault('first password', (await vaultItem.getValue())!)).secrets.importedKeys[ADDRESS]).toBe(KEY);
    expect(await wallet.status()).toBe('locked');
    expect(await sessionSecretsItem.getValue()).toBeNull();
  });
});
