import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, parseAbi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { CURVE, TOKENS } from '../../lib/restaking/addresses';
import { formatEth } from '../../lib/format';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { expectNoAxeViolations, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

const PASSWORD = 'portfolio-insights-pw';
// The Curve ETH/stETH pool: coin 0 is ETH, coin 1 stETH (int128 indices).
const curveAbi = parseAbi([
  'function get_dy(int128 i, int128 j, uint256 dx) view returns (uint256)',
  'function coins(uint256) view returns (address)',
]);

const row = (page: Page, family: string, account: Address, asset: string) =>
  page.locator(`[data-position="${family}:${account.toLowerCase()}:${asset}"]`);

describe('popup Portfolio position detail: yield, exit routes, protocol', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const restaker = devAccount(1).address;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: PASSWORD, tab: 'Portfolio', untilAccount: restaker }));
  }, 180_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('stETH detail: the Curve sell figure is the pool’s get_dy for this balance, and the Protocol card shows Lido', async () => {
    await page.locator('[data-portfolio-state="ready"]').waitFor({ timeout: 60_000 });
    await row(page, 'token', restaker, 'stETH').click();
    await page.locator('[data-insights="ready"], [data-insights] [role="alert"], [role="alert"]').first().waitFor({ timeout: 60_000 });
    await expect(page.locator('[data-insights="ready"]').count()).resolves.toBe(1);

    // Independent read: the holder's stETH balance and the pool's own quote for exactly that much.
    const client = devnet.ctx.client;
    const balance = await client.readContract({ address: TOKENS.stETH, abi: erc20Abi, functionName: 'balanceOf', args: [restaker] });
    expect(balance).toBeGreaterThan(0n);
    await expect(client.readContract({ address: CURVE.stethPool, abi: curveAbi, functionName: 'coins', args: [1n] })).resolves.toBe(
      TOKENS.stETH,
    );
    const dy = await client.readContract({ address: CURVE.stethPool, abi: curveAbi, functionName: 'get_dy', args: [1n, 0n, balance] });
    expect(dy).toBeGreaterThan(0n);

    const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Venue' }) });
    const curveRow = table.locator('tr[data-venue="curve"]');
    await expect(curveRow.getByRole('rowheader').textContent()).resolves.toBe('Curve');
    await expect(curveRow.locator('[data-eth-out]').textContent()).resolves.toBe(formatEth(dy));
    await expect(page.getByRole('table', { name: 'Protocol withdrawal' }).getByRole('rowheader').allTextContents()).resolves.toEqual([
      'Amount',
      'Delay',
      'Fee',
      'Queue',
    ]);

    const protocol = page.getByRole('region', { name: 'Protocol' });
    await expect(protocol.getByRole('heading').textContent()).resolves.toBe('Protocol · Lido');
    for (const label of ['Rate oracle', 'Donation-susceptible', 'Upgradeable proxy', 'Paused', 'Withdrawal available']) {
      await expect(protocol.getByText(label, { exact: true }).count(), label).resolves.toBe(1);
    }
    await expect(page.getByRole('region', { name: 'Yield' }).locator('[data-apr-days]').count()).resolves.toBe(2);

    await expectNoAxeViolations(page, 'portfolio detail insights');
    await page.getByRole('region', { name: 'Exit routes' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'portfolio-detail-insights');
    await page.getByRole('region', { name: 'Protocol' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'portfolio-detail-protocol');
    expect(errors).toEqual([]);
  });
});
