import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAbi, parseEther, parseEventLogs, zeroAddress, type Address, type Hex } from 'viem';
import type { Page } from 'playwright-core';
import { formatAmountExact } from '../../lib/format';
import type { FlowState } from '../../lib/flows/types';
import { CURVE, EIGENLAYER, EIGEN_STRATEGIES, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import type { Devnet } from '../devnet/devnet';
import { devAccount } from '../devnet/context';
import { EIGEN_DEVNET_OPERATOR } from '../devnet/seed/eigen-base';
import { reprice } from '../devnet/scenarios';
import { expectNoAxeViolations, expectOk, screenshot, type Ballast } from './harness';
import { closeStakeScreen, openStakeScreen, previewRecipe, runFlowThroughUi } from './stake-helpers';

const PASSWORD = 'stake-deploy-pw';
const erc20 = parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'function balanceOf(address) view returns (uint256)',
]);
const views = parseAbi([
  'function sharesForAmount(uint256) view returns (uint256)',
  'function calc_token_amount(uint256[] amounts, bool is_deposit) view returns (uint256)',
  'function underlyingToSharesView(uint256) view returns (uint256)',
  'function stakerDepositShares(address staker, address strategy) view returns (uint256)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function delegatedTo(address) view returns (address)',
  'function isOperator(address) view returns (bool)',
  'function rsETHPrice() view returns (uint256)',
]);
const strategyManagerEvents = parseAbi(['event Deposit(address staker, address strategy, uint256 shares)']);

