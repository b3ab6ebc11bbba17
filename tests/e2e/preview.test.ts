import { afterAll, beforeAll, expect, test } from 'vitest';
import { parseAbi, parseEther, type Address } from 'viem';
import type { Locator, Page } from 'playwright-core';
import { AAVE_V3, CHAINLINK, PROTOCOL_CONTRACTS } from '../../lib/restaking/addresses';
import { launchBallast, screenshot, waitForPage, type Ballast } from './harness';
import { ACCOUNT_0, decide, onboard } from './test-dapp-helpers';
import { startDemoServer, type DemoServer } from '../demo/serve';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { depeg } from '../devnet/scenarios';
import { acquireToken } from '../devnet/seed/acquire';
import { depositAndDelegate } from '../devnet/seed/eigen-actions';

/**
 * The approval window's risk preview, driven from the demo restaking dApp with Ballast as its wallet
 * (picked by its EIP-6963 rdns). Each case reads the preview the window renders before deciding.
 */
const BALLAST_RDNS = 'wallet.ballast';
const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function decimals() view returns (uint8)',
]);
const kelpOracleAbi = parseAbi(['function rsETHPrice() view returns (uint256)']);
const ONE = 10n ** 18n;

let devnet: Devnet;
let demo: DemoServer;
let ballast: Ballast;
let dapp: Page;

beforeAll(async () => {
  devnet = await startDevnet();
  demo = await startDemoServer();
  ballast = await launchBallast();
  await onboard(ballast, devnet.rpcUrl);
  // Account 0 holds stETH (Curve leg) and has stETH restaked but undelegated (stake the delegation puts at risk).
  const account = ACCOUNT_0 as Address;
  await acquireToken(devnet.ctx, 'stETH', account, parseEther('10'));
  await depositAndDelegate(devnet.ctx, account, 'stETH', parseEther('5'), null);
  dapp = await ballast.context.newPage();
  await dapp.goto(`${demo.url}?wallet=${BALLAST_RDNS}`);
  await dapp.waitForSelector('#wallet-name[data-state="ok"]');
  const approval = waitForPage(ballast.context, 'approval.html');
  await dapp.click('#connect');
  await decide(await approval, /connect/i);
  await dapp.waitForSelector('#account[data-state="ok"]');
  expect((await dapp.textContent('#account'))?.toLowerCase()).toBe(ACCOUNT_0);
}, 240_000);

afterAll(async () => {
  await ballast?.close();
  await demo?.stop();
  await devnet?.stop();
});

/** Clicks a demo button and returns the approval window once its preview has finished simulating. */
async function previewFor(selector: string): Promise<{ approval: Page; preview: Locator }> {
  const opened = waitForPage(ballast.context, 'approval.html');
  await dapp.click(selector);
  const approval = await opened;
  const preview = approval.locator('[data-testid="risk-preview"][data-worst]');
  await preview.waitFor({ timeout: 60_000 });
  return { approval, preview };
}

const flagOf = (preview: Locator, id: string) => preview.locator(`[data-testid="risk-flag"][data-flag-id="${id}"]`);
const numberOf = (flag: Locator, name: string) => flag.locator(`[data-testid="risk-number"][data-name="${name}"]`).textContent();

test('deposit into Kelp after a 5 % rsETH depeg: danger depeg flag with the figure the chain gives; Reject reaches the dApp', async () => {
  await depeg(devnet.ctx, 'rsETH', '5');
  // Independent figure: the rsETH/ETH feed against LRTOracle.rsETHPrice() (minted amount cancels out).
  const { client } = devnet.ctx;
  const [, answer] = await client.readContract({ address: CHAINLINK.rsETH_ETH, abi: feedAbi, functionName: 'latestRoundData' });
  const decimals = await client.readContract({ address: CHAINLINK.rsETH_ETH, abi: feedAbi, functionName: 'decimals' });
  const fair = await client.readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: kelpOracleAbi, functionName: 'rsETHPrice' });
  const expected = Number((answer * ONE * 10n ** 6n) / (10n ** BigInt(decimals) * fair)) / 1e6 - 1;
  expect(Math.abs(expected + 0.05)).toBeLessThan(0.002);

  const { approval, preview } = await previewFor('#deposit-rsETH');
  expect(await preview.getAttribute('data-worst')).toBe('danger');
  const flag = flagOf(preview, 'depeg.discount');
  expect(await flag.getAttribute('data-severity')).toBe('danger');
  const shown = Number((await numberOf(flag, 'deviation'))?.replace(/[%\s]/g, '')) / 100;
  expect(Math.abs(shown - expected)).toBeLessThan(0.001);
  expect(Math.abs(shown + 0.05)).toBeLessThan(0.002);
  await preview.scrollIntoViewIfNeeded();
  await screenshot(approval, 'preview-depeg-light');
  await decide(approval, /reject/i);
  await dapp.waitForSelector('#result-deposit-rsETH[data-state="error"]');
  expect(await dapp.textContent('#result-deposit-rsETH')).toMatch(/^rejected:/);
});

