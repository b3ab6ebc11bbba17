import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAbi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import type { FlowState } from '../../lib/flows/types';
import { formatAmount, formatAmountExact } from '../../lib/format';
import { CURVE, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closeStakeScreen, openStakeScreen, previewRecipe } from './stake-helpers';

const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function fee() view returns (uint256)',
  'function setFee(uint256)',
  'function get_dy(int128, int128, uint256) view returns (uint256)',
  'function unfinalizedStETH() view returns (uint256)',
  'function getLastRequestId() view returns (uint256)',
  'function getWithdrawalRequests(address) view returns (uint256[])',
  'struct WithdrawalRequestStatus { uint256 amountOfStETH; uint256 amountOfShares; address owner; uint256 timestamp; bool isFinalized; bool isClaimed; }',
  'function getWithdrawalStatus(uint256[]) view returns (WithdrawalRequestStatus[])',
]);

// A flow that staked stETH and stopped: Unwind compares selling it on Curve (this unwind's own sale) with Lido's
// queue (the fair value, the wait as the queue states it); "Request withdrawal through Lido" runs the one-click
// request with its own preview, and the unwind planned again no longer sells what was requested.
describe('popup Unwind: the protocol withdrawal beside the market', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const user: Address = devAccount(0).address;
  const client = () => devnet.ctx.client;
  const read = <T>(address: Address, functionName: string, args: unknown[] = []) =>
    client().readContract({ address, abi: views, functionName, args } as never) as Promise<T>;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openStakeScreen('unwind-exit-pw'));
  }, 180_000);

  afterAll(() => closeStakeScreen({ devnet, ballast }));

  it('ETH → stETH → Curve stopped at the add: Ways out for the stETH, Lido request from Unwind, then the rest', async () => {
    const card = await previewRecipe(page, /^ETH → stETH → Curve LP/, '1');
    // After the preview the pool's owner (this dev account) raises the fee to 50 %: the add would mint far below its minimum.
    const fee = await read<bigint>(CURVE.stethPool, 'fee');
    await devnet.ctx.write({ address: CURVE.stethPool, abi: views, functionName: 'setFee', args: [5_000_000_000n] });
    await card.getByRole('button', { name: 'Stake & deploy' }).click();
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^stopped$/ })
      .waitFor({ timeout: 120_000 });
    const [stopped] = (await expectOk(page, 'flows:list')) as FlowState[];
    expect(stopped?.failure).toMatchObject({ step: 2, beforeSending: true });
    // The market back to normal: the comparison below is the pool's ordinary price.
    await devnet.ctx.write({ address: CURVE.stethPool, abi: views, functionName: 'setFee', args: [fee] });
    const staked = BigInt(stopped!.steps[0]!.actualOut!);
    const held = await read<bigint>(TOKENS.stETH, 'balanceOf', [user]);
    const amount = held < staked ? held : staked;
    expect(amount).toBeGreaterThan(10n ** 17n);

    await page.getByRole('button', { name: 'Unwind the 2 finished steps' }).click();
    const exits = page.getByRole('region', { name: 'Ways out for stETH' });
    await exits.waitFor({ timeout: 60_000 });
    // Market: this unwind's own Curve sale, quoted by get_dy on the pool for the same amount (stETH i = 1 → ETH j = 0).
    const dy = await read<bigint>(CURVE.stethPool, 'get_dy', [1n, 0n, amount]);
    const ethOf = async (testId: string) => {
      const label = await exits.getByTestId(testId).locator('[aria-label$=" ETH"]').getAttribute('aria-label');
      return label!.replace(' ETH', '');
    };
    await expect(ethOf('exit-market-eth')).resolves.toBe(formatAmountExact(dy));
    // Protocol: stETH is 1 ETH by design, so the fair value is the amount itself.
    await expect(ethOf('exit-protocol-eth')).resolves.toBe(formatAmountExact(amount));
    await expect(exits.getByRole('group', { name: 'Market route' }).textContent()).resolves.toContain('Run unwind sells it');
    const ahead = await read<bigint>(QUEUE, 'unfinalizedStETH');
    await expect(exits.getByTestId('exit-wait').textContent()).resolves.toBe(
      `Wait through Lido: unknown: Lido finalizes with its oracle reports; ${formatAmount(ahead, 18, 'stETH', { maxFractionDigits: 4 })} waits ahead of you.`,
    );
    const unwind = page.getByRole('region', { name: 'Flow preview' });
    const labels = await unwind.getByRole('list', { name: 'Steps' }).locator(':scope > li').allTextContents();
    expect(labels).toHaveLength(3);
    expect(labels[2]).toContain('Sell stETH for ETH on Curve');
    await exits.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'unwind ways out');
    await screenshot(page, 'unwind-exits-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await exits.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'unwind ways out, dark');
    await screenshot(page, 'unwind-exits-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);

    const nftBefore = await read<bigint>(QUEUE, 'balanceOf', [user]);
    const lastBefore = await read<bigint>(QUEUE, 'getLastRequestId');
    const nonceBefore = await client().getTransactionCount({ address: user });
    await exits.getByRole('button', { name: 'Request withdrawal through Lido' }).click();
    const request = page.getByRole('region', { name: 'Flow preview' });
    await request.getByRole('heading', { level: 2, name: 'Request withdrawal through Lido' }).waitFor({ timeout: 60_000 });
    await expect(request.getByLabel('Withdrawal facts').textContent()).resolves.toMatch(/Request NFTs received\s*1/);
    await request.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'request preview from unwind');
    await screenshot(page, 'unwind-request-preview-light');
    await request.getByRole('button', { name: 'Request withdrawal' }).click();
    const progress = page
      .getByRole('region', { name: 'Flow progress' })
      .filter({ has: page.getByRole('heading', { name: 'Request withdrawal through Lido' }) });
    await progress
      .last()
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'unwind-request-done-light');

    // On chain: one more unstETH for the user, recorded by the queue for the amount the Ways out named.
    expect(await read<bigint>(QUEUE, 'balanceOf', [user])).toBe(nftBefore + 1n);
    const id = await read<bigint>(QUEUE, 'getLastRequestId');
    expect(id).toBe(lastBefore + 1n);
    expect(await read<readonly bigint[]>(QUEUE, 'getWithdrawalRequests', [user])).toContain(id);
    const [status] = await read<readonly { amountOfStETH: bigint; owner: Address; isFinalized: boolean }[]>(QUEUE, 'getWithdrawalStatus', [
      [id],
    ]);
    expect(status!.owner).toBe(user);
    expect(status!.isFinalized).toBe(false);
    expect(status!.amountOfStETH).toBe(amount);
    expect(await read<bigint>(TOKENS.stETH, 'balanceOf', [user])).toBeLessThan(1000n);
    await expect(client().getTransactionCount({ address: user })).resolves.toBe(nonceBefore + 2); // approve + request

    // Back to the unwind: planned again, it no longer sells the stETH (none left), only revokes the allowance.
    await progress.last().getByRole('button', { name: 'Back to the unwind' }).click();
    const rest = page.getByRole('region', { name: 'Flow preview' });
    await rest.getByRole('heading', { level: 2, name: 'Unwind: ETH → stETH → Curve LP' }).waitFor({ timeout: 60_000 });
    const restLabels = await rest.getByRole('list', { name: 'Steps' }).locator(':scope > li').allTextContents();
    expect(restLabels).toHaveLength(1);
    expect(restLabels[0]).toContain("Revoke Curve ETH/stETH's stETH allowance");
    await expect(page.getByRole('region', { name: 'Ways out for stETH' }).count()).resolves.toBe(0);
    await expect(rest.getByText(/stETH: none of what this flow staked is left/).count()).resolves.toBe(1);
    expect(errors).toEqual([]);
  });
});
