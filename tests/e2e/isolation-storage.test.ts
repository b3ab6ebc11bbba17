import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Ballast } from './harness';
import { expectOk } from './harness';
import type { TwoSites } from './isolation-sites';
import { contentScriptWorld, openSite, startIsolationWorld, stopIsolationWorld } from './isolation-helpers';

/**
 * storage.local holds the encrypted vault. Ballast's content script runs in every web page's renderer;
 * these tests run code in its isolated world (its real chrome.storage) and expect storage.local closed to
 * it, while the two settings it acts on (default wallet, guard mode) still reach it from the background.
 */
let ballast: Ballast;
let ui: Page;
let sites: TwoSites;

beforeAll(async () => {
  ({ ballast, ui, sites } = await startIsolationWorld());
});
afterAll(() => stopIsolationWorld({ ballast, sites }));

/** anvil's published account #9 key: importing it re-encrypts the vault (a vault write while a page listens). */
const IMPORTED_KEY = '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6';
const settingsAsk = `chrome.runtime.sendMessage({ type: 'ballast:public-settings' })`;

/** Sets storage.local's access level from the worker (only the control in the onChanged test opens it). */
const setLocalAccess = (accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS') =>
  ballast.serviceWorker.evaluate(
    (level) =>
      (
        globalThis as unknown as { chrome: { storage: { local: { setAccessLevel(o: { accessLevel: string }): Promise<void> } } } }
      ).chrome.storage.local.setAccessLevel({ accessLevel: level }),
    accessLevel,
  );

const workerStorage = () =>
  ballast.serviceWorker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } } };
    return chrome.storage.local.get(null);
  });

