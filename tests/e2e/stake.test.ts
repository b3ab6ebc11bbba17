import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAbi, parseEther, parseGwei, toHex, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { formatAmountExact } from '../../lib/format';
import type { FlowState } from '../../lib/flows/types';
import { AAVE_V3, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { expectNoAxeViolations, expectOk, sendProtocol, screenshot, type Ballast } from './harness';
import { closeStakeScreen, openStakeScreen, previewRecipe, runFlowThroughUi } from './stake-helpers';

const PASSWORD = 'stake-test-pw';
const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function rsETHPrice() view returns (uint256)',
  'function getReserveAToken(address) view returns (address)',
]);

describe('popup Stake & deploy on the devnet', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const user: Address = devAccount(0).address;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openStakeScreen(PASSWORD));
  }, 180_000);

  afterAll(() => closeStakeScreen({ devnet, ballast }));

  const amountField = () => page.getByLabel('Amount (ETH)');
  const preview = () => page.getByRole('button', { name: 'Preview' });

  it('refuses zero, too many decimals, above the balance and not-a-number under the amount field', async () => {
    await page.getByRole('radio', { name: /^ETH → rsETH → Aave/ }).check();
    const balance = await devnet.ctx.client.getBalance({ address: user });
    const cases: [string, RegExp][] = [
      ['0', /Enter an amount above zero/],
      ['1.1234567890123456789', /ETH has at most 18 decimals/],
      [formatAmountExact(balance + 1n), /Not enough ETH/],
      ['1,5', /Enter an amount as a number/],
    ];
    for (const [text, message] of cases) {
      await amountField().fill(text);
      await preview().click();
      await expect(page.getByRole('alert').filter({ hasText: message }).count(), text).resolves.toBe(1);
      await expect(amountField().getAttribute('aria-invalid')).resolves.toBe('true');
    }
    await screenshot(page, 'stake-form-error-light');
    await expectNoAxeViolations(page, 'stake form with an error');
    // The background checks again on its own (a page that skipped the form's checks gets the same answer).
    const answer = await sendProtocol(page, 'flows:plan', { recipeId: 'aave:rsETH', amountText: formatAmountExact(balance + 1n) });
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error.message).toBe('Not enough ETH');
  });

  it('ETH → rsETH → Aave through the UI: preview with the Kelp figure, one click, done, aToken = rsETH minted', async () => {
    const amount = parseEther('2');
    // Independent reference: Kelp mints amount × 1e18 / rsETHPrice (its ETH asset price is 1e18).
    const price = await devnet.ctx.client.readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: views, functionName: 'rsETHPrice' });
    const expectedRsEth = (amount * 10n ** 18n) / price;
    const aToken = await devnet.ctx.client.readContract({
      address: AAVE_V3.pool,
      abi: views,
      functionName: 'getReserveAToken',
      args: [TOKENS.rsETH],
    });
    const aBefore = await devnet.ctx.client.readContract({ address: aToken, abi: views, functionName: 'balanceOf', args: [user] });
    const nonceBefore = await devnet.ctx.client.getTransactionCount({ address: user });

    const card = await previewRecipe(page, /^ETH → rsETH → Aave/, '2');
    const steps = card.getByRole('list', { name: 'Steps' }).locator(':scope > li');
    await expect(steps.count()).resolves.toBe(4);
    await expect(steps.nth(0).textContent()).resolves.toContain('Stake ETH for rsETH');
    const rsEthFigure = `${formatAmountExact(expectedRsEth)} rsETH`;
    await expect(card.getByRole('list', { name: 'Intermediate tokens' }).getByLabel(rsEthFigure, { exact: true }).count()).resolves.toBe(1);
    await expect(
      card
        .getByRole('list', { name: 'Final position' })
        .getByLabel(`${formatAmountExact(expectedRsEth)} aEthrsETH`, { exact: true })
        .count(),
    ).resolves.toBe(1);
    await expect(card.getByText(/health factor/i).count()).resolves.toBeGreaterThan(0);
    // The whole flow's network fee before the one click: likely and at most in ETH and USD, and the total.
    const fee = card.getByTestId('flow-fee');
    const maxFee = BigInt((await fee.getByTestId('flow-fee-max').getAttribute('data-wei'))!);
    expect(maxFee).toBeGreaterThan(0n);
    expect(BigInt((await fee.getByTestId('flow-fee-likely').getAttribute('data-wei'))!)).toBeLessThanOrEqual(maxFee);
    expect(BigInt((await fee.getByTestId('flow-fee-total').getAttribute('data-wei'))!)).toBe(amount + maxFee);
    await expect(fee.textContent()).resolves.toMatch(/Total \(ETH in \+ max fee\)2\.\d+ ETH\$6,0\d\d\.\d\d/);
    await expectNoAxeViolations(page, 'stake preview');
    await screenshot(page, 'stake-preview-light');

    await runFlowThroughUi(page, 4);
    await expectNoAxeViolations(page, 'stake progress done');
    await screenshot(page, 'stake-done-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'stake progress done dark');
    await screenshot(page, 'stake-done-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });

    const [flow] = (await expectOk(page, 'flows:list')) as FlowState[];
    expect(flow?.status).toBe('done');
    expect(flow?.steps.map((s) => s.status)).toEqual(['mined', 'mined', 'mined', 'mined']);
    expect(BigInt(flow!.steps[0]!.actualOut!)).toBe(expectedRsEth);
    const aAfter = await devnet.ctx.client.readContract({ address: aToken, abi: views, functionName: 'balanceOf', args: [user] });
    expect(aAfter - aBefore).toBeGreaterThan(0n);
    expect(aAfter - aBefore).toBe(expectedRsEth);
    // Four steps, four nonces: nothing sent twice.
    await expect(devnet.ctx.client.getTransactionCount({ address: user })).resolves.toBe(nonceBefore + 4);
    expect(errors).toEqual([]);
  });

  // Last: it leaves the devnet's base fee high.
  it('a base fee above the previewed max fee stops the flow; Retry shows a new fee with the reason and goes on only with its click', async () => {
    await page.getByRole('button', { name: 'New flow' }).click();
    const card = await previewRecipe(page, /^ETH → rsETH → Aave/, '1');
    const client = devnet.ctx.client;
    await client.request({ method: 'anvil_setNextBlockBaseFeePerGas', params: [toHex(parseGwei('1000'))] } as never);
    await client.request({ method: 'evm_mine' } as never);
    await card.getByRole('button', { name: 'Stake & deploy' }).click();
    const progress = page.getByRole('region', { name: 'Flow progress' });
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^stopped$/ })
      .waitFor({ timeout: 60_000 });
    const nonce = await client.getTransactionCount({ address: user, blockTag: 'pending' });

    await progress.getByRole('button', { name: /with a new fee\)$/ }).click();
    const requote = progress.getByTestId('flow-fee-requote');
    await requote.waitFor();
    await expect(requote.getByTestId('flow-fee-requote-reason').textContent()).resolves.toMatch(/^The base fee rose above the max fee/);
    const newMax = BigInt((await requote.getByTestId('flow-fee-requote-max').getAttribute('data-wei'))!);
    const history = await client.getFeeHistory({ blockCount: 1, rewardPercentiles: [] });
    expect(newMax).toBeGreaterThanOrEqual(2n * history.baseFeePerGas.at(-1)!);
    await expectNoAxeViolations(page, 'stake progress with a new fee');
    await requote.scrollIntoViewIfNeeded();
    await screenshot(page, 'stake-fee-requote-light');
    // Nothing went out: the click has not been given.
    await expect(client.getTransactionCount({ address: user, blockTag: 'pending' })).resolves.toBe(nonce);

    // A fee over a tenth of the 1 ETH put in (and at least 0.001 ETH) is a danger flag: the click waits for the box.
    const maxCost = BigInt((await requote.getByTestId('flow-fee-max').getAttribute('data-wei'))!);
    const go = requote.getByRole('button', { name: 'Continue with the new fee' });
    if (maxCost * 10n > parseEther('1') && maxCost >= 10n ** 15n) {
      await expect(go.isDisabled()).resolves.toBe(true);
      await requote.getByLabel('I understand this fee and want to pay it').check();
    }
    await go.click();
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 });
    const [flow] = (await expectOk(page, 'flows:list')) as FlowState[];
    expect(flow?.status).toBe('done');
    for (const step of flow!.steps) {
      const tx = await client.getTransaction({ hash: step.hash! });
      expect(tx.maxFeePerGas).toBe(newMax);
    }
    expect(errors).toEqual([]);
  });
});
