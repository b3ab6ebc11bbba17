import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { erc20Abi, formatUnits, getAddress, parseEther, type Address } from 'viem';
import { artifact, devAccount } from '../devnet/context';
import { MULTICALL3, TOKENS } from '../../lib/restaking/addresses';
import { closePopupOnDevnet, openPopupOnDevnet, type DevnetPopup } from './devnet-popup';
import { startDappServer } from './dapp-server';
import { decideInWindow, expectNoAxeViolations, expectOk, screenshot, sendProtocol, waitForPage } from './harness';
import { ask, openRecordedDapp, settled } from './worker-restart-page';

const PASSWORD = 'correct horse battery';
const demo = devAccount(1).address; // seeded: stETH, wstETH, weETH, ezETH, rsETH
const FOO: Address = getAddress('0x000000000000000000000000000000000000f00d'); // a site's wallet_watchAsset token
const BAR: Address = getAddress('0x000000000000000000000000000000000000ba12'); // added on Home by its address

let env: DevnetPopup;
let page: Page;
let server: Awaited<ReturnType<typeof startDappServer>> | undefined;

const row = (symbol: string) => page.locator(`[data-testid="balance-row"][data-symbol="${symbol}"]`);
/** The exact amount a row's Amount carries for screen readers ("12.000000000000000001 stETH"). */
const exactAmount = async (symbol: string) => (await row(symbol).locator('[aria-label]').first().getAttribute('aria-label'))!;
const balanceOf = (token: Address) =>
  env.devnet.ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [demo] });

async function useScheme(scheme: 'light' | 'dark') {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction((dark) => document.documentElement.classList.contains('dark') === dark, scheme === 'dark');
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition)));
}

beforeAll(async () => {
  env = await openPopupOnDevnet({ password: PASSWORD, tab: 'Home', untilAccount: demo });
  page = env.page;
  const { ctx } = env.devnet;
  for (const [address, name, symbol] of [
    [FOO, 'Foo Dollar', 'FOO'],
    [BAR, 'Bar Token', 'BAR'],
  ] as const) {
    await ctx.place('TestToken', address);
    await ctx.write({ address, abi: artifact('TestToken').abi, functionName: 'initialize', args: [name, symbol] });
    await ctx.write({ address, abi: artifact('TestToken').abi, functionName: 'mint', args: [demo, parseEther('42')] });
  }
  // $0.30 of WETH: a small balance.
  await ctx.write({ address: TOKENS.WETH, abi: artifact('WETH9').abi, functionName: 'deposit', value: parseEther('0.0001'), from: demo });
  // A site suggests FOO with wallet_watchAsset and the user adds it in the approval window.
  server = await startDappServer();
  const dapp = await openRecordedDapp(await env.ballast.context.newPage(), server.origin);
  await ask(dapp, 'watch', 'wallet_watchAsset', { type: 'ERC20', options: { address: FOO, symbol: 'FOO', decimals: 18 } });
  const approval = await waitForPage(env.ballast.context, 'approval.html');
  await decideInWindow(approval, 'Add token');
  expect(await settled(dapp, 'watch')).toMatchObject({ kind: 'resolve', value: true });
  await dapp.close();
  await expectOk(page, 'accounts:select', { address: demo });
  await page.reload();
}, 240_000);

afterAll(async () => {
  await server?.close();
  await closePopupOnDevnet(env ?? {});
});

