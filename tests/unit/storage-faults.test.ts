import '../../lib/polyfills';
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { stringToHex } from 'viem';
import { createStorageTrackerStore } from '../../lib/tracker/store';
import { browserItems } from './browser-items';
import { ACCOUNT_0, createHarness, TEST_MNEMONIC } from './provider-harness';

const PASSWORD = 'correct horse battery';
const DAPP = 'https://dapp.example';

/** What a damaged chrome.storage may hold instead of the real value. */
const CORRUPTIONS: [string, unknown][] = [
  ['garbage string', 'garbage'],
  ['wrong type (number)', 42],
  ['wrong type (array for object / object for array)', { unexpected: true }],
  ['truncated JSON text', '{"networks":[{"key":"dev'],
  ['null', null],
];

/** Raw storage keys of the wallet core (local and session areas, as @wxt-dev/storage writes them). */
const ITEMS: { key: string; area: 'local' | 'session' }[] = [
  { key: 'ballast.accounts', area: 'local' },
  { key: 'ballast.walletMeta', area: 'local' },
  { key: 'ballast.permissions', area: 'local' },
  { key: 'ballast.networks', area: 'local' },
  { key: 'ballast.activity', area: 'local' },
  { key: 'ballast.settings', area: 'local' },
  { key: 'ballast.callBundles', area: 'local' },
  { key: 'ballast.watchedAssets', area: 'local' },
  { key: 'ballast.pending', area: 'session' },
  { key: 'ballast.secrets', area: 'session' },
];

const rawVault = async () => (await fakeBrowser.storage.local.get('ballast.vault'))['ballast.vault'] as unknown;

/** A wallet with one HD account, connected to DAPP, as it was before the damage. */
async function healthyWallet() {
  fakeBrowser.reset();
  const h = createHarness(undefined, browserItems());
  await h.wallet.importMnemonic(TEST_MNEMONIC, PASSWORD);
  h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
  await h.call(DAPP, 'eth_requestAccounts', []);
  const vault = await rawVault();
  expect(typeof vault).toBe('string');
  return { vault };
}

/** EIP-1193 shape: a result, or an error with an integer code and a non-empty message. */
function expectWellFormed(response: unknown) {
  expect(response).toSatisfy((r: Record<string, unknown>) =>
    'result' in r || (typeof r.error === 'object' && r.error !== null && Number.isInteger((r.error as { code: unknown }).code) && String((r.error as { message: unknown }).message).length > 0));
}

/** A fresh worker over the damaged storage: it must start, answer every request, and leave the vault bytes alone. */
async function restartAndUse() {
  const h = createHarness(undefined, browserItems());
  await expect(h.wallet.status()).resolves.toMatch(/^(unlocked|locked|uninitialized)$/);
  for (const [method, params] of [
    ['eth_chainId', []], ['eth_accounts', []], ['eth_requestAccounts', []], ['wallet_getPermissions', []],
    ['personal_sign', [stringToHex('hello'), ACCOUNT_0]],
  ] as const) {
    expectWellFormed(await h.call(DAPP, method, params));
  }
  await h.wallet.lock().catch(() => undefined);
  return h;
}

describe('storage faults: a damaged item never costs the vault', () => {
  beforeEach(() => fakeBrowser.reset());

  for (const { key, area } of ITEMS) {
    test.each(CORRUPTIONS)(`${key} holding %s: the worker starts, answers, and the vault is byte-identical and still unlocks`, async (_name, bad) => {
      const { vault } = await healthyWallet();
      await fakeBrowser.storage[area].set({ [key]: bad });
      const h = await restartAndUse();
      expect(await rawVault()).toBe(vault);
      // The secrets are intact: the right password still unlocks and derives the same first account.
      await h.wallet.unlock(PASSWORD);
      expect(await rawVault()).toBe(vault);
    });
  }

  test.each(CORRUPTIONS.filter(([, bad]) => bad !== null))('the vault itself holding %s: a clear error on unlock, the stored bytes left as they were', async (_name, bad) => {
    await healthyWallet();
    await fakeBrowser.storage.local.set({ 'ballast.vault': bad });
    const h = await restartAndUse();
    await expect(h.wallet.unlock(PASSWORD)).rejects.toMatchObject({ shortMessage: expect.stringMatching(/vault|corrupt|password/i), details: expect.stringMatching(/.{20,}/) });
    expect(await rawVault()).toEqual(bad);
  });

  test('a vault stored by an older item version (no migration registered): still unlocks, never rewritten', async () => {
    const { vault } = await healthyWallet();
    await fakeBrowser.storage.local.set({ 'ballast.vault$': { v: 0 } });
    const h = await restartAndUse();
    await h.wallet.unlock(PASSWORD);
    expect(await rawVault()).toBe(vault);
  });

  test.each(CORRUPTIONS)('tracker snapshot holding %s: no snapshot (shown as no data), never a crash', async (_name, bad) => {
    await fakeBrowser.storage.local.set({ 'tracker.snapshot': bad });
    const store = createStorageTrackerStore();
    await expect(store.getSnapshot()).resolves.toBeNull();
  });
});
