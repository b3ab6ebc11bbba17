import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { stringToHex } from 'viem';
import type { Ballast } from './harness';
import { expectOk, waitForClose, waitForPage } from './harness';
import type { TwoSites } from './isolation-sites';
import {
  ACCOUNT_0,
  answerApproval,
  openSite,
  outcomeOf,
  startCall,
  startIsolationWorld,
  stopIsolationWorld,
  waitOutcome,
} from './isolation-helpers';

/**
 * Click-through: a request's Approve is inert for a moment after its card appears or changes, so a
 * double click, a held Enter or a page swapping the request under the pointer never approves a request
 * the user did not read. Each test drives the approval window with real input events.
 */
let ballast: Ballast;
let ui: Page;
let sites: TwoSites;
let pageA: Page;
let pageB: Page;

beforeAll(async () => {
  ({ ballast, ui, sites } = await startIsolationWorld());
  pageA = await openSite(ballast, `${sites.a.origin}/`);
  pageB = await openSite(ballast, `${sites.b.origin}/`);
  for (const [page, origin] of [
    [pageA, sites.a.origin],
    [pageB, sites.b.origin],
  ] as const) {
    await startCall(page, 'connect', 'eth_requestAccounts');
    await answerApproval(ballast, origin, 'Connect');
    expect(await waitOutcome(page, 'connect')).toMatchObject({ result: [ACCOUNT_0.toLowerCase()] });
  }
});
afterAll(() => stopIsolationWorld({ ballast, sites }));
// A failed test must not leave requests that the next one would count.
afterEach(async () => {
  for (const page of ballast.context.pages()) if (page.url().includes('approval.html')) await page.close();
  await expect.poll(pendingIds).toHaveLength(0);
});

const ask = (page: Page, key: string, text: string) => startCall(page, key, 'personal_sign', [stringToHex(text), ACCOUNT_0]);
const pendingIds = async () => ((await expectOk(ui, 'pending:list')) as { id: string }[]).map((p) => p.id);
/** The card's message block (the risk preview repeats the text; this is the request itself). */
const shows = (approval: Page, text: string) => approval.getByTestId('signature-message').filter({ hasText: text });
const signButton = (approval: Page) => approval.getByRole('button', { name: 'Sign', exact: true });

/** The approval window once it shows `text` with an armed Sign button (the user had time to read it). */
async function windowReadyOn(text: string): Promise<Page> {
  const approval = await waitForPage(ballast.context, 'approval.html');
  await shows(approval, text).waitFor();
  await approval.locator('button[data-armed="true"]', { hasText: 'Sign' }).waitFor();
  return approval;
}

async function rejectAll(approval: Page) {
  const closed = waitForClose(approval);
  await approval.close();
  await closed;
}

describe('no click-through in the approval window', () => {
  it('a second click that lands as the next request appears does not approve it', async () => {
    await ask(pageA, 'first', 'first request');
    await expect.poll(pendingIds).toHaveLength(1);
    await ask(pageA, 'second', 'second request');
    await expect.poll(pendingIds).toHaveLength(2);
    const approval = await windowReadyOn('first request');

    await signButton(approval).click();
    // The next card is on screen: the second click of a fast double click lands now.
    await shows(approval, 'second request').waitFor();
    await signButton(approval)
      .click({ force: true, timeout: 2_000 })
      .catch(() => undefined);
    expect((await waitOutcome(pageA, 'first')).result).toMatch(/^0x[0-9a-f]{130}$/);
    // Inert, then armed: still nobody approved the second request.
    await approval.locator('button[data-armed="true"]', { hasText: 'Sign' }).waitFor();
    expect(await outcomeOf(pageA, 'second')).toBeUndefined();
    expect(await pendingIds()).toHaveLength(1);
    await expect(approval.getByTestId('different-request').textContent()).resolves.toMatch(/different request/);
    await rejectAll(approval);
    expect((await waitOutcome(pageA, 'second')).error?.code).toBe(4001);
  });

  it('Enter held down on one request never approves the next', async () => {
    await ask(pageA, 'held-1', 'held one');
    await expect.poll(pendingIds).toHaveLength(1);
    await ask(pageA, 'held-2', 'held two');
    await expect.poll(pendingIds).toHaveLength(2);
    const approval = await windowReadyOn('held one');
    await signButton(approval).focus();
    await approval.keyboard.down('Enter');
    await shows(approval, 'held two').waitFor();
    // The key stays down: auto-repeat keeps sending keydown (repeat: true) until armed and after.
    for (let i = 0; i < 5; i++) await approval.keyboard.down('Enter');
    await approval.locator('button[data-armed="true"]', { hasText: 'Sign' }).waitFor();
    await signButton(approval).focus();
    for (let i = 0; i < 5; i++) await approval.keyboard.down('Enter');
    await approval.keyboard.up('Enter');
    expect((await waitOutcome(pageA, 'held-1')).result).toMatch(/^0x[0-9a-f]{130}$/);
    expect(await outcomeOf(pageA, 'held-2')).toBeUndefined();
    expect(await pendingIds()).toHaveLength(1);
    await rejectAll(approval);
  });

  it('a page that withdraws the request under the pointer leaves a notice and an inert button', async () => {
    const leaving = await openSite(ballast, `${sites.a.origin}/leaving`);
    await startCall(leaving, 'connect', 'eth_requestAccounts');
    expect(await waitOutcome(leaving, 'connect')).toMatchObject({ result: [ACCOUNT_0.toLowerCase()] });
    await ask(leaving, 'bait', 'harmless looking');
    await expect.poll(pendingIds).toHaveLength(1);
    await ask(pageB, 'switched', 'what it swaps in');
    await expect.poll(pendingIds).toHaveLength(2);
    const approval = await windowReadyOn('harmless looking');
    await signButton(approval).hover();

    // The page goes away (its port closes): its request is withdrawn while the user reads it.
    await leaving.close();
    await shows(approval, 'what it swaps in').waitFor();
    await expect(approval.getByTestId('different-request').textContent()).resolves.toMatch(/withdrawn by the site/);
    expect(await approval.locator('button', { hasText: 'Sign' }).getAttribute('data-armed')).toBe('false');
    expect(await signButton(approval).isDisabled()).toBe(true);
    await approval.mouse.down();
    await approval.mouse.up();
    await approval.locator('button[data-armed="true"]', { hasText: 'Sign' }).waitFor();
    expect(await outcomeOf(pageB, 'switched')).toBeUndefined();
    expect(await pendingIds()).toHaveLength(1);
    await rejectAll(approval);
    expect((await waitOutcome(pageB, 'switched')).error?.code).toBe(4001);
  });
});
