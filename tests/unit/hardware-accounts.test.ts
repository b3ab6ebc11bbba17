import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { accountsItem, sessionSecretsItem, vaultItem, walletMetaItem } from '../../lib/storage';
import { accountsSchema } from '../../lib/storage/schemas';
import { createWalletService } from '../../lib/wallet/wallet-service';

/** Hardware accounts in the keyring: address and path only, no secret, never a key to hand out. */
const LEDGER_0 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const LEDGER_1 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
const makeService = () =>
  createWalletService({ vault: vaultItem, accounts: accountsItem, meta: walletMetaItem, session: sessionSecretsItem });

describe('hardware accounts', () => {
  beforeEach(() => fakeBrowser.reset());

  it('a Ledger-only wallet: no vault, nothing to lock, accounts with their paths, no key for anyone', async () => {
    const wallet = makeService();
    const added = await wallet.addHardwareAccounts('ledger', [
      { address: LEDGER_0.toLowerCase() as `0x${string}`, path: "44'/60'/0'/0/0" },
      { address: LEDGER_1 as `0x${string}`, path: "44'/60'/1'/0/0", name: ' Cold ' },
    ]);
    expect(added.map((a) => [a.address, a.name, a.kind])).toEqual([
      [LEDGER_0, 'Ledger 1', 'ledger'],
      [LEDGER_1, 'Cold', 'ledger'],
    ]);
    expect(await vaultItem.getValue()).toBeNull();
    expect(await wallet.status()).toBe('unlocked');
    expect((await wallet.meta()).selectedAddress).toBe(LEDGER_0);
    expect(await wallet.signingInfo(LEDGER_1 as `0x${string}`)).toEqual({
      address: LEDGER_1,
      kind: 'ledger',
      hardware: { path: "44'/60'/1'/0/0" },
    });
    // privateKey checks the session first (none here) and never finds a key for a device account.
    await expect(wallet.privateKey(LEDGER_0 as `0x${string}`)).rejects.toMatchObject({
      code: expect.stringMatching(/^wallet\.(locked|account\.hardware)$/),
    });
  });

  it('in an unlocked software wallet a hardware account is refused a key with its own code', async () => {
    const wallet = makeService();
    await wallet.importMnemonic('test test test test test test test test test test test junk', 'correct horse battery');
    await wallet.addHardwareAccounts('keystone', [{ address: LEDGER_1 as `0x${string}`, path: "44'/60'/0'/0/2", xfp: 'F23F9FD2' }]);
    expect(await wallet.signingInfo(LEDGER_1 as `0x${string}`)).toEqual({
      address: LEDGER_1,
      kind: 'keystone',
      hardware: { path: "44'/60'/0'/0/2", xfp: 'f23f9fd2' },
    });
    await expect(wallet.privateKey(LEDGER_1 as `0x${string}`)).rejects.toMatchObject({ code: 'wallet.account.hardware' });
  });

  it('a duplicate stops the batch with its error; the accounts before it stay', async () => {
    const wallet = makeService();
    await wallet.addWatchOnly(LEDGER_1);
    await expect(
      wallet.addHardwareAccounts('ledger', [
        { address: LEDGER_0 as `0x${string}`, path: "44'/60'/0'/0/0" },
        { address: LEDGER_1 as `0x${string}`, path: "44'/60'/1'/0/0" },
      ]),
    ).rejects.toMatchObject({ code: 'wallet.account.duplicate' });
    expect((await wallet.accounts()).map((a) => a.kind)).toEqual(['watch', 'ledger']);
  });

  it('stored hardware accounts must carry a well-formed path', () => {
    const base = { address: LEDGER_0, name: 'L', kind: 'ledger', hidden: false };
    expect(accountsSchema.safeParse([{ ...base, hardware: { path: "44'/60'/0'/0/0" } }]).success).toBe(true);
    expect(accountsSchema.safeParse([{ ...base, hardware: { path: 'm/44/../0' } }]).success).toBe(false);
    expect(accountsSchema.safeParse([{ ...base, hardware: { path: "44'/60'/0'/0/0", xfp: 'zz' } }]).success).toBe(false);
  });
});