describe('Home balances in the popup', () => {
  it('shows the total in ETH and USD and a row per holding, amounts equal to balanceOf', async () => {
    await page.locator('[data-balances-state="ready"]').waitFor({ timeout: 60_000 });
    for (const [symbol, token] of [
      ['stETH', TOKENS.stETH],
      ['wstETH', TOKENS.wstETH],
      ['weETH', TOKENS.weETH],
      ['ezETH', TOKENS.ezETH],
      ['rsETH', TOKENS.rsETH],
      ['FOO', FOO],
    ] as const)
      expect(await exactAmount(symbol), symbol).toBe(`${formatUnits(await balanceOf(token), 18)} ${symbol}`);
    expect(await row('FOO').textContent()).toContain('no price');
    await expect.poll(() => row('weETH').getByTestId('fair-market').textContent()).toMatch(/^fair 1\.\d{4} · market 1\.\d{4} ETH/);

    // USD is the ETH total × $3,000 (the devnet's Chainlink answer), to the cent.
    const totalEth = Number((await page.getByTestId('home-total-eth').locator('[aria-label]').getAttribute('aria-label'))!.split(' ')[0]);
    const totalUsd = Number((await page.getByTestId('home-total-usd').textContent())!.replace(/[$,]/g, ''));
    expect(totalEth).toBeGreaterThan(10);
    expect(Math.abs(totalUsd - totalEth * 3000)).toBeLessThan(0.02);
    expect(env.errors).toEqual([]);
  });

  it('hides small balances behind a toggle', async () => {
    await expect.poll(() => row('WETH').count()).toBe(0);
    await expect.poll(() => row('rETH').count()).toBe(0);
    const toggle = page.getByRole('switch', { name: 'Show small balances' });
    await toggle.click();
    await row('WETH').waitFor();
    expect(await row('WETH').getAttribute('data-dust')).toBe('true');
    expect(await row('rETH').count()).toBe(1);
    await screenshot(page, 'home-balances-small-shown');
    await toggle.click();
    await expect.poll(() => row('WETH').count()).toBe(0);
  });

  it('adds a custom token by address and refuses what is not a token', async () => {
    await page.getByRole('button', { name: 'Add token' }).click();
    const field = page.getByLabel('Token contract address');
    const add = page.getByRole('button', { name: 'Add', exact: true });
    const form = page.getByRole('form', { name: 'Add a token' });

    await field.fill(devAccount(31).address);
    await add.click();
    await form.getByRole('alert').getByText('No contract at this address').waitFor();
    await screenshot(page, 'home-add-token-error');

    await field.fill(MULTICALL3);
    await add.click();
    await form.getByText('Not an ERC-20 token').waitFor();
    expect(await form.getByRole('alert').textContent()).toMatch(/symbol\(\) reverted.*decimals\(\) reverted/);

    await field.fill(TOKENS.stETH);
    await add.click();
    await form.getByText("stETH (in Ballast's token list)", { exact: false }).waitFor();

    await field.fill(BAR);
    await add.click();
    await page.getByRole('status').getByText('Added BAR (18 decimals).').waitFor();
    await row('BAR').waitFor({ timeout: 30_000 });
    await expect.poll(() => exactAmount('BAR')).toBe('42 BAR');
    expect(await row('BAR').textContent()).toContain('added');
  });

  it('removes an added token from Home; a registry token cannot be removed', async () => {
    await page.getByRole('button', { name: 'Remove BAR from Home' }).click();
    await expect.poll(() => row('BAR').count(), { timeout: 30_000 }).toBe(0);
    const refused = await sendProtocol(page, 'balances:removeToken', { address: TOKENS.stETH });
    expect(refused).toMatchObject({ ok: false, error: { code: 'token.not-removable' } });
    await row('stETH').waitFor();
  });

  it('is axe clean in light and dark at 360×600', async () => {
    await page.locator('[data-balances-state="ready"]').waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await useScheme(scheme);
      await expectNoAxeViolations(page, `home balances (${scheme})`);
      await page
        .locator('#popup-panel main, #popup-panel [class*="overflow-y-auto"]')
        .first()
        .evaluate((el) => el.scrollTo(0, 0));
      await screenshot(page, `home-balances-${scheme}`);
      await page.getByRole('list', { name: 'Balances' }).scrollIntoViewIfNeeded();
      await screenshot(page, `home-balances-rows-${scheme}`);
      await page.getByRole('button', { name: 'Add token' }).click();
      await expectNoAxeViolations(page, `home add token (${scheme})`);
      await page.getByRole('button', { name: 'Cancel' }).click();
    }
    // Nothing wider than the popup.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(env.errors).toEqual([]);
  });
});
