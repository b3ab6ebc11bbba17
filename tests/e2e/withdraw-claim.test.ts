import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxUint256, parseAbi, parseEther, type Address, type Hex } from 'viem';
import type { Page } from 'playwright-core';
import type { FlowState } from '../../lib/flows/types';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { artifact, devAccount } from '../devnet/context';
import { finalize } from '../devnet/scenarios';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

const PASSWORD = 'withdraw-claim-test-pw';
const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
const views = parseAbi([
  'struct WithdrawalRequestStatus { uint256 amountOfStETH; uint256 amountOfShares; address owner; uint256 timestamp; bool isFinalized; bool isClaimed; }',
  'function getWithdrawalStatus(uint256[]) view returns (WithdrawalRequestStatus[])',
  'function getLastCheckpointIndex() view returns (uint256)',
  'function findCheckpointHints(uint256[], uint256, uint256) view returns (uint256[])',
  'function getClaimableEther(uint256[], uint256[]) view returns (uint256[])',
  'function balanceOf(address) view returns (uint256)',
]);

// Position detail → Claim → preview → one click → done, checked on chain: the ETH received is exactly
// getClaimableEther less the gas of the receipt, the request is claimed and its NFT burned.
describe('one-click claim of a Lido withdrawal in the popup (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  /** The wallet's selected account (the dev mnemonic's first). */
  const user: Address = devAccount(0).address;
  let requestId = 0n;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: PASSWORD, tab: 'Portfolio' }));
    const ctx = devnet.ctx;
    const steth = artifact('StETH').abi;
    const queueAbi = artifact('WithdrawalQueueERC721').abi;
    await ctx.write({ address: TOKENS.stETH, abi: steth, functionName: 'submit', args: [user], value: parseEther('2'), from: user });
    await ctx.write({ address: TOKENS.stETH, abi: steth, functionName: 'approve', args: [QUEUE, maxUint256], from: user });
    await ctx.write({ address: QUEUE, abi: queueAbi, functionName: 'requestWithdrawals', args: [[parseEther('1.5')], user], from: user });
    requestId = (await ctx.client.readContract({ address: QUEUE, abi: queueAbi, functionName: 'getLastRequestId' })) as bigint;
    await finalize(ctx, 'lido');
  }, 180_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('Claim on a claimable request: preview shows the ETH, one click claims it, done with the tx link', async () => {
    const client = devnet.ctx.client;
    const last = await client.readContract({ address: QUEUE, abi: views, functionName: 'getLastCheckpointIndex' });
    const hints = await client.readContract({
      address: QUEUE,
      abi: views,
      functionName: 'findCheckpointHints',
      args: [[requestId], 1n, last],
    });
    const [claimable] = await client.readContract({
      address: QUEUE,
      abi: views,
      functionName: 'getClaimableEther',
      args: [[requestId], hints],
    });
    // 1.5 stETH locked; the share round trip may take a wei off.
    expect(parseEther('1.5') - claimable!).toBeLessThanOrEqual(1n);

    await expectOk(page, 'portfolio:refresh');
    const row = page.locator(`[data-position="lido-withdrawal:${user.toLowerCase()}:stETH withdrawal #${requestId}"]`);
    await row.locator('span[title]', { hasText: /^Claimable$/ }).waitFor({ timeout: 60_000 });
    await row.click();
    const card = page.getByRole('region', { name: 'Claim from Lido WithdrawalQueue' });
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'position detail with a claimable Lido request');
    await screenshot(page, 'withdraw-claim-offer-light');
    await card.getByRole('button', { name: 'Claim' }).click();

    const preview = card.getByRole('region', { name: 'Flow preview' });
    await preview.waitFor({ timeout: 60_000 });
    await expect(preview.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(`Claim Lido withdrawal #${requestId}`);
    await expect(preview.getByRole('list', { name: 'Final position' }).textContent()).resolves.toMatch(/ETH.*1\.(5|4999)/);
    await expect(preview.getByLabel('Withdrawal facts').textContent()).resolves.toMatch(/Request NFTs burned\s*1/);
    await expectNoAxeViolations(page, 'claim preview');
    await screenshot(page, 'withdraw-claim-preview-light');

    const ethBefore = await client.getBalance({ address: user });
    await preview.getByRole('button', { name: 'Claim' }).click();
    await card
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 });
    const flows = (await expectOk(page, 'flows:list')) as FlowState[];
    const flow = flows.find((f) => f.plan.recipeId === 'withdraw:claim:lido')!;
    expect(flow.status).toBe('done');
    const hash = flow.steps[0]!.hash as Hex;
    // The done state shows the step's transaction (hash, copy, explorer link where the network has one).
    await card.locator(`span[title="${hash}"]`).waitFor();
    await expectNoAxeViolations(page, 'claim done');
    await screenshot(page, 'withdraw-claim-done-light');
    await card.getByRole('button', { name: 'Refresh positions' }).waitFor();

    const receipt = await client.getTransactionReceipt({ hash });
    const ethAfter = await client.getBalance({ address: user });
    expect(ethAfter - ethBefore).toBe(claimable! - receipt.gasUsed * receipt.effectiveGasPrice);
    const [status] = await client.readContract({ address: QUEUE, abi: views, functionName: 'getWithdrawalStatus', args: [[requestId]] });
    expect(status!.isClaimed).toBe(true);
    expect(await client.readContract({ address: QUEUE, abi: views, functionName: 'balanceOf', args: [user] })).toBe(0n);

    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'claim done, dark');
    await screenshot(page, 'withdraw-claim-done-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    expect(errors).toEqual([]);
  });

  it('Request withdrawal through Lido on the stETH position: amount → preview → one click → a new request owned', async () => {
    const client = devnet.ctx.client;
    await page.getByRole('button', { name: 'Back' }).click();
    await expectOk(page, 'portfolio:refresh');
    await page.locator(`[data-position="token:${user.toLowerCase()}:stETH"]`).click();
    const card = page.getByRole('region', { name: 'Request withdrawal through Lido WithdrawalQueue' });
    await card.waitFor({ timeout: 60_000 });
    await card.getByLabel('Amount of stETH to withdraw').fill('0.2');
    await card.getByRole('button', { name: 'Preview request' }).click();
    const preview = card.getByRole('region', { name: 'Flow preview' });
    await preview.waitFor({ timeout: 60_000 });
    await expect(preview.getByLabel('Withdrawal facts').textContent()).resolves.toMatch(/Request NFTs received\s*1/);
    await preview.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'request preview');
    await screenshot(page, 'withdraw-request-preview-light');
    const before = await client.readContract({ address: QUEUE, abi: views, functionName: 'balanceOf', args: [user] });
    await preview.getByRole('button', { name: 'Request withdrawal' }).click();
    await card
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 });
    expect(await client.readContract({ address: QUEUE, abi: views, functionName: 'balanceOf', args: [user] })).toBe(before + 1n);
    expect(errors).toEqual([]);
  });
});
