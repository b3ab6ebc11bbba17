import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import type { Ballast } from './harness';
import { expectOk } from './harness';
import type { TwoSites } from './isolation-sites';
import {
  ACCOUNT_0,
  PASSWORD,
  answerApproval,
  call,
  openSite,
  startCall,
  waitOutcome,
  startIsolationWorld,
  stopIsolationWorld,
} from './isolation-helpers';

/**
 * Origins are the unit of permission: a connected site's accounts never reach another site, not in
 * answers, not in events, not in the first state message; an iframe is its own origin in both
 * directions, and one frame cannot speak through another frame's relay.
 */
let ballast: Ballast;
let ui: Page;
let sites: TwoSites;

beforeAll(async () => {
  ({ ballast, ui, sites } = await startIsolationWorld());
});
afterAll(() => stopIsolationWorld({ ballast, sites }));

const account = ACCOUNT_0.toLowerCase();
const lower = (list: unknown) => (list as string[]).map((a) => a.toLowerCase());
const wireOf = (frame: Page | Frame) => frame.evaluate(() => (window as unknown as { __wire: string[] }).__wire.join('\n').toLowerCase());
/**
 * What Ballast told this frame (states, events, results), lower-cased. Error answers are left out:
 * they may echo the address the frame itself put in its request.
 */
const toldFrame = (frame: Page | Frame) =>
  frame.evaluate(() =>
    (window as unknown as { __wire: string[] }).__wire
      .filter((raw) => raw.includes('"channel":"ballast:content"') && !raw.includes('"error":'))
      .join('\n')
      .toLowerCase(),
  );
const eventsOf = (frame: Page | Frame) =>
  frame.evaluate(() => JSON.stringify((window as unknown as { __events: unknown[] }).__events).toLowerCase());
const connectedOrigins = async () => ((await expectOk(ui, 'sites:list')) as { origin: string }[]).map((s) => s.origin).sort();

/** The user connects `origin` through the approval window while `frame` waits for eth_requestAccounts. */
async function connect(frame: Page | Frame, origin: string) {
  await startCall(frame, 'connect', 'eth_requestAccounts');
  await answerApproval(ballast, origin, 'Connect');
  const outcome = await waitOutcome(frame, 'connect');
  expect(lower(outcome.result)).toEqual([account]);
}

async function frameAt(page: Page, origin: string): Promise<Frame> {
  const frame = page.frames().find((f) => f.url().startsWith(origin));
  if (!frame) throw new Error(`No frame at ${origin} in ${page.url()}`);
  await frame.waitForFunction(() => '__ballast' in window);
  return frame;
}

describe("a page cannot read another origin's accounts", () => {
  it('after A connects, B (open before and opened after) sees [] in answers, events, the state message and permissions; B cannot sign as A or revoke A', async () => {
    const a = await openSite(ballast, `${sites.a.origin}/`);
    const bBefore = await openSite(ballast, `${sites.b.origin}/`);
    await connect(a, sites.a.origin);
    // A's own accountsChanged shows the event path works; B must not get it.
    await a.waitForFunction(() =>
      (window as unknown as { __events: { name: string }[] }).__events.some((e) => e.name === 'accountsChanged'),
    );
    // The same check finds the account where it belongs (A), so its silence on B means something.
    expect(await toldFrame(a)).toContain(account.slice(2));
    const bAfter = await openSite(ballast, `${sites.b.origin}/`);
    for (const b of [bBefore, bAfter]) {
      expect((await call(b, 'eth_accounts')).result).toEqual([]);
      expect((await call(b, 'wallet_getPermissions')).result).toEqual([]);
      expect(
        await b.evaluate(() => (window as unknown as { __ballast: { selectedAddress: string | null } }).__ballast.selectedAddress),
      ).toBeNull();
      const signed = await call(b, 'personal_sign', ['0x68656c6c6f', ACCOUNT_0]);
      expect(signed.error?.code, JSON.stringify(signed)).toBe(4100);
      const sent = await call(b, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_0, value: '0x1' }]);
      expect(sent.error?.code, JSON.stringify(sent)).toBe(4100);
      expect(await eventsOf(b)).not.toContain(account.slice(2));
      expect(await toldFrame(b)).not.toContain(account.slice(2));
    }
    // The state message B got on connect carried no accounts (the wire log holds it).
    expect(await toldFrame(bAfter)).toContain('"type":"state"');
    expect(await expectOk(ui, 'pending:list')).toEqual([]);
    // Lock and unlock: A hears accountsChanged [] then its account again; B hears no accountsChanged at all.
    const accountEvents = (page: Page) =>
      page.evaluate(() =>
        (window as unknown as { __events: { name: string; data: unknown }[] }).__events
          .filter((e) => e.name === 'accountsChanged')
          .map((e) => e.data),
      );
    const heardByA = (await accountEvents(a)).length;
    await expectOk(ui, 'wallet:lock');
    await expect.poll(async () => (await accountEvents(a)).slice(heardByA)).toEqual([[]]);
    await expectOk(ui, 'wallet:unlock', { password: PASSWORD });
    await expect.poll(async () => (await accountEvents(a)).slice(heardByA).map(lower)).toEqual([[], [account]]);
    for (const b of [bBefore, bAfter]) {
      expect(await accountEvents(b)).toEqual([]);
      expect(await toldFrame(b)).not.toContain(account.slice(2));
    }
    // B revoking "its" permissions does not touch A's.
    await call(bAfter, 'wallet_revokePermissions', [{ eth_accounts: {} }]);
    expect(await connectedOrigins()).toEqual([sites.a.origin]);
    expect(lower((await call(a, 'eth_accounts')).result)).toEqual([account]);
    for (const page of [a, bBefore, bAfter]) await page.close();
    await expectOk(ui, 'sites:revoke', { origin: sites.a.origin });
  });
});

