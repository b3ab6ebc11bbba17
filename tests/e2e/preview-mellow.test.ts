import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { encodeFunctionData, erc20Abi, parseAbi, parseEther, type Address } from 'viem';
import { TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS } from '../../lib/restaking/symbiotic-registry';
import { formatEth } from '../../lib/format';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { acquireToken } from '../devnet/seed/acquire';
import { depositToMellow, devnetSubnetwork, setNetworkLimit } from '../devnet/seed/symbiotic';
import { startDappServer } from './dapp-server';
import {
  decideInWindow,
  expectNoAxeViolations,
  expectOk,
  launchBallast,
  onboardOnDevnet,
  screenshot,
  waitForClose,
  waitForPage,
  type Ballast,
} from './harness';
import { ask, openRecordedDapp, settled } from './worker-restart-page';

/**
 * A dApp asks Ballast to deposit wstETH into pzETH (Mellow): the approval window's preview names the Symbiotic
 * network whose full slash would cost the account most afterwards. The figure is computed here from raw reads:
 * the shares the deposit mints (convertToShares), the network's reach min(activeStake, networkLimit) × the
 * LRT's activeBalanceOf ÷ activeStake × wstETH's rate, and shares ÷ supply of it.
 */
const raw = parseAbi([
  'function activeBalanceOf(address account) view returns (uint256)',
  'function activeStake() view returns (uint256)',
  'function delegator() view returns (address)',
  'function networkLimit(bytes32 subnetwork) view returns (uint256)',
  'function getPooledEthByShares(uint256 shares) view returns (uint256)',
  'function convertToShares(uint256 assets) view returns (uint256)',
  'function deposit(uint256 assets, address receiver) returns (uint256)',
]);
const WAD = 10n ** 18n;
const account = devAccount(0).address;
const pz = MELLOW_LRTS.find((l) => l.symbol === 'pzETH')!;
const hyperlane = SYMBIOTIC_NETWORKS.find((n) => n.name === 'Hyperlane')!.address;

let devnet: Devnet;
let server: Awaited<ReturnType<typeof startDappServer>>;
let ballast: Ballast;
let dapp: Page;
let assets: bigint;

beforeAll(async () => {
  [devnet, server, ballast] = await Promise.all([startDevnet({ symbiotic: true }), startDappServer(), launchBallast()]);
  await depositToMellow(devnet.ctx, pz.address, devAccount(9).address, parseEther('30'));
  const stake = await devnet.ctx.client.readContract({ address: pz.symbioticVault, abi: raw, functionName: 'activeStake' });
  await setNetworkLimit(devnet.ctx, pz.symbioticVault, hyperlane, stake * 2n);
  assets = await acquireToken(devnet.ctx, 'wstETH', account, parseEther('6'));
  await devnet.ctx.write({ address: TOKENS.wstETH, abi: erc20Abi, functionName: 'approve', args: [pz.address, assets], from: account });
  const control = await ballast.context.newPage();
  await control.goto(ballast.url('popup.html'));
  await onboardOnDevnet(control, { rpcUrl: devnet.rpcUrl, password: 'mellow-preview-pw' });
  // The preview reads the portfolio's last snapshot of the account: refresh it as the popup would.
  const view = (await expectOk(control, 'portfolio:refresh')) as { schedule: { lastError: string | null } };
  expect(view.schedule.lastError).toBeNull();
  dapp = await openRecordedDapp(await ballast.context.newPage(), server.origin);
  await ask(dapp, 'connect', 'eth_requestAccounts');
  await decideInWindow(await waitForPage(ballast.context, 'approval.html'), 'Connect');
  await settled(dapp, 'connect');
}, 240_000);
afterAll(async () => {
  await ballast?.close();
  await server?.close();
  await devnet?.stop();
});

test('a pzETH deposit: "a full slash by Symbiotic network Hyperlane would cost this account X", X from raw reads; axe', async () => {
  const c = devnet.ctx.client;
  const minted = await c.readContract({ address: pz.address, abi: raw, functionName: 'convertToShares', args: [assets] });
  const stake = await c.readContract({ address: pz.symbioticVault, abi: raw, functionName: 'activeStake' });
  const lrtActive = await c.readContract({ address: pz.symbioticVault, abi: raw, functionName: 'activeBalanceOf', args: [pz.address] });
  const delegator = (await c.readContract({ address: pz.symbioticVault, abi: raw, functionName: 'delegator' })) as Address;
  const limit = await c.readContract({ address: delegator, abi: raw, functionName: 'networkLimit', args: [devnetSubnetwork(hyperlane)] });
  const wstRate = await c.readContract({ address: TOKENS.stETH, abi: raw, functionName: 'getPooledEthByShares', args: [WAD] });
  const supply = await c.readContract({ address: pz.address, abi: erc20Abi, functionName: 'totalSupply' });
  const lrtEth = ((((limit < stake ? limit : stake) * lrtActive) / stake) * wstRate) / WAD;
  const expected = (minted * lrtEth) / supply;

  const data = encodeFunctionData({ abi: raw, functionName: 'deposit', args: [assets, account] });
  await ask(dapp, 'deposit', 'eth_sendTransaction', [{ from: account, to: pz.address, data }]);
  const approval = await waitForPage(ballast.context, 'approval.html');
  const flag = approval.locator('[data-testid="risk-flag"][data-flag-id="lrt.symbiotic-network"]');
  await flag.waitFor({ timeout: 60_000 });
  const shown = formatEth(expected, { maxFractionDigits: 4, rounding: 'expand' });
  expect(await flag.textContent()).toContain(`After this, a full slash by Symbiotic network Hyperlane would cost this account ${shown}`);
  expect(await flag.locator('[data-testid="risk-number"][data-name="after"]').textContent()).toBe(shown);
  await flag.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(approval, 'pzETH deposit preview');
  await screenshot(approval, 'preview-mellow-pzeth');
  const closed = waitForClose(approval);
  await approval.getByRole('button', { name: 'Reject', exact: true }).click();
  await closed;
  expect((await settled(dapp, 'deposit')).kind).toBe('reject');
});
