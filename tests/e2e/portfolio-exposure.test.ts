import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, parseAbi, zeroAddress, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { CHAINLINK_ETH_USD, EIGEN_STRATEGIES, EIGENLAYER, TOKENS } from '../../lib/restaking/addresses';
import { formatEth } from '../../lib/format';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { AAVE_DEVNET_ATOKENS } from '../devnet/seed/defi-aave';
import { LRT_DEVNET_STAKERS } from '../devnet/seed/lrt';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closePopupOnDevnet, openPopupOnDevnet } from './devnet-popup';

// Its own ABIs (not the registry), so the expected figures do not come from the code under test.
const el = parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
  'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
  'struct OperatorSet { address avs; uint32 id; }',
  'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }',
  'function getStrategyAllocations(address operator, address strategy) view returns (OperatorSet[], Allocation[])',
]);
const feed = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function decimals() view returns (uint8)',
]);

describe('popup Portfolio: restaking exposure over all holdings', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  const accounts = [devAccount(0).address, devAccount(1).address];

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openPopupOnDevnet({
      password: 'portfolio-exposure-pw',
      tab: 'Portfolio',
      untilAccount: accounts[1],
    }));
  }, 180_000);
  afterAll(() => closePopupOnDevnet({ devnet, ballast }));

  /**
   * Reference §6 from raw reads at one block, over both wallet accounts: a stake's ETH at risk in a set is
   * value × magnitude / max; an LRT holding (token or aToken) carries balance / supply of its stakers' sum.
   */
  async function expectedLargestSlash(blockNumber: bigint): Promise<{ key: string; lossEth: bigint }> {
    const c = devnet.ctx.client;
    const strategy = EIGEN_STRATEGIES.stETH;
    const read = ((args: Parameters<typeof c.readContract>[0]) => c.readContract({ ...args, blockNumber } as never)) as (
      a: unknown,
    ) => Promise<never>;
    const stake = async (staker: Address) => {
      const op: Address = await read({ address: EIGENLAYER.delegationManager, abi: el, functionName: 'delegatedTo', args: [staker] });
      const sets = new Map<string, bigint>();
      if (op === zeroAddress) return sets;
      const [[shares]]: [bigint[]] = await read({
        address: EIGENLAYER.delegationManager,
        abi: el,
        functionName: 'getWithdrawableShares',
        args: [staker, [strategy]],
      });
      if (!shares) return sets;
      const value: bigint = await read({ address: strategy, abi: el, functionName: 'sharesToUnderlyingView', args: [shares] });
      const max: bigint = await read({
        address: EIGENLAYER.allocationManager,
        abi: el,
        functionName: 'getMaxMagnitude',
        args: [op, strategy],
      });
      const [list, allocations]: [{ avs: Address; id: number }[], { currentMagnitude: bigint }[]] = await read({
        address: EIGENLAYER.allocationManager,
        abi: el,
        functionName: 'getStrategyAllocations',
        args: [op, strategy],
      });
      list.forEach((s, i) => sets.set(`${s.avs}:${s.id}`, (value * allocations[i]!.currentMagnitude) / max));
      return sets;
    };
    const total = new Map<string, bigint>();
    const add = (k: string, v: bigint) => v > 0n && total.set(k, (total.get(k) ?? 0n) + v);
    for (const lrt of ['rsETH', 'ezETH', 'pufETH', 'weETH'] as const) {
      const protocol = new Map<string, bigint>();
      for (const s of LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt))
        for (const [k, v] of await stake(s.staker)) protocol.set(k, (protocol.get(k) ?? 0n) + v);
      // A weETH is one eETH share: its part of ether.fi is balance / eETH.totalShares().
      const supply: bigint =
        lrt === 'weETH'
          ? await read({
              address: TOKENS.eETH,
              abi: parseAbi(['function totalShares() view returns (uint256)']),
              functionName: 'totalShares',
            })
          : await read({ address: TOKENS[lrt], abi: erc20Abi, functionName: 'totalSupply' });
      const holdings = [TOKENS[lrt], ...(lrt === 'pufETH' ? [] : [AAVE_DEVNET_ATOKENS[lrt]])];
      for (const a of accounts)
        for (const token of holdings) {
          const balance: bigint = await read({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [a] });
          if (balance > 0n) for (const [k, v] of protocol) if (v > 0n) add(k, (balance * v) / supply);
        }
    }
    for (const a of accounts) for (const [k, v] of await stake(a)) add(k, v);
    const [key, lossEth] = [...total].sort((x, y) => (y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : 0))[0]!;
    return { key, lossEth };
  }

  it('shows the by-operator and by-AVS charts and the largest single slash in ETH and USD equal to raw reads; axe light and dark', async () => {
    await page.locator('[data-portfolio-state="ready"]').waitFor({ timeout: 60_000 });
    const card = page.getByRole('region', { name: 'Restaking exposure over all holdings' });
    await card.waitFor();
    const blockText = await page.locator('[data-total-fair]').locator('xpath=../p[last()]').textContent();
    const blockNumber = BigInt(/Block (\d+)/.exec(blockText ?? '')![1]!);
    const want = await expectedLargestSlash(blockNumber);
    const slash = card.getByTestId('largest-single-slash');
    await expect(slash.locator('[data-largest-eth]').getAttribute('data-largest-eth')).resolves.toBe(want.lossEth.toString());
    await expect(slash.locator('[data-largest-eth]').textContent()).resolves.toBe(formatEth(want.lossEth, { rounding: 'expand' }));
    const [avs, id] = want.key.split(':');
    await expect(slash.getByText(`If operator set ${id} of AVS`).count()).resolves.toBe(1);
    await expect(slash.locator(`[title="${avs}"]`).count()).resolves.toBe(1);

    // USD: the Chainlink ETH/USD answer read here, the loss rounded up to the cent.
    const [, answer] = await devnet.ctx.client.readContract({ address: CHAINLINK_ETH_USD, abi: feed, functionName: 'latestRoundData' });
    const decimals = await devnet.ctx.client.readContract({ address: CHAINLINK_ETH_USD, abi: feed, functionName: 'decimals' });
    const scale = 10n ** 18n * 10n ** BigInt(decimals);
    const cents = (want.lossEth * answer * 100n + scale - 1n) / scale;
    const usd = `$${(cents / 100n).toLocaleString('en-US')}.${String(cents % 100n).padStart(2, '0')}`;
    await page.waitForFunction((text) => document.querySelector('[data-largest-usd]')?.textContent === text, usd, { timeout: 30_000 });

    for (const chart of ['by-operator', 'by-avs']) {
      const el = card.locator(`[data-chart="${chart}"]`);
      await expect(el.locator('canvas').count()).resolves.toBeGreaterThan(0);
      expect(await el.getAttribute('aria-label')).toMatch(
        chart === 'by-operator' ? /^Restaked ETH by operator\. 0x/ : /^ETH at risk by AVS\. 0x/,
      );
    }
    // Every LRT these accounts hold has a look-through now (weETH through the background's EtherFiNode scan).
    await expect(card.getByRole('region', { name: 'Not counted' }).count()).resolves.toBe(0);
    await slash.scrollIntoViewIfNeeded();
    await screenshot(page, 'portfolio-exposure-largest-light');
    await card.locator('[data-chart="by-avs"]').scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'exposure card light');
    await screenshot(page, 'portfolio-exposure-light');
    await card.getByText('How this is computed').click();
    await card.getByText(/Read at block \d+/).waitFor();
    await screenshot(page, 'portfolio-exposure-sources-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'exposure card dark');
    await screenshot(page, 'portfolio-exposure-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });

    // One click from a part of the largest slash to its position's sources.
    await slash.locator('[data-slash-part]').first().click();
    await page.getByRole('region', { name: 'Sources' }).waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    expect(errors).toEqual([]);
  });
});
