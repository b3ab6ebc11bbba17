import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAbi, parseEther, type Address, type Hex } from 'viem';
import type { Page } from 'playwright-core';
import type { FlowState } from '../../lib/flows/types';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../lib/restaking';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { advance } from '../devnet/scenarios';
import { EIGEN_DEVNET_OPERATOR, eigenAbi } from '../devnet/seed/eigen-base';
import { depositAndDelegate, queueWithdrawal } from '../devnet/seed/eigen-actions';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

const WAD = 10n ** 18n;
const raw = parseAbi([
  'function submit(address) payable returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function sharesOf(address) view returns (uint256)',
  'function getTotalShares() view returns (uint256)',
  'function getTotalPooledEther() view returns (uint256)',
  'function totalShares() view returns (uint256)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
  'function getMaxMagnitude(address, address) view returns (uint64)',
]);
type QueuedWithdrawal = { startBlock: number; nonce: bigint; strategies: readonly Address[]; scaledShares: readonly bigint[] };

// Position detail → Complete withdrawal → preview → one click → done, checked on chain: the stETH received is the
// queued scaled shares × the operator's max magnitude priced by the strategy (raw reads), and the queue is empty.
describe('one-click completion of an EigenLayer queued withdrawal in the popup (devnet)', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const user: Address = devAccount(0).address;
  const strategy = EIGEN_STRATEGIES.stETH;
  let startBlock = 0;
  const read = <T>(address: Address, functionName: string, args: unknown[] = []) =>
    devnet.ctx.client.readContract({ address, abi: raw, functionName, args } as never) as Promise<T>;
  const queued = async () =>
    (
      (await devnet.ctx.client.readContract({
        address: EIGENLAYER.delegationManager,
        abi: eigenAbi.delegationManager(),
        functionName: 'getQueuedWithdrawals',
        args: [user],
      })) as [QueuedWithdrawal[], bigint[][]]
    )[0];

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({ password: 'eigen-complete-test-pw', tab: 'Portfolio' }));
    const ctx = devnet.ctx;
    await ctx.write({ address: TOKENS.stETH, abi: raw, functionName: 'submit', args: [user], value: parseEther('4'), from: user });
    const { depositShares } = await depositAndDelegate(ctx, user, 'stETH', parseEther('3'));
    const q = await queueWithdrawal(ctx, user, 'stETH', depositShares / 3n);
    startBlock = q.withdrawal.startBlock;
    const delay = await read<number>(EIGENLAYER.delegationManager, 'minWithdrawalDelayBlocks');
    await advance(ctx, String(delay + 1));
  }, 180_000);

  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  it('Complete withdrawal: preview shows the stETH, one click completes it as tokens, the queue is empty', async () => {
    const [stored] = (await queued()).filter((w) => w.startBlock === startBlock);
    expect(stored?.strategies).toEqual([strategy]);
    // Shares the withdrawal pays: scaled shares × the operator's max magnitude (WAD), priced by StrategyBase
    // (1e3 virtual shares and wei), then stETH moves by shares: tokens × total shares ÷ pooled ether.
    const operator = (await devnet.ctx.client.readContract({
      address: EIGENLAYER.delegationManager,
      abi: eigenAbi.delegationManager(),
      functionName: 'delegatedTo',
      args: [user],
    })) as Address;
    expect(operator.toLowerCase()).toBe(EIGEN_DEVNET_OPERATOR.toLowerCase());
    const maxMagnitude = await read<bigint>(EIGENLAYER.allocationManager, 'getMaxMagnitude', [operator, strategy]);
    const shares = (stored!.scaledShares[0]! * maxMagnitude) / WAD;
    const [strategyBalance, totalShares] = await Promise.all([
      read<bigint>(TOKENS.stETH, 'balanceOf', [strategy]),
      read<bigint>(strategy, 'totalShares'),
    ]);
    const tokens = ((strategyBalance + 1000n) * shares) / (totalShares + 1000n);
    expect(tokens).toBeGreaterThan(parseEther('0.9'));
    const [userShares, stTotalShares, pooled, stethBefore] = await Promise.all([
      read<bigint>(TOKENS.stETH, 'sharesOf', [user]),
      read<bigint>(TOKENS.stETH, 'getTotalShares'),
      read<bigint>(TOKENS.stETH, 'getTotalPooledEther'),
      read<bigint>(TOKENS.stETH, 'balanceOf', [user]),
    ]);

    await expectOk(page, 'portfolio:refresh');
    const row = page.locator(`[data-position^="eigenlayer-queued:${user.toLowerCase()}:stETH:${startBlock}:"]`);
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    const card = page.getByRole('region', { name: 'Complete EigenLayer withdrawal' });
    await card.waitFor({ timeout: 60_000 });
    await card.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'position detail with a completable EigenLayer withdrawal');
    await screenshot(page, 'eigen-complete-offer-light');
    await card.getByRole('button', { name: 'Complete withdrawal' }).click();

    const preview = card.getByRole('region', { name: 'Flow preview' });
    await preview.waitFor({ timeout: 60_000 });
    await expect(preview.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Complete EigenLayer withdrawal (stETH)');
    // The final position is the stETH the strategy pays (the preview's own simulation, shown with its exact value).
    const gained = preview.getByRole('list', { name: 'Final position' }).locator('[aria-label$=" stETH"]');
    const exact = (await gained.first().getAttribute('aria-label'))!.replace(' stETH', '');
    expect(parseEther(exact) - tokens).toBeLessThanOrEqual(2n);
    expect(tokens - parseEther(exact)).toBeLessThanOrEqual(2n);
    await expect(preview.getByLabel('Withdrawal facts').textContent()).resolves.toContain(String(startBlock));
    await expectNoAxeViolations(page, 'complete preview');
    await screenshot(page, 'eigen-complete-preview-light');

    await preview.getByRole('button', { name: 'Complete withdrawal' }).click();
    await card
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 });
    const flows = (await expectOk(page, 'flows:list')) as FlowState[];
    const flow = flows.find((f) => f.plan.recipeId === 'withdraw:eigen-complete')!;
    expect(flow.status).toBe('done');
    const hash = flow.steps[0]!.hash as Hex;
    await card.locator(`span[title="${hash}"]`).waitFor();
    await screenshot(page, 'eigen-complete-done-light');

    // On chain: the stETH shares arrived exactly, the balance within stETH's share rounding, and the withdrawal is gone.
    expect(await read<bigint>(TOKENS.stETH, 'sharesOf', [user])).toBe(userShares + (tokens * stTotalShares) / pooled);
    const stethAfter = await read<bigint>(TOKENS.stETH, 'balanceOf', [user]);
    expect(stethAfter - stethBefore - tokens).toBeLessThanOrEqual(2n);
    expect(tokens - (stethAfter - stethBefore)).toBeLessThanOrEqual(2n);
    expect((await queued()).filter((w) => w.startBlock === startBlock)).toEqual([]);

    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'complete done, dark');
    await screenshot(page, 'eigen-complete-done-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    expect(errors).toEqual([]);
  });
});