describe('a nested iframe is its own origin', () => {
  it("the iframe's eth_requestAccounts shows the iframe's origin and connects only it; the top page connecting does not connect the iframe", async () => {
    expect(await connectedOrigins()).toEqual([]);
    const top = await openSite(ballast, `${sites.a.origin}/embed`);
    const inner = await frameAt(top, sites.b.origin);
    expect(inner.parentFrame()).toBe(top.mainFrame());

    await connect(inner, sites.b.origin); // answerApproval checks the window shows B, not A
    expect(await connectedOrigins()).toEqual([sites.b.origin]);
    expect(await toldFrame(inner)).toContain(account.slice(2));
    expect((await call(top, 'eth_accounts')).result).toEqual([]);
    expect(await toldFrame(top)).not.toContain(account.slice(2));

    await expectOk(ui, 'sites:revoke', { origin: sites.b.origin });
    expect((await call(inner, 'eth_accounts')).result).toEqual([]);
    await connect(top, sites.a.origin);
    expect(await connectedOrigins()).toEqual([sites.a.origin]);
    expect((await call(inner, 'eth_accounts')).result).toEqual([]);
    await top.close();
  });

  it("one frame cannot use another frame's relay: relay frames posted across windows are ignored", async () => {
    // A is connected (previous test); B in the iframe is not.
    expect(await connectedOrigins()).toEqual([sites.a.origin]);
    const top = await openSite(ballast, `${sites.a.origin}/embed`);
    const inner = await frameAt(top, sites.b.origin);
    // The iframe asks the top page's relay for A's accounts; the top page asks the iframe's relay as B.
    await inner.evaluate(() =>
      window.parent.postMessage({ channel: 'ballast:inpage', type: 'request', id: 'from-iframe', method: 'eth_accounts' }, '*'),
    );
    await top.evaluate(() =>
      document
        .querySelector('iframe')!
        .contentWindow!.postMessage({ channel: 'ballast:inpage', type: 'request', id: 'from-top', method: 'eth_accounts' }, '*'),
    );
    // Each frame's own request afterwards is answered; by then the foreign frames were handled (in order) or ignored.
    expect(lower((await call(top, 'eth_accounts')).result)).toEqual([account]);
    expect((await call(inner, 'eth_accounts')).result).toEqual([]);
    expect((await wireOf(top)).match(/"type":"response","id":"from-iframe"/g)).toBeNull();
    expect((await wireOf(inner)).match(/"type":"response","id":"from-top"/g)).toBeNull();
    expect(await toldFrame(inner)).not.toContain(account.slice(2));
    expect(await expectOk(ui, 'pending:list')).toEqual([]);
    expect(await connectedOrigins()).toEqual([sites.a.origin]);
    await top.close();
  });

  it('a sandboxed iframe (opaque origin) inside a connected site is not that site: no accounts, no approval as the site', async () => {
    expect(await connectedOrigins()).toEqual([sites.a.origin]);
    const top = await openSite(ballast, `${sites.a.origin}/sandbox`);
    const inner = top.frames().find((f) => f.parentFrame() === top.mainFrame());
    await inner!.waitForFunction(() => '__ballast' in window);
    expect(await inner!.evaluate(() => window.origin)).toBe('null');
    // Its URL is the connected site's; the background must go by the frame's (opaque) origin.
    expect(inner!.url()).toBe(`${sites.a.origin}/`);
    const accounts = await call(inner!, 'eth_accounts');
    const connect = await call(inner!, 'eth_requestAccounts');
    for (const outcome of [accounts, connect]) {
      expect(JSON.stringify(outcome.result ?? null).toLowerCase()).not.toContain(account.slice(2));
      expect(outcome.error?.code, JSON.stringify(outcome)).toBe(4900);
    }
    expect(await toldFrame(inner!)).not.toContain(account.slice(2));
    expect(await expectOk(ui, 'pending:list')).toEqual([]);
    expect(lower((await call(top, 'eth_accounts')).result)).toEqual([account]);
    await top.close();
  });
});
