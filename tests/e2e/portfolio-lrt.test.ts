import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, parseAbi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { EIGEN_STRATEGIES, EIGENLAYER, TOKENS } from '../../lib/restaking/addresses';
import { formatEth } from '../../lib/format';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { LRT_DEVNET_ALLOCATIONS, LRT_DEVNET_AVS, LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from '../devnet/seed/lrt';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

// Its own ABIs (not the registry), so the expected figure does not come from the code under test.
const el = parseAbi([
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
  'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
  'struct OperatorSet { address avs; uint32 id; }',
  'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }',
  'function getAllocation(address operator, OperatorSet operatorSet, address strategy) view returns (Allocation)',
]);

const row = (page: Page, family: string, account: Address, asset: string) =>
  page.locator(`[data-position="${family}:${account.toLowerCase()}:${asset}"]`);

describe('popup Portfolio: an LRT’s look-through', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const holder = devAccount(1).address;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({
      password: 'lrt-look-through-pw',
      tab: 'Portfolio',
      untilAccount: holder,
    }));
  }, 180_000);
  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  /** The LRT's ETH at risk per operator set, from raw double reads: Σ floor(value × magnitude / max). */
  async function worstSet(lrt: 'rsETH' | 'weETH'): Promise<bigint> {
    const c = devnet.ctx.client;
    const strategy = EIGEN_STRATEGIES.stETH;
    const perSet = new Map<string, bigint>();
    for (const s of LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt)) {
      const [[shares]] = await c.readContract({
        address: EIGENLAYER.delegationManager,
        abi: el,
        functionName: 'getWithdrawableShares',
        args: [s.staker, [strategy]],
      });
      const value = await c.readContract({ address: strategy, abi: el, functionName: 'sharesToUnderlyingView', args: [shares!] });
      const op = LRT_DEVNET_OPERATORS[s.operator];
      const max = await c.readContract({
        address: EIGENLAYER.allocationManager,
        abi: el,
        functionName: 'getMaxMagnitude',
        args: [op, strategy],
      });
      for (const a of LRT_DEVNET_ALLOCATIONS.filter((x) => x.operator === s.operator)) {
        const set = { avs: LRT_DEVNET_AVS[a.avs], id: a.id };
        const { currentMagnitude } = await c.readContract({
          address: EIGENLAYER.allocationManager,
          abi: el,
          functionName: 'getAllocation',
          args: [op, set, strategy],
        });
        perSet.set(`${set.avs}:${set.id}`, (perSet.get(`${set.avs}:${set.id}`) ?? 0n) + (value * currentMagnitude) / max);
      }
    }
    return [...perSet.values()].reduce((m, v) => (v > m ? v : m), 0n);
  }

  it('rsETH and weETH show the holder’s largest single slash (balance / supply × the worst set; weETH: ÷ eETH shares, nodes from the log scan); axe light and dark', async () => {
    await page.locator('[data-portfolio-state="ready"]').waitFor({ timeout: 60_000 });
    const worst = await worstSet('rsETH');
    const balance = await devnet.ctx.client.readContract({
      address: TOKENS.rsETH,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
    });
    const supply = await devnet.ctx.client.readContract({ address: TOKENS.rsETH, abi: erc20Abi, functionName: 'totalSupply' });
    expect(balance).toBeGreaterThan(0n);

    await row(page, 'token', holder, 'rsETH').click();
    const section = page.getByRole('region', { name: 'LRT look-through' });
    await section.waitFor();
    await expect(section.getByRole('heading').textContent()).resolves.toBe('Look-through · 2 staker contracts, 2 operators');
    const largest = section.locator('dt', { hasText: 'Your largest single slash' });
    await expect(largest.locator('span').nth(1).textContent()).resolves.toBe(formatEth((balance * worst) / supply, { rounding: 'expand' }));
    await expect(section.getByText('after an update').count()).resolves.toBe(1);
    await section.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'rsETH look-through light');
    await screenshot(page, 'portfolio-lrt-rseth-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'rsETH look-through dark');
    await screenshot(page, 'portfolio-lrt-rseth-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.getByRole('button', { name: 'Back' }).click();

    // weETH: the EtherFiNodes come from the background's EtherFiNodeDeployed scan; a weETH is one eETH share.
    const weBalance = await devnet.ctx.client.readContract({
      address: TOKENS.weETH,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
    });
    const shares = await devnet.ctx.client.readContract({
      address: TOKENS.eETH,
      abi: parseAbi(['function totalShares() view returns (uint256)']),
      functionName: 'totalShares',
    });
    expect(weBalance).toBeGreaterThan(0n);
    const weWorst = await worstSet('weETH');
    await row(page, 'token', holder, 'weETH').click();
    const we = page.getByRole('region', { name: 'LRT look-through' });
    await we.waitFor();
    await expect(we.getByRole('heading').textContent()).resolves.toBe('Look-through · 3 staker contracts, 2 operators');
    const weLargest = we.locator('dt', { hasText: 'Your largest single slash' });
    await expect(weLargest.locator('span').nth(1).textContent()).resolves.toBe(
      formatEth((weBalance * weWorst) / shares, { rounding: 'expand' }),
    );
    const read = we.locator('dt', { hasText: 'Staker contracts read' });
    await expect(read.locator('span').nth(1).textContent()).resolves.toBe('3 of 3');
    await we.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'weETH look-through light');
    await screenshot(page, 'portfolio-lrt-weeth-light');
    await page.getByRole('button', { name: 'Back' }).click();
    expect(errors).toEqual([]);
  });
});
