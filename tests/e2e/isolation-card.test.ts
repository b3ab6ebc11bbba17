import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchBallast, type Ballast } from './harness';
import { cardSession } from './card-reader';
import { startTwoSites, type TwoSites } from './isolation-sites';

/**
 * The in-page card decides whether another wallet gets a transaction or signature (guard mode). The
 * page must not be able to press its buttons: it cannot reach them (closed shadow root), and even
 * holding the very button element (handed to page JavaScript over the DevTools protocol) its
 * synthetic clicks and key presses do nothing. A user's real click does.
 */
const STANDIN_RDNS = 'test.standin';
const USER = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
let ballast: Ballast;
let sites: TwoSites;
let page: Page;
const received: string[] = [];

beforeAll(async () => {
  sites = await startTwoSites();
  ballast = await launchBallast();
  page = await ballast.context.newPage();
  await page.exposeFunction('__standIn', (method: string) => {
    received.push(method);
    return method === 'personal_sign' ? `0x${'ab'.repeat(65)}` : [USER];
  });
  // Another wallet, announced by EIP-6963; its answers come from the test (received lists what reached it).
  await page.addInitScript((rdns: string) => {
    const w = window as unknown as { __standIn(m: string): Promise<unknown>; __standInProvider: unknown };
    const provider = { request: ({ method }: { method: string }) => w.__standIn(method), on() {} };
    w.__standInProvider = provider;
    const info = {
      uuid: '00000000-0000-4000-8000-0000000000bb',
      name: 'Stand-in wallet',
      icon: 'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg"/>',
      rdns,
    };
    const announce = () => window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
  }, STANDIN_RDNS);
  await page.goto(`${sites.a.origin}/`);
}, 120_000);
afterAll(async () => {
  await ballast?.close();
  await sites?.close();
});

/** Asks the stand-in wallet to sign from page JavaScript; the outcome lands in window.__signed. */
const askToSign = () =>
  page.evaluate((user) => {
    const w = window as unknown as { __standInProvider: { request(a: unknown): Promise<unknown> }; __signed?: unknown };
    delete w.__signed;
    void w.__standInProvider.request({ method: 'personal_sign', params: ['0x68656c6c6f', user] }).then(
      (result) => (w.__signed = { result }),
      (error: { code?: number }) => (w.__signed = { error: error.code }),
    );
  }, USER);
const signedOutcome = () => page.waitForFunction(() => (window as unknown as { __signed?: unknown }).__signed).then((h) => h.jsonValue());

/** Waits until the card shows its buttons with the background's answer (it re-renders once when that arrives). */
const settled = (card: Awaited<ReturnType<typeof cardSession>>) =>
  expect
    .poll(
      async () => {
        const text = (await card.text()) ?? '';
        return /Continue/.test(text) && !/Simulating/.test(text);
      },
      { timeout: 60_000 },
    )
    .toBe(true);

type CdpNode = { nodeId: number; nodeName: string; nodeValue?: string; children?: CdpNode[]; shadowRoots?: CdpNode[] };
const textOf = (n: CdpNode): string =>
  n.nodeName === '#text' ? (n.nodeValue ?? '') : [...(n.shadowRoots ?? []), ...(n.children ?? [])].map(textOf).join('');
function findButton(node: CdpNode, label: string): CdpNode | undefined {
  if (node.nodeName === 'BUTTON' && textOf(node).trim() === label) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const hit = findButton(child, label);
    if (hit) return hit;
  }
  return undefined;
}

/** Hands the card's button to the page's own JavaScript world as window.__leaked (as if a bug leaked it). */
async function leakButtonToPage(cdp: CDPSession, label: string): Promise<{ x: number; y: number }> {
  const contexts: { id: number; auxData?: { isDefault?: boolean; frameId?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context as (typeof contexts)[number]));
  await cdp.send('Runtime.enable');
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const pageWorld = contexts.find((c) => c.auxData?.isDefault === true && c.auxData.frameId === frameTree.frame.id);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
  const button = findButton(root, label);
  if (!pageWorld || !button) throw new Error(`No page world or no "${label}" button`);
  const { object } = (await cdp.send('DOM.resolveNode', { nodeId: button.nodeId, executionContextId: pageWorld.id })) as {
    object: { objectId: string };
  };
  await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { window.__leaked = this; }' });
  const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { content: number[] } };
  const [x1 = 0, y1 = 0, , , x3 = 0, y3 = 0] = model.content;
  return { x: (x1 + x3) / 2, y: (y1 + y3) / 2 };
}

