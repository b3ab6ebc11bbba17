import { describe, expect, it, vi } from 'vitest';
import { answerCardAsk } from '../../lib/messaging/card-channel';
import type { MessageSender, RuntimePort } from '../../lib/messaging/extension-api';
import { createPortHub, type PortHubServices } from '../../lib/messaging/port-hub';
import { answerSettingsAsk } from '../../lib/messaging/settings-channel';
import { PROVIDER_PORT_NAME, UI_PORT_NAME } from '../../lib/messaging/ui-events';
import { CARD_MESSAGE } from '../../lib/provider/page/card-messages';
import { SETTINGS_ASK } from '../../lib/provider/page/settings-messages';
import type { PreviewService } from '../../lib/preview/service';

/**
 * A sender the background cannot place at a real web origin is refused, whatever else it carries: the
 * browser's `sender.origin` decides, never the frame's `url` (a sandboxed or about:blank frame keeps a
 * URL that is not its origin).
 */
const runtime = { id: 'ballast-id', getURL: (path: string) => `chrome-extension://ballast-id${path}` };
const SITE = 'https://app.example';

const refusedTabSenders: [string, MessageSender | undefined][] = [
  ['no origin, only a url', { id: 'ballast-id', url: `${SITE}/page`, tab: { id: 7 }, frameId: 0 }],
  [
    'an opaque origin ("null", a sandboxed frame) with a real url',
    { id: 'ballast-id', url: `${SITE}/page`, origin: 'null', tab: { id: 7 } },
  ],
  ['no origin and no url', { id: 'ballast-id', tab: { id: 7 } }],
  ['an origin that is not a URL', { id: 'ballast-id', url: `${SITE}/page`, origin: 'app.example', tab: { id: 7 } }],
  ['no sender at all', undefined],
];
const realSender: MessageSender = { id: 'ballast-id', url: `${SITE}/page`, origin: SITE, tab: { id: 7 }, frameId: 0 };

function fakePort(name: string, sender: MessageSender | undefined) {
  const posted: unknown[] = [];
  const listeners: ((message: unknown) => void)[] = [];
  let disconnected = false;
  const port: RuntimePort = {
    name,
    sender,
    postMessage: (message) => void posted.push(message),
    disconnect: () => void (disconnected = true),
    onMessage: { addListener: (listener) => void listeners.push(listener) },
    onDisconnect: { addListener: () => undefined },
  };
  return { port, posted, disconnected: () => disconnected, send: (message: unknown) => listeners.forEach((l) => l(message)) };
}

function hub() {
  const handled: { origin: string; method: string }[] = [];
  let built = 0;
  const services = {
    wallet: { status: async () => 'unlocked', accounts: async () => [], meta: async () => ({}) },
    permissions: { get: async () => undefined },
    networks: { active: async () => ({ chainId: 1 }) },
    router: {
      handle: async (request: { origin: string; method: string }) => {
        handled.push({ origin: request.origin, method: request.method });
        return { result: '0x1' };
      },
    },
    approvals: { withdraw: async () => undefined },
    autoLock: { enforce: async () => undefined },
    settings: { getValue: async () => ({ defaultWallet: false, guardMode: true, theme: 'system' as const }) },
  } as unknown as PortHubServices;
  const ports = createPortHub(runtime, () => {
    built++;
    return services;
  });
  return { ports, handled, built: () => built };
}

