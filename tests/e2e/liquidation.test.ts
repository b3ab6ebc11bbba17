import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { AAVE_V3, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { artifact, devAccount } from '../devnet/context';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

const PASSWORD = 'liquidation-test-pw';
const WAD = 10n ** 18n;
type ListedAlert = { id: string; rule: string; severity: string; title: string; positionId?: string };

describe('Aave liquidation distance in the popup (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  /** The seed's DeFi demo user: 5 weETH supplied to Aave in e-mode 26. */
  const lp: Address = devAccount(2).address;
  const positionId = `aave:${lp.toLowerCase()}:aEthweETH`;
  let expectedPercent = '';

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: PASSWORD, tab: 'Portfolio', untilAccount: lp }));
    // Borrow WETH to a health factor of 1.04: a one-collateral loop is then 1 − 1/1.04 = 3.846 % from liquidation.
    const ctx = devnet.ctx;
    const aToken = (await ctx.client.readContract({
      address: AAVE_V3.pool,
      abi: artifact('AavePoolDouble').abi,
      functionName: 'getReserveAToken',
      args: [TOKENS.weETH],
    })) as Address;
    const supplied = await ctx.client.readContract({ address: aToken, abi: erc20Abi, functionName: 'balanceOf', args: [lp] });
    const rate = (await ctx.client.readContract({ address: TOKENS.weETH, abi: artifact('WeETH').abi, functionName: 'getRate' })) as bigint;
    const borrow = (supplied * rate * 9500n) / (WAD * 10_400n);
    await ctx.write({
      address: AAVE_V3.pool,
      abi: artifact('AavePoolDouble').abi,
      functionName: 'borrow',
      args: [TOKENS.WETH, borrow, 2n, 0, lp],
      from: lp,
    });
    const [, , , , , hf] = (await ctx.client.readContract({
      address: AAVE_V3.pool,
      abi: artifact('AavePoolDouble').abi,
      functionName: 'getUserAccountData',
      args: [lp],
    })) as readonly bigint[];
    // The figure the screen must show: 1 − 1/HF, two decimals rounded down (a margin is never shown wider).
    const basisPoints = ((hf! - WAD) * 10_000n) / hf!;
    expectedPercent = `${basisPoints / 100n}.${String(basisPoints % 100n).padStart(2, '0')}%`;
  }, 180_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('the Aave position carries a danger badge, and its detail shows the distance, the pricing sentence and its sources', async () => {
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    const row = page.locator(`[data-position="${positionId}"]`);
    const badge = row.locator('span[title]', { hasText: /^Liquidation / });
    await badge.waitFor({ timeout: 60_000 });
    await expect(badge.textContent()).resolves.toBe(`Liquidation ${expectedPercent} away`);
    await expect(badge.getAttribute('class')).resolves.toContain('text-danger');

    await row.click();
    const detail = page.getByTestId('liquidation-distance');
    await detail.waitFor();
    await expect(detail.locator('dt').textContent()).resolves.toBe(`Liquidation distance${expectedPercent}`);
    await expect(detail.textContent()).resolves.toMatch(
      /A market depeg alone does not move this health factor \(Aave prices weETH by its exchange rate\); a fall of the exchange rate itself/,
    );
    await expect(detail.textContent()).resolves.toMatch(/Threshold 95% \(e-mode 26, health factor 1\.04\)/);
    await detail.getByText('Source of these figures').click();
    await detail.getByText('getAssetPrice(weETH)').waitFor();
    await expect(detail.getByText('getAssetPrice(WETH)').count()).resolves.toBe(1);
    await expect(detail.getByText('getEModeCategoryCollateralBitmap').count()).resolves.toBe(1);
    // The oracle's address is shown beside its calls.
    await expect(detail.getByText(AAVE_V3.oracle.slice(0, 6)).count()).resolves.toBeGreaterThan(0);
    await detail.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'position detail with liquidation distance');
    await screenshot(page, 'liquidation-detail-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'position detail with liquidation distance, dark');
    await screenshot(page, 'liquidation-detail-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await page.getByRole('button', { name: 'Back' }).click();
  });

  it('one liquidation alert is listed, and stays one after more refreshes', async () => {
    const liquidationAlerts = async () => ((await expectOk(page, 'alerts:list')) as ListedAlert[]).filter((a) => a.rule === 'liquidation');
    await expect.poll(async () => (await liquidationAlerts()).length, { timeout: 30_000 }).toBe(1);
    for (let i = 0; i < 2; i += 1) {
      await devnet.ctx.client.mine({ blocks: 1 });
      await expectOk(page, 'portfolio:refresh');
    }
    const listed = await liquidationAlerts();
    expect(listed.map((a) => [a.severity, a.title, a.positionId])).toEqual([
      ['danger', `Aave weETH is ${expectedPercent} from liquidation`, positionId],
    ]);
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const list = page.getByRole('list', { name: 'Alerts, newest first' });
    await list.getByText(`Aave weETH is ${expectedPercent} from liquidation`).waitFor();
    await expect(list.getByRole('listitem').filter({ hasText: 'from liquidation' }).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'alerts with a liquidation alert');
    await screenshot(page, 'liquidation-alert-light');
    expect(errors).toEqual([]);
  });
});
