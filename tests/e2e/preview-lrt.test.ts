import { afterAll, beforeAll, expect, test } from 'vitest';
import { erc20Abi, parseAbi, parseEther, type Address } from 'viem';
import type { Page } from 'playwright-core';
import { PROTOCOL_CONTRACTS, EIGEN_STRATEGIES, EIGENLAYER, TOKENS } from '../../lib/restaking/addresses';
import { formatEth } from '../../lib/format';
import { expectNoAxeViolations, expectOk, launchBallast, screenshot, waitForPage, type Ballast } from './harness';
import { ACCOUNT_0, decide, onboard } from './test-dapp-helpers';
import { startDemoServer, type DemoServer } from '../demo/serve';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { artifact } from '../devnet/context';
import { acquireToken } from '../devnet/seed/acquire';
import { LRT_DEVNET_STAKERS } from '../devnet/seed/lrt';
import { AAVE_DEVNET_ATOKENS } from '../devnet/seed/defi-aave';

/**
 * Issue #15 item 5 in the approval window: an ezETH holder deposits 2 ETH into Kelp from the demo dApp; the
 * preview says "After this, N % of this account’s restaked ETH depends on operator X". N and the ETH
 * figures are computed here from raw reads: each LRT's ETH per operator (its stakers' withdrawable shares →
 * stETH, by delegatedTo), the holder's part balance × that ÷ supply (floor, per holding: token and Aave
 * aToken), the rsETH minted by
 * LRTDepositPool.getRsETHAmountToMint(ETH, 2 ETH), added the same way.
 */
const BALLAST_RDNS = 'wallet.ballast';
const WAD = 10n ** 18n;
const ETH_ASSET: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
const account = ACCOUNT_0 as Address;

let devnet: Devnet;
let demo: DemoServer;
let ballast: Ballast;
let dapp: Page;

beforeAll(async () => {
  devnet = await startDevnet();
  demo = await startDemoServer();
  ballast = await launchBallast();
  await onboard(ballast, devnet.rpcUrl);
  await acquireToken(devnet.ctx, 'ezETH', account, parseEther('3'));
  // The preview reads the portfolio's last snapshot of the account: refresh it as the popup would.
  const popup = await ballast.openPopup();
  const view = (await expectOk(popup, 'portfolio:refresh')) as { schedule: { lastError: string | null } };
  expect(view.schedule.lastError).toBeNull();
  await popup.close();
  dapp = await ballast.context.newPage();
  await dapp.goto(`${demo.url}?wallet=${BALLAST_RDNS}`);
  await dapp.waitForSelector('#wallet-name[data-state="ok"]');
  const approval = waitForPage(ballast.context, 'approval.html');
  await dapp.click('#connect');
  await decide(await approval, /connect/i);
  await dapp.waitForSelector('#account[data-state="ok"]');
}, 240_000);

afterAll(async () => {
  await ballast?.close();
  await demo?.stop();
  await devnet?.stop();
});

const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;

/** balance × (ETH of the LRT's stakers delegated to each operator) ÷ supply, floor. */
async function holderByOperator(lrt: 'rsETH' | 'ezETH', amount: bigint): Promise<Map<string, bigint>> {
  const supply = await devnet.ctx.client.readContract({ address: TOKENS[lrt], abi: erc20Abi, functionName: 'totalSupply' });
  const protocol = new Map<string, bigint>();
  for (const s of LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt)) {
    const op = (await read<Address>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'delegatedTo', [s.staker])).toLowerCase();
    const [[shares]] = await read<[bigint[], bigint[]]>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'getWithdrawableShares', [
      s.staker,
      [EIGEN_STRATEGIES.stETH],
    ]);
    const value = await read<bigint>(EIGEN_STRATEGIES.stETH, 'EigenStrategy', 'sharesToUnderlyingView', [shares]);
    protocol.set(op, (protocol.get(op) ?? 0n) + value);
  }
  return new Map([...protocol].map(([op, v]) => [op, (amount * v) / supply]));
}