describe('provider port: a sender without a real origin is turned away', () => {
  it.each(refusedTabSenders)('%s: disconnected at once, nothing posted, no request reaches the router', async (_label, sender) => {
    const h = hub();
    const p = fakePort(PROVIDER_PORT_NAME, sender);
    h.ports.onConnect(p.port);
    expect(p.disconnected()).toBe(true);
    p.send({ type: 'request', id: '1', method: 'eth_chainId' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(h.handled).toEqual([]);
    expect(p.posted).toEqual([]);
    expect(h.built()).toBe(0);
  });

  it('control: a tab with a real origin is served under that origin', async () => {
    const h = hub();
    const p = fakePort(PROVIDER_PORT_NAME, realSender);
    h.ports.onConnect(p.port);
    expect(p.disconnected()).toBe(false);
    p.send({ type: 'request', id: '1', method: 'eth_chainId' });
    await vi.waitFor(() => expect(h.handled).toEqual([{ origin: SITE, method: 'eth_chainId' }]));
    await vi.waitFor(() => expect(p.posted).toContainEqual({ type: 'response', id: '1', result: '0x1' }));
  });
});

describe('UI port: an extension page without its origin is turned away', () => {
  it.each([
    ['our page without an origin', { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html' }],
    ['our page with an opaque origin', { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html', origin: 'null' }],
    ['our page url with a web origin', { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html', origin: SITE }],
  ] as [string, MessageSender][])('%s: disconnected and hears no change', (_label, sender) => {
    const h = hub();
    const p = fakePort(UI_PORT_NAME, sender);
    h.ports.onConnect(p.port);
    expect(p.disconnected()).toBe(true);
    h.ports.notifyUi('wallet');
    expect(p.posted).toEqual([]);
  });

  it('control: the popup with its origin hears changes', () => {
    const h = hub();
    const p = fakePort(UI_PORT_NAME, {
      id: 'ballast-id',
      url: 'chrome-extension://ballast-id/popup.html',
      origin: 'chrome-extension://ballast-id',
    });
    h.ports.onConnect(p.port);
    expect(p.disconnected()).toBe(false);
    h.ports.notifyUi('wallet');
    expect(p.posted).toEqual([{ type: 'changed', topic: 'wallet' }]);
  });
});

describe('card ask: a sender without a real origin gets no answer', () => {
  function previews() {
    const asked: unknown[][] = [];
    const view = { worst: 'none', flags: [] };
    const service = {
      forPageRequest: async (...args: unknown[]) => (asked.push(['forPageRequest', ...args]), view),
      forGuard: async (...args: unknown[]) => (asked.push(['forGuard', ...args]), view),
    } as unknown as PreviewService;
    return { service, asked };
  }
  const ask = { type: CARD_MESSAGE, mode: 'ballast', requestId: 'r1', method: 'eth_sendTransaction' };

  it.each(refusedTabSenders)('%s: no answer, no preview looked up', (_label, sender) => {
    const p = previews();
    expect(answerCardAsk({ runtime, previews: () => p.service }, ask, sender)).toBeUndefined();
    expect(answerCardAsk({ runtime, previews: () => p.service }, { ...ask, mode: 'guard', params: [{}] }, sender)).toBeUndefined();
    expect(p.asked).toEqual([]);
  });

  it("control: our content script at a real origin gets the preview of its origin's request", async () => {
    const p = previews();
    const answer = await answerCardAsk({ runtime, previews: () => p.service }, ask, realSender);
    expect(answer).toMatchObject({ ok: true });
    expect(p.asked).toEqual([['forPageRequest', SITE, 'r1']]);
  });
});

describe('settings ask: only our content script at a real origin, and only the two settings it acts on', () => {
  const stored = { defaultWallet: true, guardMode: false, theme: 'dark' as const, txNotifications: true };
  const deps = () => {
    let reads = 0;
    return {
      deps: { runtime, settings: () => ({ getValue: async () => (reads++, stored) }) },
      reads: () => reads,
    };
  };

  it.each(refusedTabSenders)('%s: no answer, settings not read', (_label, sender) => {
    const d = deps();
    expect(answerSettingsAsk(d.deps, { type: SETTINGS_ASK }, sender)).toBeUndefined();
    expect(d.reads()).toBe(0);
  });

  it.each([
    ['another extension', { ...realSender, id: 'other-extension' }],
    ['one of our pages', { id: 'ballast-id', url: 'chrome-extension://ballast-id/popup.html', origin: 'chrome-extension://ballast-id' }],
  ] as [string, MessageSender][])('%s: no answer (not our content script)', (_label, sender) => {
    expect(answerSettingsAsk(deps().deps, { type: SETTINGS_ASK }, sender)).toBeUndefined();
  });

  it('another message is not a settings ask', () => {
    expect(answerSettingsAsk(deps().deps, { type: CARD_MESSAGE }, realSender)).toBeUndefined();
    expect(answerSettingsAsk(deps().deps, null, realSender)).toBeUndefined();
  });

  it('control: our content script gets defaultWallet and guardMode, nothing else', async () => {
    expect(await answerSettingsAsk(deps().deps, { type: SETTINGS_ASK }, realSender)).toEqual({ defaultWallet: true, guardMode: false });
  });
});
