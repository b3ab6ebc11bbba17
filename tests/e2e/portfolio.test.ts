import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, parseAbi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../lib/restaking/addresses';
import { formatAmount } from '../../lib/format';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { depegToken } from '../devnet/seed/defi';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

const PASSWORD = 'portfolio-test-pw';
const TOKEN_SYMBOLS = ['stETH', 'wstETH', 'weETH', 'ezETH', 'rsETH'] as const;
const withdrawableAbi = parseAbi([
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
]);

const row = (page: Page, family: string, account: Address, asset: string) =>
  page.locator(`[data-position="${family}:${account.toLowerCase()}:${asset}"]`);

describe('popup Portfolio on a seeded devnet', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const restaker = devAccount(1).address;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: PASSWORD, tab: 'Portfolio', untilAccount: restaker }));
  }, 180_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('shows every seeded position with the chain balance, the charts, and no axe violations', async () => {
    await page.locator('[data-portfolio-state="ready"]').waitFor({ timeout: 60_000 });
    for (const symbol of TOKEN_SYMBOLS) {
      const balance = await devnet.ctx.client.readContract({
        address: TOKENS[symbol],
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [restaker],
      });
      expect(balance).toBeGreaterThan(0n);
      await expect(row(page, 'token', restaker, symbol).locator('[data-amount]').textContent()).resolves.toBe(
        formatAmount(balance, 18, symbol),
      );
    }
    const [withdrawable] = await devnet.ctx.client.readContract({
      address: EIGENLAYER.delegationManager,
      abi: withdrawableAbi,
      functionName: 'getWithdrawableShares',
      args: [restaker, [EIGEN_STRATEGIES.stETH]],
    });
    expect(withdrawable[0]).toBeGreaterThan(0n);
    await expect(row(page, 'eigenlayer', restaker, 'stETH strategy').locator('[data-amount]').textContent()).resolves.toBe(
      formatAmount(withdrawable[0]!, 18, 'stETH strategy'),
    );
    await expect(page.getByRole('heading', { name: 'EigenLayer' }).count()).resolves.toBe(1);

    // Charts: uPlot canvases with pixels drawn on them (not a blank frame).
    for (const kind of ['peg', 'exposure']) {
      const drawn = await page
        .locator(`[data-chart="${kind}"] canvas`)
        .first()
        .evaluate((canvas: HTMLCanvasElement) => {
          const ctx = canvas.getContext('2d')!;
          const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) inked += 1;
          return { width: canvas.width, height: canvas.height, inked };
        });
      expect(drawn.width, kind).toBeGreaterThan(100);
      expect(drawn.inked, kind).toBeGreaterThan(200);
    }

    const mark = await page.evaluate(() => performance.getEntriesByName('portfolio:first-render').length);
    expect(mark).toBe(1);
    await expectNoAxeViolations(page, 'portfolio light');
    await screenshot(page, 'portfolio-light');
    await page.locator('[data-chart="exposure"]').scrollIntoViewIfNeeded();
    await screenshot(page, 'portfolio-charts-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    // Colour transitions finish before axe judges contrast.
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expect(page.getByRole('button', { name: 'Refresh portfolio' }).isEnabled()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'portfolio dark');
    await screenshot(page, 'portfolio-dark');

    await row(page, 'token', restaker, 'stETH').click();
    await page.getByRole('heading', { name: 'Where these numbers come from' }).waitFor();
    await expect(page.getByText(TOKENS.stETH.slice(0, 6)).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'portfolio detail dark');
    await screenshot(page, 'portfolio-detail-dark');
    await page.getByRole('button', { name: 'Back' }).click();
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark'));
    expect(errors).toEqual([]);
  });

  it('after a 5 % stETH depeg and a refresh, the stETH position shows a danger depeg badge with the figure', async () => {
    const quotes = await depegToken(devnet.ctx, 'stETH', 5);
    expect(quotes).toBeTruthy();
    const stEth = row(page, 'token', restaker, 'stETH');
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    const badge = stEth.locator('span[title]', { hasText: /^Depeg -/ });
    await badge.waitFor({ timeout: 60_000 });
    const text = (await badge.textContent()) ?? '';
    // The depeg the pool now quotes for this position's own size: at least the 5 % moved, and not absurd.
    const figure = Number(/Depeg -(\d+\.\d+)%/.exec(text)?.[1]);
    expect(figure).toBeGreaterThanOrEqual(4.9);
    expect(figure).toBeLessThan(10);
    await expect(badge.getAttribute('class')).resolves.toContain('text-danger');
    await screenshot(page, 'portfolio-depeg-light');
  });
});
