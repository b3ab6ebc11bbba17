import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, parseAbi, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { formatAmount } from '../../lib/format';
import { L2_CHAINS, l2PoolsOf } from '../../lib/restaking/l2';
import { devAccount } from '../devnet/context';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { l1RatesFromInfo, startL2Devnets, type L2Devnet } from '../devnet/l2-devnet';
import { l2RateLag, parseL2Token } from '../devnet/scenarios-l2';
import { l2Depeg } from '../devnet/scenarios-l2-depeg';
import { RESTAKING_TOKENS } from '../../lib/restaking/tokens';
import { collectErrors, expectNoAxeViolations, expectOk, launchBallast, onboardOnDevnet, screenshot, type Ballast } from './harness';

/**
 * Issue #18 in the browser: the test build's devnet twins pointed at this test's own Arbitrum One and Base anvils; the
 * Portfolio shows Ethereum, Arbitrum and Base with a per-chain breakdown equal to the test's raw reads, and the
 * rate-lag flag on weETH on Base after the l2-rate-lag scenario.
 */

const PASSWORD = 'portfolio-chains-pw';
const WAD = 10n ** 18n;
const feedAbi = parseAbi(['function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)']);
const quoterAbi = parseAbi([
  'function quoteExactInputSingle((address tokenIn, address tokenOut, uint256 amountIn, uint24 fee, uint160 sqrtPriceLimitX96)) returns (uint256, uint160, uint32, uint256)',
]);
const wstethAbi = parseAbi(['function stEthPerToken() view returns (uint256)']);

