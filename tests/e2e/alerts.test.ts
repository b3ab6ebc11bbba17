import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { advance, depeg } from '../devnet/scenarios';
import { repegToken } from '../devnet/seed/defi';
import { collectErrors, expectNoAxeViolations, expectOk, launchBallast, onboardOnDevnet, screenshot, type Ballast } from './harness';

const PASSWORD = 'alerts-test-pw';
/** chrome.notifications.getAll() answers the ids of the notifications on screen (true each), not their text. */
type Shown = Record<string, boolean>;
type ListedAlert = {
  id: string;
  rule: string;
  severity: string;
  title: string;
  read: boolean;
  notified: boolean;
  positionId?: string;
  block: string;
};
type Chrome = {
  notifications: { getAll(): Promise<Shown> };
  action: { getBadgeText(d: object): Promise<string> };
  storage: { local: { get(k: string): Promise<Record<string, { lastLogBlock?: string | null } | undefined>> } };
};

describe('portfolio notifications in the browser (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const restaker = devAccount(1).address;

  const inWorker = <T>(fn: (chrome: Chrome) => Promise<T>) => ballast.serviceWorker.evaluate(`(${fn.toString()})(chrome)`) as Promise<T>;
  const shown = () => inWorker((c) => c.notifications.getAll());
  const badge = () => inWorker((c) => c.action.getBadgeText({}));
  const lastEvaluatedBlock = () => inWorker(async (c) => (await c.storage.local.get('alerts.state'))['alerts.state']?.lastLogBlock ?? null);

  /**
   * One tracker refresh as the popup asks for it, then wait until the alerts engine has judged the
   * chain's head block (the worker evaluates after the refresh answers). A block is mined first so
   * each refresh sees a new head and the wait has something to wait on.
   */
  async function refreshAndEvaluate() {
    await advance(devnet.ctx, '1');
    const head = String(await devnet.ctx.client.getBlockNumber({ cacheTime: 0 }));
    const view = (await expectOk(page, 'portfolio:refresh')) as { schedule: { lastError: string | null } };
    expect(view.schedule.lastError).toBeNull();
    await expect.poll(lastEvaluatedBlock, { timeout: 30_000 }).toBe(head);
  }

  beforeAll(async () => {
    devnet = await startDevnet();
    ballast = await launchBallast();
    page = await ballast.openPopup();
    errors = collectErrors(page);
    await onboardOnDevnet(page, { rpcUrl: devnet.rpcUrl, password: PASSWORD, untilAccount: restaker });
  }, 180_000);

  afterAll(async () => {
    await ballast?.close();
    await devnet?.stop();
  });

  it('the first refresh records a baseline: no notification, no badge', async () => {
    await refreshAndEvaluate();
    expect(await shown()).toEqual({});
    expect(await badge()).toBe('');
    await page.reload();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    await page.getByText('No alerts yet — Ballast checks your positions every 5 minutes').waitFor();
    await expectNoAxeViolations(page, 'alerts empty');
    await screenshot(page, 'alerts-empty-light');
  });

  it('a 5 % ezETH depeg: exactly one notification and badge "1"; five refreshes later still one', async () => {
    const facts = await depeg(devnet.ctx, 'ezETH', '5');
    // The scenario put the market 5 % under the fair rate it read itself.
    expect((BigInt(facts.targetMarketRate as string) * 1000n) / BigInt(facts.fairRate as string)).toBe(950n);
    await refreshAndEvaluate();
    await expect.poll(async () => Object.keys(await shown()).length, { timeout: 30_000 }).toBe(1);
    const [id] = Object.keys(await shown()) as [string];
    expect(id).toMatch(/^depeg:ezETH:\d+$/);
    // The notification's id is the listed alert's id: its text is on the Alerts screen too.
    const alert = ((await expectOk(page, 'alerts:list')) as ListedAlert[]).find((a) => a.id === id);
    expect(alert).toMatchObject({ rule: 'depeg', severity: 'danger', notified: true, read: false });
    expect(alert?.positionId).toBeTruthy(); // the "Open position" button has a position to open
    const percent = Number(/^ezETH trades ([\d.]+)% under its fair value$/.exec(alert?.title ?? '')?.[1]);
    // The 5 % the scenario moved (a 1-token quote adds a little price impact), so past the 3 % danger default.
    expect(percent).toBeGreaterThanOrEqual(4.9);
    expect(percent).toBeLessThan(5.5);
    await expect.poll(badge).toBe('1');

    for (let i = 0; i < 5; i += 1) await refreshAndEvaluate();
    expect(Object.keys(await shown())).toEqual([id]);
    expect(await badge()).toBe('1');
  });

  it('repeg: one recovery notification; the danger alert stays unread on the badge', async () => {
    await repegToken(devnet.ctx, 'ezETH');
    await refreshAndEvaluate();
    await expect.poll(async () => Object.keys(await shown()).length, { timeout: 30_000 }).toBe(2);
    const recoveryId = Object.keys(await shown()).find((k) => k.startsWith('depeg-recovered:ezETH:'));
    const listed = (await expectOk(page, 'alerts:list')) as ListedAlert[];
    expect(listed.map((a) => [a.id, a.severity, a.notified])).toEqual([
      [recoveryId, 'info', true],
      [expect.stringMatching(/^depeg:ezETH:/), 'danger', true],
    ]);
    expect(await badge()).toBe('1');
    for (let i = 0; i < 2; i += 1) await refreshAndEvaluate();
    expect(Object.keys(await shown())).toHaveLength(2);
  });

  it('the Alerts screen lists both, marks all read (badge cleared), light and dark axe-clean', async () => {
    await page.reload();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const list = page.getByRole('list', { name: 'Alerts, newest first' });
    await list.waitFor();
    await expect(list.getByRole('listitem').count()).resolves.toBe(2);
    // Newest first: the recovery, then the danger alert, each with its block.
    await expect(list.getByRole('listitem').nth(0).textContent()).resolves.toMatch(/Info.*ezETH.*block \d+/s);
    await expect(list.getByRole('listitem').nth(1).textContent()).resolves.toMatch(/Danger.*Unread.*ezETH trades.*block \d+/s);
    await page.getByText('2 unread', { exact: true }).waitFor();
    await expectNoAxeViolations(page, 'alerts light');
    await screenshot(page, 'alerts-list-light');

    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.getByText('All read', { exact: true }).waitFor();
    await expect.poll(badge).toBe('');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'alerts dark');
    await screenshot(page, 'alerts-list-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
  });

  it('the settings form refuses -1, 101 and "abc" with a message under the field, and stores a valid change', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const warn = page.getByLabel('Warning at (%)', { exact: true });
    await warn.waitFor();
    await expect(warn.inputValue()).resolves.toBe('1');
    await expect(page.getByLabel('Danger at (%)', { exact: true }).inputValue()).resolves.toBe('3');
    const save = page.getByRole('button', { name: 'Save alert settings' });
    for (const [text, message] of [
      ['-1', /cannot be negative/],
      ['101', /cannot be above 100 %/],
      ['abc', /must be a number/],
    ] as const) {
      await warn.fill(text);
      await save.click();
      const error = page.locator(`#${await warn.getAttribute('aria-describedby')}`);
      await expect(error.textContent()).resolves.toMatch(message);
      await expect(warn.getAttribute('aria-invalid')).resolves.toBe('true');
      // Nothing was stored.
      expect(((await expectOk(page, 'alerts:getSettings')) as { depeg: { warnPercent: number } }).depeg.warnPercent).toBe(1);
    }
    await page.getByRole('heading', { name: 'Depeg thresholds' }).scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'alerts settings with an error');
    await screenshot(page, 'alerts-settings-error');

    await warn.fill('2');
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(((await expectOk(page, 'alerts:getSettings')) as { depeg: { warnPercent: number } }).depeg.warnPercent).toBe(2);
    expect(errors).toEqual([]);
  });
});
