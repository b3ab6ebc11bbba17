import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, parseAbi, parseEther, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS } from '../../lib/restaking/symbiotic-registry';
import { formatEth } from '../../lib/format';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { depositToMellow, devnetSubnetwork, setNetworkLimit } from '../devnet/seed/symbiotic';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

// Its own ABIs (not the registry), so the expected figure does not come from the code under test.
const raw = parseAbi([
  'function activeBalanceOf(address account) view returns (uint256)',
  'function activeStake() view returns (uint256)',
  'function delegator() view returns (address)',
  'function networkLimit(bytes32 subnetwork) view returns (uint256)',
  'function getPooledEthByShares(uint256 shares) view returns (uint256)',
]);
const pz = MELLOW_LRTS.find((l) => l.symbol === 'pzETH')!;
const hyperlane = SYMBIOTIC_NETWORKS.find((n) => n.name === 'Hyperlane')!.address;
const WAD = 10n ** 18n;

describe('popup Portfolio: a Mellow LRT’s look-through', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  const holder = devAccount(1).address;

  beforeAll(async () => {
    ({ devnet, ballast, page } = await openPopupOnDevnet({
      password: 'mellow-look-through-pw',
      tab: 'Portfolio',
      untilAccount: holder,
      symbiotic: true,
      prepare: async (d) => {
        await depositToMellow(d.ctx, pz.address, holder, parseEther('150'));
        await depositToMellow(d.ctx, pz.address, devAccount(9).address, parseEther('50'));
        const stake = await d.ctx.client.readContract({ address: pz.symbioticVault, abi: raw, functionName: 'activeStake' });
        await setNetworkLimit(d.ctx, pz.symbioticVault, hyperlane, stake * 2n);
        await setNetworkLimit(d.ctx, pz.symbioticVault, SYMBIOTIC_NETWORKS.find((n) => n.name === 'Spark')!.address, stake / 4n);
      },
    }));
  }, 180_000);
  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  /** The holder's ETH lost if `network` slashes its whole stake in pzETH's vault, from raw reads. */
  async function holderLoss(network: Address): Promise<bigint> {
    const c = devnet.ctx.client;
    const read = (functionName: 'activeStake' | 'delegator') => c.readContract({ address: pz.symbioticVault, abi: raw, functionName });
    const stake = (await read('activeStake')) as bigint;
    const lrtActive = await c.readContract({ address: pz.symbioticVault, abi: raw, functionName: 'activeBalanceOf', args: [pz.address] });
    const delegator = (await read('delegator')) as Address;
    const limit = await c.readContract({ address: delegator, abi: raw, functionName: 'networkLimit', args: [devnetSubnetwork(network)] });
    const wstRate = await c.readContract({ address: TOKENS.stETH, abi: raw, functionName: 'getPooledEthByShares', args: [WAD] });
    const lrtEth = ((((limit < stake ? limit : stake) * lrtActive) / stake) * wstRate) / WAD;
    const balance = await c.readContract({ address: pz.address, abi: erc20Abi, functionName: 'balanceOf', args: [holder] });
    const supply = await c.readContract({ address: pz.address, abi: erc20Abi, functionName: 'totalSupply' });
    return (lrtEth * balance) / supply;
  }

  it('pzETH: Position detail by network and the portfolio’s largest single slash equal raw reads; axe light and dark', async () => {
    await page.locator('[data-portfolio-state="ready"]').waitFor({ timeout: 60_000 });
    const worst = await holderLoss(hyperlane);
    const card = page.getByRole('region', { name: 'Restaking exposure over all holdings' });
    await card.waitFor();
    const slash = card.getByTestId('largest-single-slash');
    await expect(slash.locator('[data-largest-eth]').getAttribute('data-largest-eth')).resolves.toBe(worst.toString());
    await expect(slash.getByText(/Symbiotic network Hyperlane/).count()).resolves.toBe(1);
    const byNetwork = card.getByRole('region', { name: 'ETH at risk by Symbiotic network' });
    await expect(byNetwork.getByRole('list', { name: 'Symbiotic networks' }).textContent()).resolves.toContain('Hyperlane');
    await byNetwork.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'exposure by network light');
    await screenshot(page, 'portfolio-mellow-exposure-light');

    const pzRow = page.locator(`[data-position="mellow-lrt:${holder.toLowerCase()}:pzETH"]`);
    await pzRow.scrollIntoViewIfNeeded();
    await screenshot(page, 'portfolio-mellow-row-light');
    await pzRow.click();
    const section = page.getByRole('region', { name: 'LRT look-through' });
    await section.waitFor();
    await expect(section.getByRole('heading').textContent()).resolves.toMatch(/^Look-through · Symbiotic vault .+, 2 networks$/);
    const largest = section.locator('dt', { hasText: 'Your largest single slash' });
    await expect(largest.locator('span').nth(1).textContent()).resolves.toBe(formatEth(worst, { rounding: 'expand' }));
    const spark = section.locator('dt', { hasText: 'Network Spark' });
    const sparkLoss = await holderLoss(SYMBIOTIC_NETWORKS.find((n) => n.name === 'Spark')!.address);
    await expect(spark.locator('span').nth(1).textContent()).resolves.toBe(formatEth(sparkLoss, { rounding: 'expand' }));
    await expect(section.getByText('at once').count()).resolves.toBe(1);
    await section.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'pzETH look-through light');
    await screenshot(page, 'portfolio-mellow-pzeth-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'pzETH look-through dark');
    await screenshot(page, 'portfolio-mellow-pzeth-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
  });
});