describe("the content script cannot read Ballast's storage", () => {
  it('storage.local.get(null) from the content script is refused and shows no vault; the worker still reads it', async () => {
    const stored = await workerStorage();
    expect(typeof stored['ballast.vault']).toBe('string'); // control: there is a vault to find
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const world = await contentScriptWorld(ballast, page);
    expect(await world.evaluate('chrome.runtime.id')).toBe(ballast.extensionId);
    const seen = await world.evaluate<{ keys?: string[]; error?: string }>(
      `chrome.storage.local.get(null).then((all) => ({ keys: Object.keys(all), text: JSON.stringify(all) }), (e) => ({ error: String(e) }))`,
    );
    expect(seen.keys, JSON.stringify(seen)).toBeUndefined();
    expect(seen.error).toMatch(/not allowed/i);
    for (const probe of [`chrome.storage.local.get('ballast.vault')`, `chrome.storage.session.get(null)`]) {
      const answer = await world.evaluate<string>(`${probe}.then((v) => JSON.stringify(v), (e) => 'refused: ' + e)`);
      expect(answer, probe).toMatch(/^refused: /);
    }
    await world.detach();
    await page.close();
  });

  it('the content script cannot overwrite the vault, and hears no storage change when the vault is rewritten', async () => {
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const world = await contentScriptWorld(ballast, page);
    await world.evaluate(
      `(globalThis.__heard = [], chrome.storage.onChanged.addListener((changes, area) => globalThis.__heard.push(area + ':' + Object.keys(changes).join(','))), true)`,
    );
    const before = (await workerStorage())['ballast.vault'];
    const write = await world.evaluate<string>(
      `chrome.storage.local.set({ 'ballast.vault': 'attacker' }).then(() => 'written', (e) => 'refused: ' + e)`,
    );
    expect(write).toMatch(/^refused: /);
    expect((await workerStorage())['ballast.vault']).toBe(before);

    await expectOk(ui, 'wallet:importPrivateKey', { privateKey: IMPORTED_KEY });
    const after = (await workerStorage())['ballast.vault'];
    expect(after).not.toBe(before); // the vault was rewritten while the page listened
    // Control, and the point up to which events are delivered: opened for a moment, storage.local reaches
    // this listener (storage events reach a renderer in order, so the vault's would have come first).
    await setLocalAccess('TRUSTED_AND_UNTRUSTED_CONTEXTS');
    try {
      await ballast.serviceWorker.evaluate(() =>
        (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({
          'e2e.marker': 1,
        }),
      );
      const heard = await world.evaluate<string[]>(
        `new Promise((resolve) => { const check = () => (globalThis.__heard.length > 0 ? resolve(globalThis.__heard) : setTimeout(check, 20)); check(); })`,
      );
      expect(heard).toEqual(['local:e2e.marker']);
    } finally {
      await setLocalAccess('TRUSTED_CONTEXTS');
    }
    expect(await world.evaluate<string>(`chrome.storage.local.get(null).then(() => 'read', (e) => 'refused: ' + e)`)).toMatch(/^refused: /);
    await world.detach();
    await page.close();
  });
});

describe('the settings the content script acts on still reach it', () => {
  it('the background answers our content script with the default-wallet and guard-mode settings, nothing else', async () => {
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const world = await contentScriptWorld(ballast, page);
    expect(await world.evaluate(settingsAsk)).toEqual({ defaultWallet: false, guardMode: true });
    await expectOk(ui, 'settings:set', { defaultWallet: true, guardMode: false, theme: 'dark' });
    expect(await world.evaluate(settingsAsk)).toEqual({ defaultWallet: true, guardMode: false });
    await expectOk(ui, 'settings:set', { defaultWallet: false, guardMode: true, theme: 'system' });
    await world.detach();
    await page.close();
  });

  it('default wallet on: Ballast takes window.ethereum from another wallet that holds it', async () => {
    await expectOk(ui, 'settings:set', { defaultWallet: true });
    const page = await ballast.context.newPage();
    // Another wallet's provider, set before the page's scripts (and assigned over Ballast's if Ballast came first).
    await page.addInitScript(() => {
      (window as unknown as { ethereum: unknown }).ethereum = { isStandIn: true, request: async () => null };
    });
    await page.goto(`${sites.a.origin}/`);
    await page.waitForFunction(() => (window as unknown as { ethereum?: { isBallast?: boolean } }).ethereum?.isBallast === true);
    await expectOk(ui, 'settings:set', { defaultWallet: false });
    await page.close();
  });

  it('guard mode off: a guard ask passes at once (no card); on: it is held for the card', async () => {
    const askGuard = (target: Page, id: string) =>
      target.evaluate((requestId) => {
        const decided = new Promise<unknown>((resolve) =>
          window.addEventListener('message', (event: MessageEvent) => {
            const data = event.data as { channel?: string; id?: string; proceed?: boolean } | null;
            if (data?.channel === 'ballast:guard-decision' && data.id === requestId) resolve(data.proceed);
          }),
        );
        window.postMessage(
          { channel: 'ballast:guard-ask', id: requestId, method: 'personal_sign', params: ['0x68656c6c6f', '0x0'], wallet: 'Stand-in' },
          location.origin,
        );
        (window as unknown as { __decided: Record<string, Promise<unknown>> }).__decided ??= {};
        (window as unknown as { __decided: Record<string, Promise<unknown>> }).__decided[requestId] = decided;
      }, id);

    await expectOk(ui, 'settings:set', { guardMode: false });
    const page = await openSite(ballast, `${sites.a.origin}/`);
    await askGuard(page, 'off-1');
    expect(await page.evaluate(() => (window as unknown as { __decided: Record<string, Promise<unknown>> }).__decided['off-1'])).toBe(true);

    await expectOk(ui, 'settings:set', { guardMode: true });
    await askGuard(page, 'on-1');
    // Held: the card (a closed shadow root) is in the page and no decision came.
    await page.waitForFunction(() => document.querySelector('ballast-risk-card') !== null);
    const pending = await page.evaluate(() =>
      Promise.race([
        (window as unknown as { __decided: Record<string, Promise<unknown>> }).__decided['on-1'],
        Promise.resolve('undecided'),
      ]),
    );
    expect(pending).toBe('undecided');
    await page.close();
  });
});