test('Kelp deposit of 2 ETH by an ezETH holder: "after this, N % … depends on operator X" with N computed here; axe light and dark', async () => {
  const value = parseEther('2');
  const balanceOf = (token: Address) =>
    devnet.ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] });
  const minted = await devnet.ctx.client.readContract({
    address: PROTOCOL_CONTRACTS.kelpDepositPool,
    abi: parseAbi(['function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)']),
    functionName: 'getRsETHAmountToMint',
    args: [ETH_ASSET, value],
  });
  // Before: every LRT holding of the account, each its own position (floor per holding, as the portfolio sums them):
  // the ezETH bought here, and what the seed left it (account 0 is the doubles' admin: it seeded the Aave reserves).
  const before = new Map<string, bigint>();
  for (const [lrt, token] of [
    ['ezETH', TOKENS.ezETH],
    ['rsETH', TOKENS.rsETH],
    ['ezETH', AAVE_DEVNET_ATOKENS.ezETH],
    ['rsETH', AAVE_DEVNET_ATOKENS.rsETH],
  ] as const) {
    const balance = await balanceOf(token);
    if (balance === 0n) continue;
    for (const [op, v] of await holderByOperator(lrt, balance)) before.set(op, (before.get(op) ?? 0n) + v);
  }
  expect(await balanceOf(TOKENS.ezETH)).toBeGreaterThan(0n);
  const added = await holderByOperator('rsETH', minted);
  const after = new Map(before);
  for (const [op, v] of added) after.set(op, (after.get(op) ?? 0n) + v);
  const sum = (m: Map<string, bigint>) => [...m.values()].reduce((x, y) => x + y, 0n);
  const [topOp, topAfter] = [...after].sort((x, y) => (y[1] > x[1] ? 1 : y[1] < x[1] ? -1 : 0))[0]!;
  const totalBefore = sum(before);
  const totalAfter = sum(after);
  const expectedPercent = (Number((topAfter * WAD) / totalAfter) / 1e18) * 100;
  const beforePercent = (Number(((before.get(topOp) ?? 0n) * WAD) / totalBefore) / 1e18) * 100;

  await dapp.fill('#amount', '2');
  const opened = waitForPage(ballast.context, 'approval.html');
  await dapp.click('#deposit-rsETH');
  const approval = await opened;
  const preview = approval.locator('[data-testid="risk-preview"][data-worst]');
  await preview.waitFor({ timeout: 60_000 });
  const flag = preview.locator('[data-testid="risk-flag"][data-flag-id="lrt.concentration"]');
  await flag.waitFor();
  const text = (await flag.textContent()) ?? '';
  const m = /After this, ([\d.]+)\s?% of this account’s restaked ETH depends on operator (0x[0-9a-fA-F]+…[0-9a-fA-F]+)/.exec(text);
  expect(m, text).not.toBeNull();
  // Shown to 0.1 %, rounded up (a risk is never shown smaller): ceil(1000 × top ÷ total) per mille.
  const permille = (part: bigint, whole: bigint) => {
    const x = (part * 1000n + whole - 1n) / whole;
    return `${x / 10n}.${x % 10n}`;
  };
  expect(m![1]).toBe(permille(topAfter, totalAfter));
  expect(Math.abs(Number(m![1]) - expectedPercent)).toBeLessThan(0.1);
  expect(topOp.startsWith(m![2]!.split('…')[0]!.toLowerCase())).toBe(true);
  expect(topOp.endsWith(m![2]!.split('…')[1]!.toLowerCase())).toBe(true);
  const number = (name: string) => flag.locator(`[data-testid="risk-number"][data-name="${name}"]`).textContent();
  expect((await number('operator'))?.toLowerCase()).toBe(topOp);
  const eth = (wei: bigint) => formatEth(wei, { maxFractionDigits: 4 });
  expect(await number('after')).toContain(`(${eth(topAfter)} of ${eth(totalAfter)})`);
  expect(await number('before')).toBe(
    `${permille(before.get(topOp) ?? 0n, totalBefore)}% (${eth(before.get(topOp) ?? 0n)} of ${eth(totalBefore)})`,
  );
  expect(await number('after')).toBe(`${permille(topAfter, totalAfter)}% (${eth(topAfter)} of ${eth(totalAfter)})`);
  console.info(
    `concentration preview: operator ${topOp} ${beforePercent.toFixed(4)} % → ${expectedPercent.toFixed(4)} % (shown ${m![1]} %); minted ${minted} rsETH wei`,
  );

  await flag.scrollIntoViewIfNeeded();
  await expectNoAxeViolations(approval, 'concentration preview light');
  await screenshot(approval, 'preview-lrt-concentration-light');
  await approval.emulateMedia({ colorScheme: 'dark' }); // the theme follows the system by default
  await approval.waitForFunction(() => document.documentElement.classList.contains('dark') && document.getAnimations().length === 0);
  await expectNoAxeViolations(approval, 'concentration preview dark');
  await screenshot(approval, 'preview-lrt-concentration-dark');
  await decide(approval, /reject/i);
  await dapp.waitForSelector('#result-deposit-rsETH[data-state="error"]');
});
