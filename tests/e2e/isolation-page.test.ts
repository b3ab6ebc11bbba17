import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringToHex, verifyMessage } from 'viem';
import type { Page } from 'playwright-core';
import type { Ballast } from './harness';
import { expectOk } from './harness';
import type { TwoSites } from './isolation-sites';
import {
  ACCOUNT_0,
  PASSWORD,
  answerApproval,
  call,
  openSite,
  outcomeOf,
  startCall,
  walletState,
  startIsolationWorld,
  stopIsolationWorld,
} from './isolation-helpers';

/**
 * A hostile web page tries to use the wallet protocol of the popup: through window.ethereum, through
 * hand-made window.postMessage frames in the relay's and the messaging library's wire formats, and by
 * answering its own connect request with the real approval id. Every try must fail and leave the
 * wallet exactly as it was.
 */
const UI_METHODS = [
  'wallet:getState',
  'wallet:revealMnemonic',
  'wallet:unlock',
  'wallet:lock',
  'wallet:importMnemonic',
  'wallet:changePassword',
  'accounts:add',
  'accounts:select',
  'sites:list',
  'sites:revoke',
  'networks:setRpcUrls',
  'settings:set',
  'pending:list',
  'pending:resolve',
  'approvals:resolve',
  'preview:get',
  'flows:start',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
];
const UNSUPPORTED_METHOD = 4200; // EIP-1193

let ballast: Ballast;
let ui: Page;
let sites: TwoSites;

beforeAll(async () => {
  ({ ballast, ui, sites } = await startIsolationWorld());
});
afterAll(() => stopIsolationWorld({ ballast, sites }));

/** Posts frames from page JavaScript, then one honest eth_chainId through the relay; resolves with the wire log once that answer arrived. */
async function postFramesThenSentinel(page: Page, frames: unknown[]): Promise<string[]> {
  return page.evaluate(async (list) => {
    const w = window as unknown as { __wire: string[] };
    for (const frame of list) window.postMessage(frame, window.location.origin);
    // The relay handles window messages in order and the port keeps order: once the sentinel is
    // answered, every frame posted before it has been answered too (or ignored).
    const sentinel = `sentinel-${Math.random()}`;
    const answered = new Promise<void>((resolve) =>
      window.addEventListener('message', (e) => {
        const d = e.data as { type?: string; id?: string } | null;
        if (d?.type === 'response' && d.id === sentinel) resolve();
      }),
    );
    window.postMessage({ channel: 'ballast:inpage', type: 'request', id: sentinel, method: 'eth_chainId' }, window.location.origin);
    await answered;
    return w.__wire;
  }, frames);
}

const responsesIn = (wire: string[]) =>
  wire
    .map((raw) => JSON.parse(raw) as { channel?: string; type?: string; id?: string; result?: unknown; error?: { code: number } })
    .filter((m) => m.channel === 'ballast:content' && m.type === 'response');