describe('a page cannot click the in-page card', () => {
  it("page JavaScript cannot find the card's buttons, and synthetic clicks and keys on them do nothing; a real click does", async () => {
    const card = await cardSession(page);
    await askToSign();
    await settled(card);
    const sentBefore = received.filter((m) => m === 'personal_sign').length;

    const reach = await page.evaluate(() => {
      const host = document.querySelector('ballast-risk-card');
      return {
        host: host !== null,
        shadowRoot: host?.shadowRoot === null ? 'closed' : 'open',
        buttons: document.querySelectorAll('button').length,
        text: document.body.innerText.includes('Continue'),
      };
    });
    expect(reach).toEqual({ host: true, shadowRoot: 'closed', buttons: 0, text: false });

    const cdp = await ballast.context.newCDPSession(page);
    const { x, y } = await leakButtonToPage(cdp, 'Continue');
    const attempts = await page.evaluate(
      ({ x, y }) => {
        const leaked = (window as unknown as { __leaked: HTMLButtonElement }).__leaked;
        const host = document.querySelector('ballast-risk-card')!;
        const atPoint = document.elementFromPoint(x, y);
        const connected = leaked.isConnected;
        const mouse = (type: string) =>
          new MouseEvent(type, { bubbles: true, composed: true, cancelable: true, clientX: x, clientY: y, view: window });
        const key = (type: string, k: string) =>
          new KeyboardEvent(type, { bubbles: true, composed: true, cancelable: true, key: k, code: k === ' ' ? 'Space' : k });
        for (const target of [leaked, host, atPoint].filter((t): t is Element => t !== null)) {
          for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
            target.dispatchEvent(
              type.startsWith('pointer') ? new PointerEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }) : mouse(type),
            );
          (target as HTMLElement).click();
          (target as HTMLElement).focus();
          for (const k of ['Enter', ' ']) for (const type of ['keydown', 'keypress', 'keyup']) target.dispatchEvent(key(type, k));
        }
        leaked.form?.requestSubmit();
        return { leakedIsButton: leaked.tagName, connected, atPoint: atPoint?.tagName.toLowerCase() };
      },
      { x, y },
    );
    // The button the page held was the live one (not one a re-render had already replaced).
    expect(attempts).toEqual({ leakedIsButton: 'BUTTON', connected: true, atPoint: 'ballast-risk-card' });
    // Synthetic events are dispatched synchronously: had one counted, the guard would have let the
    // request through by now. An evaluate round trip later, still nothing reached the other wallet.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(received.filter((m) => m === 'personal_sign').length).toBe(sentBefore);
    expect(await page.evaluate(() => (window as unknown as { __signed?: unknown }).__signed)).toBeUndefined();
    expect(await card.text()).toMatch(/Continue/);

    // The user's own click (trusted input at the button) lets the request through to the other wallet.
    await card.click('Continue');
    expect(await signedOutcome()).toEqual({ result: `0x${'ab'.repeat(65)}` });
    expect(received.filter((m) => m === 'personal_sign').length).toBe(sentBefore + 1);
    expect(await card.text()).toBeUndefined();
    await cdp.detach();
    await card.detach();
  });

  it('a real key press on the focused Cancel button cancels (keyboard users are not locked out)', async () => {
    const card = await cardSession(page);
    const sentBefore = received.filter((m) => m === 'personal_sign').length;
    await askToSign();
    await settled(card);
    const cdp = await ballast.context.newCDPSession(page);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    await cdp.send('DOM.focus', { nodeId: findButton(root, 'Cancel')!.nodeId });
    await page.keyboard.press('Enter');
    expect(await signedOutcome()).toEqual({ error: 4001 });
    expect(received.filter((m) => m === 'personal_sign').length).toBe(sentBefore);
    await cdp.detach();
    await card.detach();
  });
});

/**
 * The page cannot hide the card and let the user click Continue blind. It can restyle or move the host
 * (restored at once, and the card says so), or cover it with a decoy its clicks pass through (Continue
 * counts only while the browser reports the card visible: IntersectionObserver v2).
 */
