import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxUint256, parseEther, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { artifact, devAccount } from '../devnet/context';
import { finalize } from '../devnet/scenarios';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

const PASSWORD = 'lido-withdrawal-test-pw';
const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
type ListedAlert = { id: string; rule: string; title: string; positionId?: string };

describe('Lido withdrawal request in the popup (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  /** Demo user 1 holds stETH from the seed. */
  const user: Address = devAccount(1).address;
  let positionId = '';

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: PASSWORD, tab: 'Portfolio', untilAccount: user }));
    const ctx = devnet.ctx;
    await ctx.write({ address: TOKENS.stETH, abi: artifact('StETH').abi, functionName: 'approve', args: [QUEUE, maxUint256], from: user });
    const queueAbi = artifact('WithdrawalQueueERC721').abi;
    await ctx.write({ address: QUEUE, abi: queueAbi, functionName: 'requestWithdrawals', args: [[parseEther('1')], user], from: user });
    const id = (await ctx.client.readContract({ address: QUEUE, abi: queueAbi, functionName: 'getLastRequestId' })) as bigint;
    positionId = `lido-withdrawal:${user.toLowerCase()}:stETH withdrawal #${id}`;
  }, 180_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('a pending request says its ETA is unknown; once finalized it is "Claimable" and raises one alert', async () => {
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    const row = page.locator(`[data-position="${positionId}"]`);
    const requested = row.locator('span[title]', { hasText: 'Requested · ETA unknown' });
    await requested.waitFor({ timeout: 60_000 });
    await expect(requested.getAttribute('title')).resolves.toMatch(/queue exposes no finalization time/);
    await row.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'portfolio with a Lido withdrawal request');
    await screenshot(page, 'lido-withdrawal-requested-light');

    await finalize(devnet.ctx, 'lido');
    await expectOk(page, 'portfolio:refresh');
    const claimable = row.locator('span[title]', { hasText: /^Claimable$/ });
    await claimable.waitFor({ timeout: 60_000 });
    const withdrawalAlerts = async () => ((await expectOk(page, 'alerts:list')) as ListedAlert[]).filter((a) => a.rule === 'withdrawal');
    await expect.poll(async () => (await withdrawalAlerts()).length, { timeout: 30_000 }).toBe(1);
    for (let i = 0; i < 2; i += 1) {
      await devnet.ctx.client.mine({ blocks: 1 });
      await expectOk(page, 'portfolio:refresh');
    }
    const listed = await withdrawalAlerts();
    expect(listed.map((a) => [a.title, a.positionId])).toEqual([
      [expect.stringMatching(/^Withdrawal ready to claim: Lido request #\d+$/), positionId],
    ]);
    await row.scrollIntoViewIfNeeded();
    await screenshot(page, 'lido-withdrawal-claimable-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'portfolio with a claimable Lido withdrawal, dark');
    await screenshot(page, 'lido-withdrawal-claimable-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await row.click();
    await page.getByRole('button', { name: 'Back' }).waitFor();
    await screenshot(page, 'lido-withdrawal-detail-light');
    expect(errors).toEqual([]);
  });
});
