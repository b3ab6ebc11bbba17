import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { Ballast } from './harness';
import { expectOk, sendProtocol } from './harness';
import type { TwoSites } from './isolation-sites';
import {
  PASSWORD,
  answerApproval,
  contentScriptWorld as worldOf,
  openSite,
  outcomeOf,
  startCall,
  walletState,
  startIsolationWorld,
  stopIsolationWorld,
} from './isolation-helpers';

/**
 * A tab cannot act as the popup. The strongest tab-side sender is our own content script: these tests
 * run code inside its isolated world (found over the DevTools protocol) and send the popup's protocol
 * messages from there with its real chrome.runtime. The background must refuse every one, because the
 * sender is a web page's frame, not an extension page.
 */
let ballast: Ballast;
let ui: Page;
let sites: TwoSites;

beforeAll(async () => {
  ({ ballast, ui, sites } = await startIsolationWorld());
});
afterAll(() => stopIsolationWorld({ ballast, sites }));

/** Evaluates JavaScript in Ballast's content-script world of the page's top frame. */
const contentScriptWorld = (page: Page) => worldOf(ballast, page);

type Reply = { res?: { ok: boolean; value?: unknown; error?: { message?: string; code?: string } }; err?: unknown } | undefined;

/** The popup's message, in @webext-core/messaging's wire format, sent by the content script's runtime. */
const protocolMessage = (type: string, data: unknown) =>
  `chrome.runtime.sendMessage(${JSON.stringify({ id: 7, type, data, timestamp: 1 })}).then((reply) => reply, (error) => ({ err: String(error) }))`;

const ATTEMPTS: [string, unknown][] = [
  ['wallet:getState', undefined],
  ['wallet:revealMnemonic', { password: PASSWORD }],
  ['wallet:unlock', { password: PASSWORD }],
  ['wallet:lock', undefined],
  ['wallet:changePassword', { oldPassword: PASSWORD, newPassword: 'attacker password' }],
  ['accounts:add', {}],
  ['accounts:select', { address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }],
  ['sites:list', undefined],
  ['settings:set', { guardMode: false, defaultWallet: true }],
  ['networks:setRpcUrls', { key: 'mainnet', chainId: 1, rpcUrls: ['http://attacker.invalid'] }],
  ['pending:list', undefined],
  ['preview:get', { id: 'x' }],
  ['portfolio:get', undefined],
  ['alerts:list', undefined],
  ['flows:list', undefined],
  ['insights:get', { symbol: 'stETH', amount: '1' }],
];

describe('messages whose sender is a tab cannot act as the popup', () => {
  it("from the content script's own world, every popup protocol message is refused (forbidden_sender) and the wallet is unchanged", async () => {
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const world = await contentScriptWorld(page);
    // Control: this really is Ballast's content script, and its messages do reach the background
    // (the card's preview ask is the one message a tab may send; an unknown request gets ok:false).
    expect(await world.evaluate('chrome.runtime.id')).toBe(ballast.extensionId);
    const card = await world.evaluate<unknown>(
      `chrome.runtime.sendMessage({ type: 'ballast:card-preview', mode: 'ballast', requestId: 'none', method: 'eth_sendTransaction' })`,
    );
    expect(card).toEqual({ ok: false });

    await expectOk(ui, 'wallet:lock');
    const before = await walletState(ballast, ui);
    for (const [type, data] of ATTEMPTS) {
      const reply = await world.evaluate<Reply>(protocolMessage(type, data));
      expect(reply?.res?.ok, `${type}: ${JSON.stringify(reply)}`).toBe(false);
      expect(reply?.res?.error?.message, type).toMatch(/^Refused: not an extension page/);
      expect(JSON.stringify(reply)).not.toMatch(/test test|0xf39f/i);
    }
    expect(await walletState(ballast, ui)).toEqual(before);
    expect(before.status).toBe('locked');
    await expectOk(ui, 'wallet:unlock', { password: PASSWORD });
    await world.detach();
    await page.close();
  });

  it('the content script cannot resolve a waiting approval even with its real id; the user still decides, once', async () => {
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const world = await contentScriptWorld(page);
    await startCall(page, 'connect', 'eth_requestAccounts');
    await expect.poll(async () => ((await expectOk(ui, 'pending:list')) as unknown[]).length).toBe(1);
    const [pending] = (await expectOk(ui, 'pending:list')) as { id: string }[];
    const reply = await world.evaluate<Reply>(
      protocolMessage('pending:resolve', { id: pending!.id, approved: true, accounts: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'] }),
    );
    expect(reply?.res?.error?.code, JSON.stringify(reply)).toBe('sender.forbidden');
    expect(((await expectOk(ui, 'pending:list')) as { id: string }[]).map((p) => p.id)).toEqual([pending!.id]);
    expect(await outcomeOf(page, 'connect')).toBeUndefined();
    expect(await expectOk(ui, 'sites:list')).toEqual([]);
    await answerApproval(ballast, sites.a.origin, 'Reject');
    await page.waitForFunction(() => (window as unknown as { __pending: Record<string, unknown> }).__pending.connect);
    expect((await outcomeOf(page, 'connect'))?.error?.code).toBe(4001);
    await world.detach();
    await page.close();
  });

  it("the content script's UI port (the popup's change feed) is disconnected at once and hears nothing", async () => {
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const world = await contentScriptWorld(page);
    await world.evaluate(`(globalThis.__uiPort = new Promise((resolve) => {
      const port = chrome.runtime.connect({ name: 'ballast:ui' });
      port.onMessage.addListener((m) => resolve({ heard: m }));
      port.onDisconnect.addListener(() => resolve('disconnected'));
    }), true)`);
    // A change the popup would hear about: had the port been kept, this reaches it (and the test fails fast).
    await expectOk(ui, 'settings:set', {});
    const heard = await world.evaluate<unknown>('globalThis.__uiPort');
    expect(heard).toBe('disconnected');
    await world.detach();
    await page.close();
  });

  it('an extension page in a tab is an extension page (allowed); a web page cannot open or frame one', async () => {
    // ui is popup.html opened in a tab: it has a tab id and still speaks the protocol.
    expect(ui.url()).toBe(ballast.url('popup.html'));
    expect((await sendProtocol(ui, 'wallet:getState')).ok).toBe(true);
    const page = await openSite(ballast, `${sites.a.origin}/`);
    // Chromium blocks both (the pages are not web-accessible) and shows its error page instead.
    const BLOCKED = 'chrome-error://chromewebdata/';
    const whereIs = (target: Page | Frame) =>
      target.evaluate(() => ({
        href: location.href,
        runtime: typeof (globalThis as { chrome?: { runtime?: { id?: string } } }).chrome?.runtime?.id,
      }));
    for (const path of ['popup.html', 'approval.html']) {
      const target = ballast.url(path);
      await page.evaluate(async (src) => {
        const iframe = document.createElement('iframe');
        iframe.src = src;
        const loaded = new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }));
        document.body.append(iframe);
        await loaded;
      }, target);
      const frame = page.frames().find((f) => f.parentFrame() === page.mainFrame());
      expect(frame, path).toBeDefined();
      expect(await whereIs(frame!), path).toEqual({ href: BLOCKED, runtime: 'undefined' });
      await page.evaluate(() => document.querySelector('iframe')?.remove());
      const [opened] = await Promise.all([ballast.context.waitForEvent('page'), page.evaluate((url) => void window.open(url), target)]);
      await opened.waitForLoadState('domcontentloaded');
      expect(await whereIs(opened), path).toEqual({ href: BLOCKED, runtime: 'undefined' });
      await opened.close();
    }
    await page.close();
  });
});