describe('a page cannot hide the in-page card and have Continue count', () => {
  const HIDE_NOTICE = /This page tried to hide Ballast's warning/;
  const signs = () => received.filter((m) => m === 'personal_sign').length;
  /** Lets the page render a frame: a click that counted has reached the other wallet by then. */
  const frame = () => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const live = (card: Awaited<ReturnType<typeof cardSession>>, expected: boolean) =>
    expect.poll(() => card.armed('Continue'), { timeout: 10_000 }).toBe(expected);

  it('the page sets the host to opacity 0, the user clicks where Continue is: not forwarded, the style is put back and the card says why', async () => {
    const card = await cardSession(page);
    await askToSign();
    await settled(card);
    await live(card, true);
    const sentBefore = signs();
    const { x, y } = await card.centreOf('Continue');
    await page.evaluate(() => document.querySelector<HTMLElement>('ballast-risk-card')!.style.setProperty('opacity', '0', 'important'));
    await page.mouse.click(x, y);
    await frame();
    expect(signs()).toBe(sentBefore);
    expect(await page.evaluate(() => (window as unknown as { __signed?: unknown }).__signed)).toBeUndefined();
    expect(await card.text()).toMatch(HIDE_NOTICE);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('ballast-risk-card')!).opacity)).toBe('1');
    await card.click('Cancel');
    expect(await signedOutcome()).toEqual({ error: 4001 });
    await card.detach();
  });

  it('display:none, an off-screen transform, removing the host or moving it into a hidden box: each is undone', async () => {
    const card = await cardSession(page);
    await askToSign();
    await settled(card);
    const attacks = [
      'host.style.display = "none"',
      'host.style.transform = "translateX(-10000px)"',
      'host.setAttribute("hidden", "")',
      'host.remove()',
      'const box = document.createElement("div"); box.style.display = "none"; document.body.append(box); box.append(host)',
    ];
    for (const attack of attacks) {
      const after = await page.evaluate(async (attack) => {
        const host = document.querySelector<HTMLElement>('ballast-risk-card')!;
        new Function('host', attack)(host);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        const now = document.querySelector<HTMLElement>('ballast-risk-card');
        const style = now && getComputedStyle(now);
        const box = now?.getBoundingClientRect();
        return {
          same: now === host,
          parent: now?.parentElement === document.documentElement,
          display: style?.display,
          opacity: style?.opacity,
          transform: style?.transform,
          hidden: now?.hasAttribute('hidden'),
          onScreen: box !== undefined && box.width > 0 && box.left >= 0 && box.right <= innerWidth,
        };
      }, attack);
      expect(after, attack).toEqual({
        same: true,
        parent: true,
        display: 'block',
        opacity: '1',
        transform: 'none',
        hidden: false,
        onScreen: true,
      });
    }
    expect(await card.text()).toMatch(HIDE_NOTICE);
    await card.click('Cancel');
    expect(await signedOutcome()).toEqual({ error: 4001 });
    await card.detach();
  });

  it('a decoy over the card that clicks pass through (pointer-events: none): the Continue click does not count', async () => {
    const card = await cardSession(page);
    await askToSign();
    await settled(card);
    await live(card, true);
    const sentBefore = signs();
    const { x, y } = await card.centreOf('Continue');
    // Appended after the host, so it paints on top of it at the same z-index.
    await page.evaluate(() => {
      const decoy = document.createElement('div');
      decoy.id = 'decoy';
      decoy.textContent = 'Claim your reward →';
      decoy.style.cssText =
        'position:fixed;top:0;right:0;width:420px;height:420px;background:#fff;z-index:2147483647;pointer-events:none;font:32px sans-serif';
      document.documentElement.append(decoy);
    });
    expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.tagName.toLowerCase(), { x, y })).toBe('ballast-risk-card');
    // The browser reports the card covered (Continue goes inert), then the user clicks the decoy's "button".
    await live(card, false);
    await page.mouse.click(x, y);
    await frame();
    expect(signs()).toBe(sentBefore);
    expect(await page.evaluate(() => (window as unknown as { __signed?: unknown }).__signed)).toBeUndefined();
    expect(await card.text()).toMatch(HIDE_NOTICE);
    await page.evaluate(() => document.getElementById('decoy')?.remove());
    await card.click('Cancel');
    expect(await signedOutcome()).toEqual({ error: 4001 });
    await card.detach();
  });

  it('once the card is back in view, Continue waits for a fresh visible render and then a real click goes through', async () => {
    const card = await cardSession(page);
    await askToSign();
    await settled(card);
    await page.evaluate(() => document.querySelector('ballast-risk-card')!.remove());
    // Re-attached with the notice; Continue is inert at first.
    await expect.poll(() => card.text()).toMatch(HIDE_NOTICE);
    expect(await card.armed('Continue')).toBe(false);
    const sentBefore = signs();
    await card.click('Continue'); // waits until the card was seen visible again
    expect(await signedOutcome()).toEqual({ result: `0x${'ab'.repeat(65)}` });
    expect(signs()).toBe(sentBefore + 1);
    expect(await card.text()).toBeUndefined();
    await card.detach();
  });
});