describe('Portfolio across chains', () => {
  let devnet: Devnet;
  let l2: L2Devnet[];
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  let accounts: Address[];
  const restaker = devAccount(1).address;
  const node = (chainId: number) => l2.find((n) => n.chainId === chainId)!;

  beforeAll(async () => {
    devnet = await startDevnet();
    l2 = await startL2Devnets({ l1Rates: l1RatesFromInfo(devnet.info.rates) });
    ballast = await launchBallast();
    page = await ballast.openPopup();
    errors = collectErrors(page);
    await expectOk(page, 'networks:setRpcUrls', { key: 'devnet-arbitrum', chainId: 42161, rpcUrls: [node(42161).rpcUrl] });
    await expectOk(page, 'networks:setRpcUrls', { key: 'devnet-base', chainId: 8453, rpcUrls: [node(8453).rpcUrl] });
    await onboardOnDevnet(page, { rpcUrl: devnet.rpcUrl, password: PASSWORD, untilAccount: restaker });
    const state = (await expectOk(page, 'wallet:getState')) as { accounts: { address: Address }[] };
    accounts = state.accounts.map((a) => a.address);
    await page.getByRole('tab', { name: 'Portfolio' }).click();
  }, 240_000);

  afterAll(async () => {
    await ballast?.close();
    await Promise.all([devnet?.stop(), ...(l2 ?? []).map((n) => n.stop())]);
  });

  /** Σ balanceOf × the rate source's answer over the wallet's accounts, read raw on the L2 node. */
  async function rawChain(chainId: 42161 | 8453) {
    const client = node(chainId).ctx.client;
    const rows: { account: Address; symbol: string; amount: bigint }[] = [];
    let valueEth = 0n;
    for (const t of L2_CHAINS[chainId].tokens) {
      const [, answer] = await client.readContract({ address: t.rateSource.address, abi: feedAbi, functionName: 'latestRoundData' });
      for (const account of accounts) {
        const amount = await client.readContract({ address: t.address, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
        if (amount === 0n) continue;
        rows.push({ account, symbol: t.symbol, amount });
        valueEth += (amount * answer) / WAD;
      }
    }
    return { rows, valueEth };
  }

  const card = () => page.getByRole('region', { name: 'Portfolio across chains' });

  it('shows Ethereum, Arbitrum and Base with a per-chain breakdown equal to raw reads; axe clean light and dark', async () => {
    await page.locator('[data-portfolio-state="ready"]').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    await card().locator('[data-chain="8453"][data-chain-status="ok"]').waitFor({ timeout: 60_000 });
    await expect(
      card()
        .locator('[data-chain]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-chain'))),
    ).resolves.toEqual(['1', '42161', '8453']);
    let l2Total = 0n;
    for (const chainId of [42161, 8453] as const) {
      const raw = await rawChain(chainId);
      expect(raw.rows.length, `seeded holdings on ${chainId}`).toBeGreaterThan(0);
      await expect(card().locator(`[data-chain="${chainId}"]`).getAttribute('data-chain-eth')).resolves.toBe(raw.valueEth.toString());
      for (const r of raw.rows) {
        const holding = card().locator(`[data-l2-holding="${chainId}:${r.account.toLowerCase()}:${r.symbol}"]`);
        await expect(holding.locator('[data-amount]').textContent()).resolves.toBe(formatAmount(r.amount, 18, r.symbol));
      }
      await expect(card().locator(`[data-l2-holding^="${chainId}:"]`).count()).resolves.toBe(raw.rows.length);
      l2Total += raw.valueEth;
      console.log(`[portfolio-chains] chain ${chainId}: ${raw.rows.length} holdings, ${raw.valueEth} wei`);
    }
    const ethereumEth = BigInt((await card().locator('[data-chain="1"]').getAttribute('data-chain-eth'))!);
    expect(ethereumEth).toBeGreaterThan(0n);
    await expect(card().getAttribute('data-chains-total')).resolves.toBe((ethereumEth + l2Total).toString());
    await expect(card().locator('[data-rate-lag]').count()).resolves.toBe(0);

    await card().scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'portfolio across chains light');
    await screenshot(page, 'portfolio-chains-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'portfolio across chains dark');
    await screenshot(page, 'portfolio-chains-dark');
    await expectOk(page, 'settings:set', { theme: 'light' });
    await page.waitForFunction(() => !document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
  });

  it('after l2-rate-lag base weETH 0.02 and a refresh, weETH on Base carries the rate-lag warning with both sources', async () => {
    await l2RateLag(devnet.ctx, node(8453).ctx, 8453, parseL2Token(8453, 'weETH'), { fraction: '0.02' });
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    const weeth = card().locator(`[data-l2-holding="8453:${restaker.toLowerCase()}:weETH"]`);
    const flag = weeth.locator('details[data-rate-lag="warn"]');
    await flag.waitFor({ timeout: 60_000 });
    await expect(weeth.getAttribute('data-lag')).resolves.toBe('lagging');
    // Nothing else lags.
    await expect(card().locator('[data-rate-lag]').count()).resolves.toBe(1);
    await flag.locator(':scope > summary').click();
    await expect(flag.locator('[data-name="shortfall"]').textContent()).resolves.toBe('2%');
    // The sources one click further: the Base rate source's address and the L1 fair-rate source.
    await flag.getByText('Source', { exact: true }).click();
    const source = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'weETH')!.rateSource.address;
    await flag.getByText(source).waitFor();
    await expect(flag.getByText(/; L1: /).isVisible()).resolves.toBe(true);
    // Still valued at Base's own (lagging) rate, raw-read.
    const raw = await rawChain(8453);
    await expect(card().locator('[data-chain="8453"]').getAttribute('data-chain-eth')).resolves.toBe(raw.valueEth.toString());
    await weeth.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'portfolio rate lag light');
    await screenshot(page, 'portfolio-chains-rate-lag-light');
    await expectOk(page, 'settings:set', { theme: 'dark' });
    await page.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
    await expectNoAxeViolations(page, 'portfolio rate lag dark');
    await screenshot(page, 'portfolio-chains-rate-lag-dark');
    expect(errors).toEqual([]);
  });
  it('after l2-depeg base wstETH 0.03 and a refresh, wstETH on Base shows its danger depeg (raw quote vs L1 fair rate), pool one click away', async () => {
    await l2Depeg(devnet.ctx, node(8453).ctx, 8453, parseL2Token(8453, 'wstETH'), '0.03');
    await page.getByRole('button', { name: 'Refresh portfolio' }).click();
    const wsteth = card().locator(`[data-l2-holding="8453:${restaker.toLowerCase()}:wstETH"]`);
    const depeg = wsteth.locator('details[data-l2-depeg="danger"]');
    await depeg.waitFor({ timeout: 60_000 });
    // The test's own figures: a raw QuoterV2 eth_call on Base and stEthPerToken on Ethereum.
    const token = L2_CHAINS[8453].tokens.find((t) => t.symbol === 'wstETH')!;
    const pool = l2PoolsOf(8453, 'wstETH')[0]!;
    const { result } = await node(8453).ctx.client.simulateContract({
      address: pool.quoter,
      abi: quoterAbi,
      functionName: 'quoteExactInputSingle',
      args: [{ tokenIn: token.address, tokenOut: pool.tokenOut, amountIn: WAD, fee: pool.fee, sqrtPriceLimitX96: 0n }],
    });
    const fair = await devnet.ctx.client.readContract({
      address: RESTAKING_TOKENS.wstETH.address,
      abi: wstethAbi,
      functionName: 'stEthPerToken',
    });
    const expected = Number(result[0] - fair) / Number(fair);
    const shown = Number(await depeg.getAttribute('data-depeg-wad')) / 1e18;
    expect(Math.abs(shown - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
    const amount = await node(8453).ctx.client.readContract({
      address: token.address,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [restaker],
    });
    await depeg.locator(':scope > summary').click();
    await expect(depeg.locator('[data-market-value-eth]').getAttribute('data-market-value-eth')).resolves.toBe(
      ((amount * result[0]) / WAD).toString(),
    );
    // 0.75 wstETH: the smallest exit size that covers it is 1 token, and the line says which quote priced it.
    await depeg.getByText(/Market value .* \(what selling it returns, priced from a 1 wstETH quote\)/).waitFor();
    await depeg.getByText(`Quote: uniswap-v3:${pool.pool} via QuoterV2 on Base`).waitFor();
    // weETH has no listed pool on Base: not checked, with the reason.
    const weeth = card().locator(`[data-l2-holding="8453:${restaker.toLowerCase()}:weETH"] [data-l2-depeg="not-checked"]`);
    await expect(weeth.textContent()).resolves.toMatch(/^Market price not checked on Base: no pool listed for weETH/);
    await wsteth.scrollIntoViewIfNeeded();
    await expectNoAxeViolations(page, 'portfolio l2 depeg (dark, as left by the test before)');
    await screenshot(page, 'portfolio-chains-l2-depeg');
    expect(errors).toEqual([]);
  });
});