describe('popup Stake & deploy: Curve LP and EigenLayer flows on the devnet', () => {
  let devnet: Devnet;
  let ballast: Ballast;
  let page: Page;
  let errors: string[];
  let snapshot: Hex;
  const user: Address = devAccount(0).address;
  const client = () => devnet.ctx.client;

  beforeAll(async () => {
    ({ devnet, ballast, page, errors } = await openStakeScreen(PASSWORD));
  }, 180_000);

  afterAll(() => closeStakeScreen({ devnet, ballast }));

  // Each flow starts from the same chain: no test sees another's deposits, approvals or delegation.
  beforeEach(async () => {
    snapshot = await client().snapshot();
  });
  afterEach(async () => {
    await client().revert({ id: snapshot });
    // Back to the form if a test left the progress view open.
    const again = page.getByRole('button', { name: 'New flow' });
    if (await again.count()) await again.click();
  });

  const amountField = () => page.getByLabel('Amount (ETH)');
  const operatorField = () => page.getByLabel('EigenLayer operator address');
  const previewCard = () => page.getByRole('region', { name: 'Flow preview' });
  const receiptOf = (hash: Hex) => client().getTransactionReceipt({ hash });

  /** One click on the preview, then the done state in the progress view; answers the stored flow. */
  async function stakeAndWait(stepCount: number): Promise<FlowState> {
    const progress = await runFlowThroughUi(page, stepCount);
    await expect(progress.getByText(`All ${stepCount} steps mined.`).count()).resolves.toBe(1);
    const [flow] = (await expectOk(page, 'flows:list')) as FlowState[];
    expect(flow?.status).toBe('done');
    return flow!;
  }

  /** Amounts of `token` minted to the user (Transfer from 0x0) in one receipt, read from its logs. */
  function mintedIn(logs: Parameters<typeof parseEventLogs>[0]['logs'], token: Address): bigint {
    return parseEventLogs({ abi: erc20, eventName: 'Transfer', logs })
      .filter(
        (l) =>
          l.address.toLowerCase() === token.toLowerCase() && l.args.from === zeroAddress && l.args.to.toLowerCase() === user.toLowerCase(),
      )
      .reduce((sum, l) => sum + l.args.value, 0n);
  }

  it('ETH → weETH → Curve LP: the preview names all 5 steps and eETH, weETH on the way; the LP minted lands in balanceOf', async () => {
    const amount = parseEther('3');
    const lpBefore = await client().readContract({ address: CURVE.weethNgPool, abi: erc20, functionName: 'balanceOf', args: [user] });
    const nonceBefore = await client().getTransactionCount({ address: user });
    // Independent bounds for the weETH figure: eETH mints 1:1 with ETH (a wei or two lost to share rounding).
    const weethHigh = await client().readContract({
      address: PROTOCOL_CONTRACTS.etherfiLiquidityPool,
      abi: views,
      functionName: 'sharesForAmount',
      args: [amount],
    });
    const weethLow = await client().readContract({
      address: PROTOCOL_CONTRACTS.etherfiLiquidityPool,
      abi: views,
      functionName: 'sharesForAmount',
      args: [amount - 2n],
    });

    const card = await previewRecipe(page, /^ETH → weETH → Curve LP/, '3');
    const steps = card.getByRole('list', { name: 'Steps' }).locator(':scope > li');
    await expect(steps.count()).resolves.toBe(5);
    const labels = await steps.allTextContents();
    expect(labels[0]).toContain('Stake ETH for eETH');
    expect(labels[1]).toContain('Allow weETH to take eETH');
    expect(labels[2]).toContain('Wrap eETH into weETH');
    expect(labels[3]).toContain('Allow Curve WETH/weETH to take weETH');
    expect(labels[4]).toContain('Add liquidity to Curve WETH/weETH');
    const intermediate = card.getByRole('list', { name: 'Intermediate tokens' });
    const onTheWay = await intermediate.locator('[aria-label]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(onTheWay.map((l) => l.split(' ').at(-1)).sort()).toEqual(['eETH', 'weETH']);
    const weethShown = parseEther(onTheWay.find((l) => l.endsWith(' weETH'))!.split(' ')[0]!);
    expect(weethShown).toBeGreaterThanOrEqual(weethLow);
    expect(weethShown).toBeLessThanOrEqual(weethHigh);
    const lpShown = await card
      .getByRole('list', { name: 'Final position' })
      .locator('[aria-label$=" Curve WETH/weETH LP"]')
      .getAttribute('aria-label');
    await expect(card.getByText(/impermanent loss/i).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'curve preview');
    await screenshot(page, 'stake-deploy-curve-preview');

    const flow = await stakeAndWait(5);
    await screenshot(page, 'stake-deploy-curve-done');
    // From the chain: the wrap's receipt mints weETH, the add's receipt mints LP; balanceOf grew by exactly that.
    const wrapReceipt = await receiptOf(flow.steps[2]!.hash!);
    const addReceipt = await receiptOf(flow.steps[4]!.hash!);
    expect([wrapReceipt.status, addReceipt.status]).toEqual(['success', 'success']);
    const weethMinted = mintedIn(wrapReceipt.logs, TOKENS.weETH);
    const lpMinted = mintedIn(addReceipt.logs, CURVE.weethNgPool);
    expect(lpMinted).toBeGreaterThan(0n);
    const lpAfter = await client().readContract({ address: CURVE.weethNgPool, abi: erc20, functionName: 'balanceOf', args: [user] });
    expect(lpAfter - lpBefore).toBe(lpMinted);
    // The figures the preview showed are what the chain did (same state, nothing else happened between).
    expect(weethMinted).toBe(weethShown);
    expect(lpShown).toBe(`${formatAmountExact(lpMinted)} Curve WETH/weETH LP`);
    // Within the slippage of the pool's own quote for the weETH that went in, read at the block before the add.
    const quote = await client().readContract({
      address: CURVE.weethNgPool,
      abi: views,
      functionName: 'calc_token_amount',
      args: [[0n, weethMinted], true],
      blockNumber: addReceipt.blockNumber - 1n,
    });
    expect(lpMinted).toBeGreaterThanOrEqual((quote * 9950n) / 10_000n);
    // Five steps, five nonces: nothing sent twice.
    await expect(client().getTransactionCount({ address: user })).resolves.toBe(nonceBefore + 5);
    expect(errors).toEqual([]);
  });

  it('refuses an operator field that is not an address, or an address that is not an EigenLayer operator, under the field', async () => {
    const notOperator = devAccount(3).address;
    // The premise, read independently: the chain does not know this address as an operator.
    await expect(
      client().readContract({ address: EIGENLAYER.delegationManager, abi: views, functionName: 'isOperator', args: [notOperator] }),
    ).resolves.toBe(false);
    await page.getByRole('radio', { name: /^ETH → stETH → EigenLayer/ }).check();
    await amountField().fill('1');
    const cases: [string, RegExp][] = [
      ['0x1234', /Not an address/],
      [notOperator, /not an EigenLayer operator/],
    ];
    for (const [text, message] of cases) {
      await operatorField().fill(text);
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('alert').filter({ hasText: message }).waitFor({ timeout: 30_000 });
      await expect(operatorField().getAttribute('aria-invalid')).resolves.toBe('true');
      // The message belongs to the operator field (its description), not to the amount.
      const errorId = (await operatorField().getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-error'));
      const described = await page.locator(`[id="${errorId}"]`).textContent();
      expect(described).toMatch(message);
      await expect(amountField().getAttribute('aria-invalid')).resolves.not.toBe('true');
      await expect(previewCard().count()).resolves.toBe(0);
    }
    await screenshot(page, 'stake-deploy-operator-refused');
    await expectNoAxeViolations(page, 'operator refused');
  });

  it('ETH → stETH → EigenLayer → operator: deposit shares match the strategy math and the account is delegated', async () => {
    const amount = parseEther('1.5');
    const nonceBefore = await client().getTransactionCount({ address: user });
    const sharesBefore = await client().readContract({
      address: EIGENLAYER.strategyManager,
      abi: views,
      functionName: 'stakerDepositShares',
      args: [user, EIGEN_STRATEGIES.stETH],
    });
    await expect(
      client().readContract({ address: EIGENLAYER.delegationManager, abi: views, functionName: 'delegatedTo', args: [user] }),
    ).resolves.toBe(zeroAddress);

    const card = await previewRecipe(page, /^ETH → stETH → EigenLayer/, '1.5', EIGEN_DEVNET_OPERATOR);
    const steps = card.getByRole('list', { name: 'Steps' }).locator(':scope > li');
    await expect(steps.count()).resolves.toBe(4);
    const labels = await steps.allTextContents();
    expect(labels[0]).toContain('Stake ETH for stETH');
    expect(labels[1]).toContain('Allow EigenLayer StrategyManager to take stETH');
    expect(labels[2]).toContain('Deposit stETH into EigenLayer');
    expect(labels[3]).toContain(`Delegate to operator ${EIGEN_DEVNET_OPERATOR.slice(0, 6)}`);
    const onTheWay = await card
      .getByRole('list', { name: 'Intermediate tokens' })
      .locator('[aria-label]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    expect(onTheWay.map((l) => l.split(' ').at(-1))).toEqual(['stETH']);
    await expect(card.getByText(/slash/i).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'eigen preview');
    await screenshot(page, 'stake-deploy-eigen-preview');

    const flow = await stakeAndWait(4);
    await screenshot(page, 'stake-deploy-eigen-done');
    // What went into the strategy, from the deposit's receipt (stETH Transfer user → strategy), and the shares it minted.
    const depositReceipt = await receiptOf(flow.steps[2]!.hash!);
    const deposited = parseEventLogs({ abi: erc20, eventName: 'Transfer', logs: depositReceipt.logs })
      .filter(
        (l) => l.address.toLowerCase() === TOKENS.stETH.toLowerCase() && l.args.to.toLowerCase() === EIGEN_STRATEGIES.stETH.toLowerCase(),
      )
      .reduce((sum, l) => sum + l.args.value, 0n);
    expect(deposited).toBeGreaterThan(amount - 10n);
    expect(deposited).toBeLessThanOrEqual(amount);
    const [depositEvent] = parseEventLogs({ abi: strategyManagerEvents, eventName: 'Deposit', logs: depositReceipt.logs });
    // StrategyBase math on the state just before the deposit: shares = amount × (totalShares + 1e3) / (balance + 1e3).
    const expectedShares = await client().readContract({
      address: EIGEN_STRATEGIES.stETH,
      abi: views,
      functionName: 'underlyingToSharesView',
      args: [deposited],
      blockNumber: depositReceipt.blockNumber - 1n,
    });
    const minted = depositEvent!.args.shares;
    // stETH moves shares, not wei: the strategy may receive a wei less than the Transfer says, which moves the share count by at most a few wei.
    expect(minted - expectedShares).toBeGreaterThanOrEqual(-3n);
    expect(minted - expectedShares).toBeLessThanOrEqual(3n);
    const sharesAfter = await client().readContract({
      address: EIGENLAYER.strategyManager,
      abi: views,
      functionName: 'stakerDepositShares',
      args: [user, EIGEN_STRATEGIES.stETH],
    });
    expect(sharesAfter - sharesBefore).toBe(minted);
    const [withdrawable] = await client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: views,
      functionName: 'getWithdrawableShares',
      args: [user, [EIGEN_STRATEGIES.stETH]],
    });
    expect(withdrawable[0]).toBeGreaterThan(0n);
    // No slashing on this operator: withdrawable equals deposit shares.
    expect(withdrawable[0]).toBe(sharesAfter);
    await expect(
      client().readContract({ address: EIGENLAYER.delegationManager, abi: views, functionName: 'delegatedTo', args: [user] }),
    ).resolves.toBe(EIGEN_DEVNET_OPERATOR);
    await expect(client().getTransactionCount({ address: user })).resolves.toBe(nonceBefore + 4);
    expect(errors).toEqual([]);
  });

  it('shows each recipe’s expected yield honestly: "unknown (chain too young)" on a devnet born minutes ago, with its source one click away', async () => {
    // The premise, from the chain: genesis is less than 7 days before the head, so no 7- or 30-day rate exists.
    const [genesis, head] = await Promise.all([client().getBlock({ blockNumber: 0n }), client().getBlock({ blockTag: 'latest' })]);
    expect(head.timestamp - genesis.timestamp).toBeLessThan(7n * 86_400n);
    await page.getByRole('radio', { name: /^ETH → rsETH → Aave/ }).check();
    const shown = page.getByTestId('recipe-yield');
    await shown.filter({ hasText: 'Expected yield: unknown (chain too young)' }).waitFor({ timeout: 30_000 });
    const rows = page.getByRole('group', { name: 'Recipe' }).getByRole('radio');
    const rowCount = await rows.count();
    expect(rowCount).toBeGreaterThan(10);
    // Every row says so too: no figure is made up where the chain has none.
    await expect(page.getByRole('group', { name: 'Recipe' }).getByText('APR unknown', { exact: true }).count()).resolves.toBe(rowCount);
    const disclosure = page.getByText('Where this figure comes from');
    await disclosure.click();
    await expect(page.getByText(/LRTOracle\.rsETHPrice\(\)/).count()).resolves.toBe(1);
    await expect(page.getByText(/^The chain starts at \d{4}-\d{2}-\d{2}, less than 7 days before block/).count()).resolves.toBe(1);
    await expect(page.getByText(/Aave's supply interest on top is not counted/).count()).resolves.toBe(1);
    await screenshot(page, 'stake-deploy-yield-unknown');
    await expectNoAxeViolations(page, 'recipe picker with the yield source open');
  });

  it('after 31 days of rsETH rate growth the picker shows the APR a direct read of LRTOracle gives', async () => {
    // Time travel (last test of the file: later flows would see an old oracle): rate 1.05 now, 1.0535 thirty-one days on.
    await client().increaseTime({ seconds: 40 * 86_400 });
    await client().mine({ blocks: 1 });
    await reprice(devnet.ctx, 'rsETH', '1.05');
    const from = await client().getBlock({ blockTag: 'latest' });
    await client().increaseTime({ seconds: 31 * 86_400 });
    await client().mine({ blocks: 1 });
    await reprice(devnet.ctx, 'rsETH', '1.0535');
    const to = await client().getBlock({ blockTag: 'latest' });
    const [rateFrom, rateTo] = await Promise.all(
      [from, to].map((b) =>
        client().readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: views, functionName: 'rsETHPrice', blockNumber: b.number }),
      ),
    );
    // Independent float formula: growth over the interval, scaled to 365 days.
    const expectedPercent =
      ((Number(rateTo! - rateFrom!) / Number(rateFrom!)) * 365 * 86_400 * 100) / Number(to.timestamp - from.timestamp);
    expect(expectedPercent).toBeGreaterThan(3);

    await page.reload();
    await page.getByRole('tab', { name: 'Stake' }).click();
    await page.getByRole('radio', { name: /^ETH → rsETH → Aave/ }).check();
    const shown = page.getByTestId('recipe-yield').filter({ hasText: /≈ [\d.]+ % APR/ });
    await shown.waitFor({ timeout: 30_000 });
    const text = (await shown.textContent()) ?? '';
    const percent = Number(/≈ ([\d.]+) %/.exec(text)?.[1]);
    expect(Math.abs(percent - expectedPercent)).toBeLessThanOrEqual(0.005);
    expect(text).toContain('(rsETH staking, last 30 days)');
    await page.getByText('Where this figure comes from').click();
    await expect(page.getByText(`block ${from.number} → block ${to.number}`, { exact: false }).count()).resolves.toBe(1);
    await screenshot(page, 'stake-deploy-yield-measured');
    await expectNoAxeViolations(page, 'recipe picker with a measured yield');
  });
});
