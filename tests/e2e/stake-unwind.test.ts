import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAbi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import type { FlowState } from '../../lib/flows/types';
import { CURVE, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closeStakeScreen, openStakeScreen, previewRecipe } from './stake-helpers';

const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function allowance(address, address) view returns (uint256)',
  'function getEETHByWeETH(uint256) view returns (uint256)',
  'function setFee(uint256)',
]);

// A flow that stops at its Curve step offers Unwind; the unwind preview names only the finished steps' inverses
// and one click runs it with the same executor.
describe('popup Stake & deploy: unwind a stopped flow', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const user: Address = devAccount(0).address;
  const client = () => devnet.ctx.client;
  const read = (address: Address, functionName: 'balanceOf' | 'allowance', args: readonly Address[]) =>
    client().readContract({ address, abi: views, functionName, args } as never) as Promise<bigint>;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openStakeScreen('stake-unwind-pw'));
  }, 180_000);

  afterAll(() => closeStakeScreen({ devnet, ballast }));

  it('ETH → weETH → Curve stopped at the add: Unwind previews revoke + unwrap, runs them, weETH and its allowance back to 0', async () => {
    const weethBefore = await read(TOKENS.weETH, 'balanceOf', [user]);
    const eethBefore = await read(TOKENS.eETH, 'balanceOf', [user]);
    const card = await previewRecipe(page, /^ETH → weETH → Curve LP/, '1');
    // After the preview, the pool's owner raises the fee to 50 %: the add would now mint far below its minimum.
    await devnet.ctx.write({ address: CURVE.weethNgPool, abi: views, functionName: 'setFee', args: [5_000_000_000n] });
    // (The devnet owner is this same dev account: count nonces from here.)
    const nonceBefore = await client().getTransactionCount({ address: user });
    await card.getByRole('button', { name: 'Stake & deploy' }).click();
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^stopped$/ })
      .waitFor({ timeout: 120_000 });
    const [stopped] = (await expectOk(page, 'flows:list')) as FlowState[];
    expect(stopped?.failure).toMatchObject({ step: 4, beforeSending: true });
    const wrapped = BigInt(stopped!.steps[2]!.actualOut!);
    expect(await read(TOKENS.weETH, 'balanceOf', [user])).toBe(weethBefore + wrapped);

    await page.getByRole('button', { name: 'Unwind the 4 finished steps' }).click();
    const unwind = page.getByRole('region', { name: 'Flow preview' });
    await unwind.waitFor({ timeout: 60_000 });
    await expect(unwind.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Unwind: ETH → weETH → Curve LP');
    const labels = await unwind.getByRole('list', { name: 'Steps' }).locator(':scope > li').allTextContents();
    expect(labels).toHaveLength(2);
    expect(labels[0]).toContain("1. Revoke Curve WETH/weETH's weETH allowance");
    expect(labels[1]).toContain('2. Unwrap weETH into eETH');
    // The stake has no instant inverse: said, not faked.
    await expect(unwind.getByText(/eETH: no instant unstake\. Request a withdrawal in ether\.fi/).count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'unwind preview');
    await screenshot(page, 'stake-unwind-preview');

    await unwind.getByRole('button', { name: 'Run unwind' }).click();
    await page
      .getByRole('region', { name: 'Flow progress' })
      .getByRole('heading', { name: 'Unwind: ETH → weETH → Curve LP' })
      .waitFor({ timeout: 30_000 });
    await page
      .getByTestId('flow-status')
      .filter({ hasText: /^done$/ })
      .waitFor({ timeout: 120_000 });
    await screenshot(page, 'stake-unwind-done');

    expect(await read(TOKENS.weETH, 'balanceOf', [user])).toBe(weethBefore);
    expect(await read(TOKENS.weETH, 'allowance', [user, CURVE.weethNgPool])).toBe(0n);
    const eethBack = await client().readContract({ address: TOKENS.weETH, abi: views, functionName: 'getEETHByWeETH', args: [wrapped] });
    const eethNow = await read(TOKENS.eETH, 'balanceOf', [user]);
    // eETH: the 1 ETH stake minus what was wrapped, plus the unwrap of it (share rounding: a few wei).
    expect(eethNow - eethBefore).toBeGreaterThanOrEqual(eethBack - 4n);
    // 4 steps of the stopped flow + 2 unwind steps, each sent once.
    await expect(client().getTransactionCount({ address: user })).resolves.toBe(nonceBefore + 6);
    expect(errors).toEqual([]);
  });
});