describe('a web page cannot reach background-only methods', () => {
  it('window.ethereum.request with the popup protocol names is refused with 4200 and changes nothing (wallet locked: unlock with the right password still fails)', async () => {
    await expectOk(ui, 'wallet:lock');
    const before = await walletState(ballast, ui);
    const page = await openSite(ballast, `${sites.a.origin}/`);
    for (const method of UI_METHODS) {
      for (const params of [{ password: PASSWORD, id: 'x', approved: true, mnemonic: 'test', name: 'x' }, [{ password: PASSWORD }]]) {
        const outcome = await call(page, method, params);
        expect(outcome.result, method).toBeUndefined();
        expect(outcome.error?.code, `${method}: ${JSON.stringify(outcome)}`).toBe(UNSUPPORTED_METHOD);
      }
    }
    // window.ethereum is the same provider when no other wallet took it: the same refusals.
    const viaWindow = await page.evaluate((password) => {
      const eth = (window as unknown as { ethereum?: { request(a: unknown): Promise<unknown> } }).ethereum;
      return eth!.request({ method: 'wallet:unlock', params: { password } }).then(
        () => 'answered',
        (e: { code?: number }) => e.code,
      );
    }, PASSWORD);
    expect(viaWindow).toBe(UNSUPPORTED_METHOD);
    expect(await walletState(ballast, ui)).toEqual(before);
    expect(before.status).toBe('locked');
    await page.close();
    await expectOk(ui, 'wallet:unlock', { password: PASSWORD });
  });

  it('hand-made postMessage frames (relay format with UI names, messaging-library format, UI port and card formats) get 4200 or nothing, and change nothing', async () => {
    const before = await walletState(ballast, ui);
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const relayed = UI_METHODS.slice(0, 6).map((method, i) => ({
      channel: 'ballast:inpage',
      type: 'request',
      id: `spoof-${i}`,
      method,
      params: { password: PASSWORD },
    }));
    const others = [
      // @webext-core/messaging's wire format, as the popup sends it to the background.
      { id: 1, type: 'wallet:revealMnemonic', data: { password: PASSWORD }, timestamp: Date.now() },
      { id: 2, type: 'accounts:add', data: {}, timestamp: Date.now() },
      // The UI port's and the provider port's messages without the page channel.
      { type: 'request', id: 'bare', method: 'wallet:getState' },
      { channel: 'ballast:ui', type: 'request', id: 'ui', method: 'wallet:getState' },
      // The card's ask, which only the content script may send.
      { type: 'ballast:card-preview', mode: 'ballast', requestId: 'x', method: 'eth_sendTransaction' },
    ];
    const wire = await postFramesThenSentinel(page, [...relayed, ...others]);
    const responses = responsesIn(wire);
    for (const frame of relayed) {
      const answers = responses.filter((r) => r.id === frame.id);
      expect(answers, frame.method).toHaveLength(1);
      expect(answers[0]?.error?.code, frame.method).toBe(UNSUPPORTED_METHOD);
      expect(answers[0]?.result).toBeUndefined();
    }
    // Nothing answered the frames the relay does not carry (only the spoofs and the sentinel got responses).
    expect(responses.map((r) => r.id).filter((id) => !id?.startsWith('sentinel'))).toEqual(relayed.map((f) => f.id));
    expect(wire.join('\n')).not.toMatch(/test test test|"mnemonic"/);
    expect(await walletState(ballast, ui)).toEqual(before);
    await page.close();
  });

  it('the page has no extension messaging of its own (chrome.runtime.sendMessage to Ballast fails)', async () => {
    const page = await openSite(ballast, `${sites.a.origin}/`);
    const outcome = await page.evaluate(async (id) => {
      const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } })
        .chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime.sendMessage';
      try {
        return `answered ${JSON.stringify(await runtime.sendMessage(id, { id: 1, type: 'wallet:getState', timestamp: Date.now() }))}`;
      } catch (error) {
        return `threw ${String(error)}`;
      }
    }, ballast.extensionId);
    expect(outcome).not.toMatch(/^answered/);
    await page.close();
  });
});