test('delegate to the seeded operator: the slashable flag says how much ETH is at risk', async () => {
  const { approval, preview } = await previewFor('#delegate');
  const flag = flagOf(preview, 'eigen.slashable');
  await flag.waitFor();
  expect(await numberOf(flag, 'worstCase')).toMatch(/^\d+(\.\d+)? ETH \(\d+(\.\d+)?\s?%\)$/);
  expect(await flag.textContent()).toMatch(/\d+(\.\d+)? ETH of this stETH stake can be slashed/);
  await preview.scrollIntoViewIfNeeded();
  await screenshot(approval, 'preview-delegate-light');
  await decide(approval, /reject/i);
  await dapp.waitForSelector('#result-delegate[data-state="error"]');
});

test('add ETH + stETH to Curve: impermanent-loss figures at 1, 3, 5 and 10 % depeg', async () => {
  // The demo approves stETH first; that window is approved so add_liquidity follows in a second one.
  const first = await previewFor('#curve-add');
  await decide(first.approval, 'Send');
  const approval = await waitForPage(ballast.context, 'approval.html', 60_000);
  const preview = approval.locator('[data-testid="risk-preview"][data-worst]');
  await preview.waitFor({ timeout: 60_000 });
  const flag = flagOf(preview, 'curve.impermanent-loss');
  await flag.waitFor();
  expect(await numberOf(flag, 'lrtLeg')).toBe('stETH');
  const losses: number[] = [];
  for (const depegPercent of ['1', '3', '5', '10']) {
    const text = (await numberOf(flag, `IL at ${depegPercent}% stETH depeg`)) ?? '';
    expect(text, `IL at ${depegPercent} %`).toMatch(/^-\d+(\.\d+)?%$/);
    losses.push(Math.abs(Number(text.replace('%', ''))));
  }
  // A bigger depeg always costs more: the figures grow with the depeg.
  expect([...losses].sort((a, b) => a - b)).toEqual(losses);
  expect(new Set(losses).size).toBe(4);
  await preview.scrollIntoViewIfNeeded();
  await screenshot(approval, 'preview-curve-il-light');
  await decide(approval, /reject/i);
  await dapp.waitForSelector('#result-curve-add[data-state="error"]');
});

test('sign a Permit2 PermitSingle: danger flag naming spender, amount and expiry', async () => {
  const { approval, preview } = await previewFor('#sign-permit2');
  const ids = await preview
    .locator('[data-testid="risk-flag"]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-flag-id')}:${e.getAttribute('data-severity')}`));
  expect(ids).toContain('permit2.long-expiration:danger');
  const flag = flagOf(preview, 'permit2.long-expiration');
  expect(await flag.getAttribute('data-severity')).toBe('danger');
  expect((await numberOf(flag, 'spender'))?.toLowerCase()).toBe(AAVE_V3.pool.toLowerCase());
  expect(await numberOf(flag, 'amounts')).toMatch(/unlimited/i);
  // The demo asks for expiration = max uint48, the shape drainers use.
  expect(await numberOf(flag, 'expires')).toMatch(/never/i);
  await preview.scrollIntoViewIfNeeded();
  await screenshot(approval, 'preview-permit2-light');
  await decide(approval, /reject/i);
  await dapp.waitForSelector('#result-sign-permit2[data-state="error"]');
  expect(await dapp.textContent('#result-sign-permit2')).toMatch(/^rejected:/);
});
