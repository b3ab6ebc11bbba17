import '../../lib/polyfills';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { stringToHex } from 'viem';
import { approvalWindowItem, deviceWindowItem, lastActivityItem, settingsItem } from '../../lib/storage';
import { createStorageTrackerStore, trackerItems } from '../../lib/tracker/store';
import { alertsItems } from '../../lib/alerts/storage-store';
import { flowsItem } from '../../lib/flows/storage-item';
import { callFlowsItem } from '../../lib/flows/calls-storage-item';
import { addressBookItem } from '../../lib/storage/address-book';
import { balancesSnapshotsItem, customTokensItem } from '../../lib/storage/balances';
import { browserItems } from './browser-items';
import { ACCOUNT_0, ACCOUNT_1, createHarness, TEST_MNEMONIC } from './provider-harness';

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
  expect(response).toSatisfy(
    (r: Record<string, unknown>) =>
      'result' in r ||
      (typeof r.error === 'object' &&
        r.error !== null &&
        Number.isInteger((r.error as { code: unknown }).code) &&
        String((r.error as { message: unknown }).message).length > 0),
  );
}

/** A fresh worker over the damaged storage: it must start, answer every request, and leave the vault bytes alone. */
async function restartAndUse() {
  const h = createHarness(undefined, browserItems());
  await expect(h.wallet.status()).resolves.toMatch(/^(unlocked|locked|uninitialized)$/);
  for (const [method, params] of [
    ['eth_chainId', []],
    ['eth_accounts', []],
    ['eth_requestAccounts', []],
    ['wallet_getPermissions', []],
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
    test.each(CORRUPTIONS)(
      `${key} holding %s: the worker starts, answers, and the vault is byte-identical and still unlocks`,
      async (_name, bad) => {
        const { vault } = await healthyWallet();
        await fakeBrowser.storage[area].set({ [key]: bad });
        const h = await restartAndUse();
        expect(await rawVault()).toBe(vault);
        // The secrets are intact: the right password still unlocks and derives the same first account.
        await h.wallet.unlock(PASSWORD);
        expect(await rawVault()).toBe(vault);
      },
    );
  }

  test.each(CORRUPTIONS.filter(([, bad]) => bad !== null))(
    'the vault itself holding %s: a clear error on unlock, the stored bytes left as they were',
    async (_name, bad) => {
      await healthyWallet();
      await fakeBrowser.storage.local.set({ 'ballast.vault': bad });
      const h = await restartAndUse();
      await expect(h.wallet.unlock(PASSWORD)).rejects.toMatchObject({
        shortMessage: expect.stringMatching(/vault|corrupt|password/i),
        details: expect.stringMatching(/.{20,}/),
      });
      expect(await rawVault()).toEqual(bad);
    },
  );

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

/* ---- Every item × every kind of damage: the exact outcome, item by item ---- */

const OTHER_SITE = 'https://other.example';
const NOW = 1_700_000_000_000;
const HASH = `0x${'ab'.repeat(32)}` as const;
const goodAccount = { address: ACCOUNT_0, name: 'Account 1', kind: 'hd', hidden: false, index: 0 };
const goodPermission = { origin: OTHER_SITE, accounts: [ACCOUNT_0], connectedAt: NOW };
const goodNetwork = { key: 'custom', chainId: 1, name: 'My node', rpcUrls: ['http://127.0.0.1:9999'], nativeSymbol: 'ETH', builtIn: false };
const goodPending = { id: 'p1', origin: DAPP, kind: 'connect', method: 'eth_requestAccounts', params: [], createdAt: NOW, chainId: 1 };
const goodActivity = { hash: HASH, from: ACCOUNT_0, value: '1000', chainId: 1, status: 'confirmed', submittedAt: NOW, origin: DAPP };
const goodAsset = { chainId: 1, address: ACCOUNT_1, symbol: 'TKN', decimals: 18 };
const goodBundle = { id: 'b1', origin: DAPP, chainId: 1, from: ACCOUNT_0, hashes: [HASH], createdAt: NOW };

const goodFlow = {
  version: 1,
  id: 'f1',
  status: 'running',
  createdAt: NOW,
  updatedAt: NOW,
  plan: {
    recipeId: 'eth-rseth-aave',
    title: 'Stake',
    from: ACCOUNT_0,
    chainId: 1,
    inputWei: '1000',
    slippageBps: 50,
    steps: [{ label: 'Stake' }],
    createdAt: NOW,
  },
  steps: [{ status: 'sent', nonce: 3, hash: HASH }],
};
/** Defaults as documented for the Alerts screen: 1 % / 3 % depeg, 10 % value move, 5 % liquidation distance, 30 min watchdog, 60 min cool-down, quiet 22:00–07:00 off. */
const DEFAULT_ALERT_SETTINGS_DOC = {
  rules: { depeg: true, slashing: true, withdrawal: true, valueMove: true, watchdog: true, liquidation: true },
  depeg: { warnPercent: 1, dangerPercent: 3, perToken: {} },
  valueMovePercent: 10,
  liquidationPercent: 5,
  unwatchedAfterMinutes: 30,
  cooldownMinutes: 60,
  quietHours: { enabled: false, startMinute: 1320, endMinute: 420 },
};
const customAlertSettings = {
  ...DEFAULT_ALERT_SETTINGS_DOC,
  rules: { ...DEFAULT_ALERT_SETTINGS_DOC.rules, valueMove: false },
  depeg: { warnPercent: 0.5, dangerPercent: 2, perToken: { ezETH: { warnPercent: 2, dangerPercent: 5 } } },
  cooldownMinutes: 15,
  valueMovePercent: 20,
};
const goodAlert = {
  id: 'depeg:ezETH:1',
  rule: 'depeg',
  severity: 'danger',
  title: 'ezETH depeg',
  message: '5 % below fair',
  time: NOW,
  block: '100',
  chainId: 1,
  read: false,
  notified: true,
  data: { depegWad: '50000000000000000' },
};
const EMPTY_ALERTS = {
  alerts: [],
  seen: {},
  cooldowns: {},
  depegEpisodes: {},
  liquidationEpisodes: {},
  lastLogBlock: null,
  valueBaselines: {},
  positions: {},
};
const goodAlertsState = {
  ...EMPTY_ALERTS,
  alerts: [goodAlert],
  seen: { 'depeg:ezETH:1': NOW },
  lastLogBlock: '100',
  depegEpisodes: { ezETH: { start: '90', level: 'danger' } },
  liquidationEpisodes: { 'aave:0xabc:aEthweETH': { start: '95' } },
};
const goodPoint = { t: NOW, block: '100', fair: '1000000000000000000', market: '990000000000000000', depegWad: '-10000000000000000' };
const INITIAL_SCHEDULE_DOC = { consecutiveFailures: 0, nextAttemptAt: 0, lastAttemptAt: null, lastSuccessAt: null, lastError: null };

/** The message a page (and the popup) gets when the account list cannot be read. */
const ACCOUNTS_UNREADABLE = {
  shortMessage: 'Stored accounts are unreadable',
  details:
    'Your recovery phrase and imported keys are safe in the encrypted vault, which was not changed. Re-import your recovery phrase (and any imported keys) to rebuild the account list, then add watch-only addresses again.',
  code: 'storage.corrupt',
};
const NEWER_VERSION = 'They were saved by a newer version of Ballast; update Ballast to read them. Nothing was changed. ';

type Damage = 'wrong type' | 'null' | 'truncated JSON' | 'missing fields' | 'future version';
type Expected = { reads: unknown } | { throws: Record<string, unknown> };
type ItemCase = {
  key: string;
  area: 'local' | 'session';
  read: () => Promise<unknown>;
  good: unknown;
  /** A value with entries or fields missing; absent for scalar items. */
  missingFields?: unknown;
  expect: (damage: Damage) => Expected;
};

const items = browserItems();
const asDefault =
  (fallback: unknown, onMissing?: unknown) =>
  (damage: Damage): Expected => ({ reads: damage === 'missing fields' ? onMissing : fallback });

const goodBalances = {
  networkKey: 'devnet',
  chainId: 1,
  account: ACCOUNT_0,
  blockNumber: '12',
  takenAt: NOW,
  rows: [
    {
      id: 'native',
      symbol: 'ETH',
      name: 'Ether',
      decimals: 18,
      source: 'native',
      amount: '1000',
      price: { basis: 'native', rateWad: '1000000000000000000' },
      valueEth: '1000',
      valueUsd: '3',
      dust: false,
    },
  ],
  totalEth: '1000',
  totalUsd: '3',
  usdDecimals: 8,
};

const CASES: ItemCase[] = [
  {
    key: 'ballast.accounts',
    area: 'local',
    read: () => items.accounts.getValue(),
    good: [goodAccount],
    missingFields: [{ address: ACCOUNT_0 }],
    // Accounts are never guessed: anything but "nothing stored" is a clear error.
    expect: (d) =>
      d === 'null'
        ? { reads: [] }
        : d === 'future version'
          ? { throws: { ...ACCOUNTS_UNREADABLE, details: NEWER_VERSION + ACCOUNTS_UNREADABLE.details } }
          : { throws: ACCOUNTS_UNREADABLE },
  },
  {
    key: 'ballast.walletMeta',
    area: 'local',
    read: () => items.meta.getValue(),
    good: { selectedAddress: ACCOUNT_0, autoLockMinutes: 30, backupPending: true },
    missingFields: { autoLockMinutes: 30, selectedAddress: 'not-an-address' },
    expect: asDefault({ autoLockMinutes: 15, backupPending: false }, { autoLockMinutes: 30, backupPending: false }),
  },
  {
    key: 'ballast.secrets',
    area: 'session',
    read: () => items.session.getValue(),
    good: { importedKeys: {}, exportedKey: 'k', salt: 's' },
    missingFields: { exportedKey: 'k' },
    // Unreadable secrets are "locked": the password opens the vault again.
    expect: asDefault(null, null),
  },
  {
    key: 'ballast.permissions',
    area: 'local',
    read: () => items.permissions.getValue(),
    good: { [OTHER_SITE]: goodPermission },
    missingFields: { [DAPP]: { origin: DAPP }, [OTHER_SITE]: goodPermission },
    expect: asDefault({}, { [OTHER_SITE]: goodPermission }),
  },
  {
    key: 'ballast.networks',
    area: 'local',
    read: () => items.networks.getValue(),
    good: { networks: [goodNetwork], activeKey: 'custom' },
    missingFields: { networks: [{ key: 'broken' }, goodNetwork], activeKey: 'custom' },
    expect: asDefault(null, { networks: [goodNetwork], activeKey: 'custom' }),
  },
  {
    key: 'ballast.pending',
    area: 'session',
    read: () => items.pending.getValue(),
    good: [goodPending],
    missingFields: [{ id: 'p0' }, goodPending],
    expect: asDefault([], [goodPending]),
  },
  {
    key: 'ballast.activity',
    area: 'local',
    read: () => items.activity.getValue(),
    good: [goodActivity],
    missingFields: [{ hash: HASH }, goodActivity],
    expect: asDefault([], [goodActivity]),
  },
  {
    key: 'ballast.settings',
    area: 'local',
    read: () => settingsItem.getValue(),
    good: { defaultWallet: true, guardMode: false, theme: 'dark', txNotifications: false },
    missingFields: { theme: 'dark' },
    expect: asDefault(
      { defaultWallet: false, guardMode: true, theme: 'system', txNotifications: true },
      { defaultWallet: false, guardMode: true, theme: 'dark', txNotifications: true },
    ),
  },
  {
    key: 'ballast.watchedAssets',
    area: 'local',
    read: () => items.watchedAssets.getValue(),
    good: [goodAsset],
    missingFields: [{ symbol: 'X' }, goodAsset],
    expect: asDefault([], [goodAsset]),
  },
  {
    key: 'ballast.callBundles',
    area: 'local',
    read: () => items.callBundles.getValue(),
    good: [goodBundle],
    missingFields: [{ id: 'b0', hashes: 'nope' }, goodBundle],
    expect: asDefault([], [goodBundle]),
  },
  {
    key: 'ballast.addressBook',
    area: 'local',
    read: () => addressBookItem.getValue(),
    good: [{ address: ACCOUNT_1, name: 'Alice', note: 'rent', addedAt: NOW }],
    missingFields: [{ address: ACCOUNT_1 }, { address: ACCOUNT_1, name: 'Alice', addedAt: NOW }],
    // Names are the user's to retype and guard no funds: a damaged entry is dropped alone, a damaged whole reads as empty.
    expect: asDefault([], [{ address: ACCOUNT_1, name: 'Alice', addedAt: NOW }]),
  },
  {
    key: 'ballast.customTokens',
    area: 'local',
    read: () => customTokensItem.getValue(),
    good: [{ chainId: 1, address: ACCOUNT_1, symbol: 'FOO', decimals: 6, name: 'Foo', addedAt: NOW }],
    missingFields: [
      { chainId: 1, address: ACCOUNT_1 },
      { chainId: 1, address: ACCOUNT_0, symbol: 'BAR', decimals: 18, addedAt: NOW },
    ],
    // A token's label is the user's to add again (the tokens stay on chain): a damaged entry is dropped alone, a damaged list reads as none.
    expect: asDefault([], [{ chainId: 1, address: ACCOUNT_0, symbol: 'BAR', decimals: 18, addedAt: NOW }]),
  },
  {
    key: 'ballast.homeBalances',
    area: 'local',
    read: () => balancesSnapshotsItem.getValue(),
    good: { [`devnet:${ACCOUNT_0.toLowerCase()}`]: goodBalances },
    missingFields: { 'devnet:0xdead': { account: ACCOUNT_1, rows: 'x' }, [`devnet:${ACCOUNT_0.toLowerCase()}`]: goodBalances },
    // Derived from the chain: a damaged snapshot is dropped and Home reads the chain again.
    expect: asDefault({}, { [`devnet:${ACCOUNT_0.toLowerCase()}`]: goodBalances }),
  },
  { key: 'ballast.lastActivity', area: 'session', read: () => lastActivityItem.getValue(), good: NOW, expect: asDefault(0) },
  { key: 'ballast.approvalWindow', area: 'session', read: () => approvalWindowItem.getValue(), good: 7, expect: asDefault(null) },
  { key: 'ballast.deviceWindow', area: 'session', read: () => deviceWindowItem.getValue(), good: 7, expect: asDefault(null) },
  {
    key: 'ballast.flows',
    area: 'local',
    read: () => flowsItem.getValue(),
    good: { f1: goodFlow },
    missingFields: { f0: { ...goodFlow, id: 'f0', steps: [] }, f1: goodFlow },
    // A flow whose step states do not match its plan cannot be resumed safely: it alone is dropped.
    expect: asDefault({}, { f1: goodFlow }),
  },
  {
    key: 'ballast.callFlows',
    area: 'local',
    read: () => callFlowsItem.getValue(),
    good: { f1: goodFlow },
    missingFields: { f0: { id: 'f0' }, f1: goodFlow },
    expect: asDefault({}, { f1: goodFlow }),
  },
  {
    key: 'alerts.settings',
    area: 'local',
    read: () => alertsItems.settings.getValue(),
    good: customAlertSettings,
    missingFields: { ...customAlertSettings, cooldownMinutes: undefined, valueMovePercent: -5 },
    expect: asDefault(DEFAULT_ALERT_SETTINGS_DOC, { ...customAlertSettings, cooldownMinutes: 60, valueMovePercent: 10 }),
  },
  {
    key: 'alerts.state',
    area: 'local',
    read: () => alertsItems.state.getValue(),
    good: goodAlertsState,
    missingFields: { alerts: [{ id: 'x' }, goodAlert], seen: { a: 1 } },
    expect: asDefault(EMPTY_ALERTS, { ...EMPTY_ALERTS, alerts: [goodAlert], seen: { a: 1 } }),
  },
  {
    key: 'tracker.history',
    area: 'local',
    read: () => trackerItems.history.getValue(),
    good: { 'token:stETH': [goodPoint] },
    missingFields: { 'token:stETH': [{ t: 1 }, goodPoint], 'token:rETH': 'x' },
    expect: asDefault({}, { 'token:stETH': [goodPoint] }),
  },
  {
    key: 'tracker.schedule',
    area: 'local',
    read: () => trackerItems.schedule.getValue(),
    good: { consecutiveFailures: 2, nextAttemptAt: NOW, lastAttemptAt: NOW, lastSuccessAt: null, lastError: 'HTTP 503' },
    missingFields: { consecutiveFailures: 2, lastError: 'HTTP 503' },
    expect: asDefault(INITIAL_SCHEDULE_DOC, { ...INITIAL_SCHEDULE_DOC, consecutiveFailures: 2, lastError: 'HTTP 503' }),
  },
];

/** Puts one kind of damage into an item's storage slot (future version: a valid value tagged by a newer release). */
async function damage(c: ItemCase, d: Damage) {
  const area = fakeBrowser.storage[c.area];
  const bad = {
    'wrong type': typeof c.good === 'number' ? 'twelve' : 42,
    null: null,
    'truncated JSON': '[{"address":"0xf39F',
    'missing fields': c.missingFields,
  }[d as Exclude<Damage, 'future version'>];
  if (d === 'future version') await area.set({ [c.key]: c.good, [`${c.key}$`]: { v: 2 } });
  else await area.set({ [c.key]: bad });
}

describe('storage faults: each item read through its schema', () => {
  beforeEach(() => fakeBrowser.reset());

  test.each(CASES.map((c) => [c.key, c] as const))(
    '%s: a valid value reads back unchanged (the schema drops nothing real)',
    async (_key, c) => {
      await fakeBrowser.storage[c.area].set({ [c.key]: c.good });
      expect(await c.read()).toEqual(c.good);
    },
  );

  const DAMAGES: Damage[] = ['wrong type', 'null', 'truncated JSON', 'missing fields', 'future version'];
  const rows = CASES.flatMap((c) =>
    DAMAGES.filter((d) => d !== 'missing fields' || c.missingFields !== undefined).map((d) => [c.key, d, c] as const),
  );
  test.each(rows)('%s with %s', async (_key, d, c) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await damage(c, d);
    const expected = c.expect(d);
    if ('throws' in expected) await expect(c.read()).rejects.toMatchObject(expected.throws);
    else expect(await c.read()).toEqual(expected.reads);
    vi.restoreAllMocks();
  });

  test('the items a real wallet writes read back exactly as stored', async () => {
    await healthyWallet();
    const local = await fakeBrowser.storage.local.get(['ballast.accounts', 'ballast.walletMeta', 'ballast.permissions']);
    const session = await fakeBrowser.storage.session.get(['ballast.secrets']);
    expect(await items.accounts.getValue()).toEqual(local['ballast.accounts']);
    expect(await items.meta.getValue()).toEqual(local['ballast.walletMeta']);
    expect(await items.permissions.getValue()).toEqual(local['ballast.permissions']);
    expect(await items.session.getValue()).toEqual(session['ballast.secrets']);
    expect(Object.keys(local)).toHaveLength(3);
  });

  test('damaged accounts: the page gets the clear message, the vault bytes stay and still unlock, the accounts come back on re-import', async () => {
    const { vault } = await healthyWallet();
    await fakeBrowser.storage.local.set({ 'ballast.accounts': '[{"address":"0xf39F' });
    const h = createHarness(undefined, browserItems());
    expect(await h.call(DAPP, 'eth_accounts', [])).toEqual({
      error: { code: -32603, message: `${ACCOUNTS_UNREADABLE.shortMessage}. ${ACCOUNTS_UNREADABLE.details}` },
    });
    await expect(h.wallet.accounts()).rejects.toMatchObject(ACCOUNTS_UNREADABLE);
    await h.wallet.lock();
    await h.wallet.unlock(PASSWORD);
    expect(await rawVault()).toBe(vault);
  });

  test('damaged networks: the built-in networks answer (devnet, chain 0x1) and the vault is untouched', async () => {
    const { vault } = await healthyWallet();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({ 'ballast.networks': { networks: 'x', activeKey: 3 } });
    const h = createHarness(undefined, browserItems());
    expect(await h.call(DAPP, 'eth_chainId', [])).toEqual({ result: '0x1' });
    expect((await h.networks.active()).builtIn).toBe(true);
    expect(await rawVault()).toBe(vault);
    vi.restoreAllMocks();
  });
});