describe('a page cannot approve its own request', () => {
  it('even with the real approval id, pending:resolve through the provider and the relay is refused; the request waits for the user and is answered once', async () => {
    const before = await walletState(ballast, ui);
    const page = await openSite(ballast, `${sites.a.origin}/`);
    await startCall(page, 'connect', 'eth_requestAccounts');
    await expect.poll(async () => ((await expectOk(ui, 'pending:list')) as unknown[]).length).toBe(1);
    const [pending] = (await expectOk(ui, 'pending:list')) as { id: string; origin: string }[];
    expect(pending?.origin).toBe(sites.a.origin);
    const id = pending!.id;
    const decision = { id, approved: true, accounts: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'] };
    for (const method of ['pending:resolve', 'approvals:resolve', 'approval:resolve', 'wallet_approve']) {
      for (const params of [decision, [decision]]) expect((await call(page, method, params)).error?.code, method).toBe(UNSUPPORTED_METHOD);
    }
    const wire = await postFramesThenSentinel(page, [
      { channel: 'ballast:inpage', type: 'request', id: 'self-approve', method: 'pending:resolve', params: decision },
      { id: 3, type: 'pending:resolve', data: decision, timestamp: Date.now() },
    ]);
    expect(responsesIn(wire).find((r) => r.id === 'self-approve')?.error?.code).toBe(UNSUPPORTED_METHOD);
    // Still waiting, still the same entry, nothing connected.
    expect(await outcomeOf(page, 'connect')).toBeUndefined();
    expect(((await expectOk(ui, 'pending:list')) as { id: string }[]).map((p) => p.id)).toEqual([id]);
    expect(await expectOk(ui, 'sites:list')).toEqual(before.sites);
    expect((await call(page, 'eth_accounts')).result).toEqual([]);
    // The user says no: the page gets exactly one answer, 4001.
    await answerApproval(ballast, sites.a.origin, 'Reject');
    await page.waitForFunction(() => (window as unknown as { __pending: Record<string, unknown> }).__pending.connect);
    expect((await outcomeOf(page, 'connect'))?.error?.code).toBe(4001);
    const rejections = responsesIn(await page.evaluate(() => (window as unknown as { __wire: string[] }).__wire)).filter(
      (r) => r.error?.code === 4001,
    );
    expect(rejections).toHaveLength(1);
    expect(await walletState(ballast, ui)).toEqual(before);
    await page.close();
  });
});

describe('a page cannot smuggle a request behind one the user approves', () => {
  /** Posts one raw relay frame with a chosen id; resolves with the page's answer to it. */
  const rawRequest = (page: Page, id: string, method: string, params: unknown[]) =>
    page.evaluate(
      ({ id, method, params }) =>
        new Promise<{ result?: `0x${string}`; error?: { code: number } }>((resolve) => {
          window.addEventListener('message', (e) => {
            const d = e.data as { channel?: string; type?: string; id?: string; result?: `0x${string}`; error?: { code: number } } | null;
            if (d?.channel === 'ballast:content' && d.type === 'response' && d.id === id) resolve({ result: d.result, error: d.error });
          });
          window.postMessage({ channel: 'ballast:inpage', type: 'request', id, method, params }, window.location.origin);
        }),
      { id, method, params },
    );

  it("a second request under a waiting request's id is refused; approving what the window shows signs only that", async () => {
    const first = await openSite(ballast, `${sites.a.origin}/`);
    const second = await openSite(ballast, `${sites.a.origin}/`);
    await startCall(first, 'connect', 'eth_requestAccounts');
    await answerApproval(ballast, sites.a.origin, 'Connect');
    const shown = stringToHex('Sign in to the site');
    const hidden = stringToHex('I hand over everything');
    // Same origin, same chosen id: the first tab asks for a harmless signature, the second for another message.
    const shownAnswer = rawRequest(first, 'same-id', 'personal_sign', [shown, ACCOUNT_0]);
    // Awaited below; if an assertion fails first, closing the browser must not surface as an unhandled rejection.
    shownAnswer.catch(() => undefined);
    await expect.poll(async () => ((await expectOk(ui, 'pending:list')) as unknown[]).length).toBe(1);
    const hiddenAnswer = rawRequest(second, 'same-id', 'personal_sign', [hidden, ACCOUNT_0]);
    const [pending] = (await expectOk(ui, 'pending:list')) as { params: unknown[] }[];
    expect(pending?.params[0]).toBe(shown);
    await answerApproval(ballast, sites.a.origin, 'Sign');
    const smuggled = await hiddenAnswer;
    if (smuggled.result) {
      const overHidden = await verifyMessage({ address: ACCOUNT_0, message: { raw: hidden }, signature: smuggled.result });
      expect(overHidden, 'the second tab got a signature over a message the user never saw').toBe(false);
    }
    expect(smuggled.error?.code).toBe(-32600);
    const signed = await shownAnswer;
    expect(await verifyMessage({ address: ACCOUNT_0, message: { raw: shown }, signature: signed.result! })).toBe(true);
    expect(await expectOk(ui, 'pending:list')).toEqual([]);
    await first.close();
    await second.close();
    await expectOk(ui, 'sites:revoke', { origin: sites.a.origin });
  });
});
