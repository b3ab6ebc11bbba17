import { describe, expect, it } from 'vitest';
import { parseAbi, parseEther, type Hex } from 'viem';
import { AppError } from '../../lib/errors';
import { createMemoryFlowStore, planFlow, validateAmount } from '../../lib/flows';
import { AAVE_V3, CURVE, EIGENLAYER, EIGEN_STRATEGIES, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking';
import { useFlowsDevnet } from './flows-fixture';
import { reprice } from './scenarios';
import { EIGEN_DEVNET_OPERATOR } from './seed/eigen-base';

const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function rsETHPrice() view returns (uint256)',
  'function getUserEMode(address) view returns (uint256)',
  'function getReserveAToken(address) view returns (address)',
  'function sharesForAmount(uint256) view returns (uint256)',
  'function calc_token_amount(uint256[] amounts, bool is_deposit) view returns (uint256)',
  'function delegatedTo(address) view returns (address)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function underlyingToSharesView(uint256) view returns (uint256)',
]);

const ONE = 10n ** 18n;
const { devnet, client, freshUser, sendTransaction, executorOn, planDeps, nonceOf } = useFlowsDevnet({ userLabel: 'ballast-flow-user' });

describe('one-click flows end to end on the devnet', () => {
  it('ETH → rsETH → Aave: minimum from Kelp math, supply of exactly what was minted, e-mode 3', async () => {
    const user = await freshUser();
    const amount = parseEther('2');
    // Independent reference: Kelp mints amount × 1e18 / rsETHPrice (ETH asset price is 1e18).
    const price = await client().readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: views, functionName: 'rsETHPrice' });
    const expectedRsEth = (amount * ONE) / price;
    const preview = await planFlow(planDeps(), { recipeId: 'aave:rsETH', from: user, amount });
    expect(preview.status).toBe('ok');
    expect(preview.plan.steps.map((s) => s.spec.kind)).toEqual(['stake', 'approve', 'aave-supply', 'aave-emode']);
    const stake = preview.plan.steps[0]!;
    expect(BigInt(stake.expectedOut!)).toBe(expectedRsEth);
    expect(BigInt(stake.minOut!)).toBe((expectedRsEth * 9950n) / 10_000n);
    expect(stake.minOutEnforcedBy).toBe('contract');
    expect(BigInt(preview.plan.steps[2]!.amountIn)).toBe(expectedRsEth);
    expect(BigInt(preview.gasUsed)).toBeGreaterThan(100_000n);
    expect(preview.steps[2]!.flags.map((f) => f.id)).toContain('aave.health-factor');
    const aToken = await client().readContract({
      address: AAVE_V3.pool,
      abi: views,
      functionName: 'getReserveAToken',
      args: [TOKENS.rsETH],
    });
    expect(preview.finalPosition).toContainEqual({ token: aToken, symbol: 'aEthrsETH', amount: expectedRsEth.toString() });

    const nonceBefore = await nonceOf(user);
    const executor = executorOn(createMemoryFlowStore());
    const flow = await executor.run((await executor.start(preview)).id);
    expect(flow.status).toBe('done');
    expect(await nonceOf(user)).toBe(nonceBefore + 4);
    expect(await client().readContract({ address: aToken, abi: views, functionName: 'balanceOf', args: [user] })).toBe(expectedRsEth);
    expect(await client().readContract({ address: TOKENS.rsETH, abi: views, functionName: 'balanceOf', args: [user] })).toBe(0n);
    expect(await client().readContract({ address: AAVE_V3.pool, abi: views, functionName: 'getUserEMode', args: [user] })).toBe(3n);
  });

  it('ETH → weETH → Curve LP: wraps what was minted, LP minted within the slippage of calc_token_amount', async () => {
    const user = await freshUser();
    const amount = parseEther('3');
    const preview = await planFlow(planDeps(), { recipeId: 'curve:weETH', from: user, amount });
    expect(preview.status).toBe('ok');
    const [, , wrap, , add] = preview.plan.steps;
    // eETH is 1:1 with ETH; weETH = LiquidityPool.sharesForAmount(eETH) (eETH may round down by a wei).
    const eethIn = BigInt(wrap!.amountIn);
    expect(amount - eethIn).toBeLessThanOrEqual(2n);
    const weeth = await client().readContract({
      address: PROTOCOL_CONTRACTS.etherfiLiquidityPool,
      abi: views,
      functionName: 'sharesForAmount',
      args: [eethIn],
    });
    expect(BigInt(add!.amountIn)).toBe(weeth);
    const lpQuote = await client().readContract({
      address: CURVE.weethNgPool,
      abi: views,
      functionName: 'calc_token_amount',
      args: [[0n, weeth], true],
    });
    expect(BigInt(add!.minOut!)).toBe((lpQuote * 9950n) / 10_000n);
    expect(preview.steps[4]!.flags.map((f) => f.id)).toContain('curve.impermanent-loss');

    const executor = executorOn(createMemoryFlowStore());
    const flow = await executor.run((await executor.start(preview)).id);
    expect(flow.status).toBe('done');
    const lp = await client().readContract({ address: CURVE.weethNgPool, abi: views, functionName: 'balanceOf', args: [user] });
    expect(lp).toBe(BigInt(flow.steps[4]!.actualOut!));
    // calc_token_amount leaves out the imbalance fee, so the add mints a little less, within the slippage.
    expect(lp).toBeLessThan(lpQuote);
    expect(lp).toBeGreaterThanOrEqual((lpQuote * 9950n) / 10_000n);
  });

  it('ETH → stETH → EigenLayer → operator: withdrawable shares and delegatedTo on chain', async () => {
    const user = await freshUser();
    const amount = parseEther('1.5');
    const preview = await planFlow(planDeps(), { recipeId: 'eigen:stETH', from: user, amount, operator: EIGEN_DEVNET_OPERATOR });
    expect(preview.status).toBe('ok');
    expect(preview.plan.steps.at(-1)!.spec).toEqual({ kind: 'eigen-delegate', operator: EIGEN_DEVNET_OPERATOR });
    expect(preview.steps.flatMap((s) => s.flags.map((f) => f.id))).toContain('eigen.slashable');

    const executor = executorOn(createMemoryFlowStore());
    const flow = await executor.run((await executor.start(preview)).id);
    expect(flow.status).toBe('done');
    const deposited = BigInt(flow.steps[2]!.amountIn!);
    const shares = await client()
      .readContract({ address: EIGEN_STRATEGIES.stETH, abi: views, functionName: 'underlyingToSharesView', args: [deposited] })
      .catch(() => undefined);
    const [withdrawable] = await client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: views,
      functionName: 'getWithdrawableShares',
      args: [user, [EIGEN_STRATEGIES.stETH]],
    });
    expect(withdrawable[0]).toBeGreaterThan(0n);
    expect(withdrawable[0]!.toString()).toBe(preview.facts.withdrawableShares);
    if (shares !== undefined) expect(withdrawable[0]).toBeLessThanOrEqual(shares);
    expect(
      await client().readContract({ address: EIGENLAYER.delegationManager, abi: views, functionName: 'delegatedTo', args: [user] }),
    ).toBe(EIGEN_DEVNET_OPERATOR);
  });
});

describe('restart safety', () => {
  it('resumes after step 1 is mined with a new executor on the same store; no step is sent twice', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), { recipeId: 'aave:weETH', from: user, amount: parseEther('1') });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    const first = executorOn(store);
    const { id } = await first.start(preview);
    const afterOne = await first.advance(id);
    expect(afterOne.steps.map((s) => s.status)).toEqual(['mined', ...preview.plan.steps.slice(1).map(() => 'planned')]);

    const resumed = await executorOn(store).resume();
    expect(resumed.map((f) => f.status)).toEqual(['done']);
    const steps = resumed[0]!.steps;
    expect(await nonceOf(user)).toBe(nonceBefore + steps.length);
    const hashes = steps.map((s) => s.hash!);
    expect(new Set(hashes).size).toBe(steps.length);
    const txs = await Promise.all(hashes.map((hash) => client().getTransaction({ hash })));
    expect(txs.map((t) => t.nonce)).toEqual(steps.map((_, i) => nonceBefore + i));
    expect(txs.map((t) => t.input)).toEqual(steps.map((s) => s.tx!.data));
  });

  it('a step sent but whose hash was lost (worker stopped inside sendTransaction) is found by nonce, not re-sent', async () => {
    const user = await freshUser();
    const preview = await planFlow(planDeps(), {
      recipeId: 'eigen:stETH',
      from: user,
      amount: parseEther('1'),
      operator: EIGEN_DEVNET_OPERATOR,
    });
    const store = createMemoryFlowStore();
    const nonceBefore = await nonceOf(user);
    let sentSecond!: () => void;
    const secondSent = new Promise<void>((resolve) => (sentSecond = resolve));
    let calls = 0;
    const dying = executorOn(store, {
      // Step 2 reaches the node, then the worker "stops": the hash never comes back.
      sendTransaction: async (tx) => {
        const hash = await sendTransaction(tx);
        if (++calls < 2) return hash;
        sentSecond();
        return new Promise<Hex>(() => undefined);
      },
    });
    const { id } = await dying.start(preview);
    void dying.run(id);
    await secondSent;
    const stored = await store.get(id);
    expect(stored!.steps[1]).toMatchObject({ status: 'sending', nonce: nonceBefore + 1 });
    expect(stored!.steps[1]!.hash).toBeUndefined();

    const [flow] = await executorOn(store).resume();
    expect(flow!.failure).toBeUndefined();
    expect(flow!.status).toBe('done');
    expect(await nonceOf(user)).toBe(nonceBefore + preview.plan.steps.length);
    expect(new Set(flow!.steps.map((s) => s.hash)).size).toBe(preview.plan.steps.length);
  });
});

describe('stops and refusals', () => {
  it('a reprice between preview and execution stops the flow before the mint with a min-out message', async () => {
    const snapshot = await client().snapshot();
    try {
      const user = await freshUser();
      const preview = await planFlow(planDeps(), { recipeId: 'aave:rsETH', from: user, amount: parseEther('1') });
      expect(preview.status).toBe('ok');
      const nonceBefore = await nonceOf(user);
      const rate = await client().readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: views, functionName: 'rsETHPrice' });
      // +1 % on the rsETH price: 1 ETH mints ~1 % less rsETH than quoted, beyond the 0.5 % slippage.
      await reprice(devnet().ctx, 'rsETH', ((Number(rate) / 1e18) * 1.01).toFixed(6));
      const executor = executorOn(createMemoryFlowStore());
      const flow = await executor.run((await executor.start(preview)).id);
      expect(flow.status).toBe('failed');
      expect(flow.failure).toMatchObject({ step: 0, beforeSending: true, error: { code: 'flow.min-out.not-met' } });
      expect(flow.failure!.error.message).toMatch(/Stopped before step 1: rsETH out is below your minimum/);
      expect(flow.failure!.options[0]).toMatchObject({ kind: 'retry', step: 0 });
      expect(flow.failure!.holdings[0]).toMatchObject({ token: 'ETH', amount: parseEther('100').toString() });
      expect(await nonceOf(user)).toBe(nonceBefore);
    } finally {
      await client().revert({ id: snapshot });
    }
  });

  it('names the first step that would revert before anything is sent', async () => {
    const user = await freshUser();
    // Kelp's deposit pool paused (the double's admin switch): the first step reverts in the simulation.
    const snapshot = await client().snapshot();
    try {
      await devnet().ctx.write({
        address: PROTOCOL_CONTRACTS.kelpDepositPool,
        abi: parseAbi(['function setPaused(bool)']),
        functionName: 'setPaused',
        args: [true],
      });
      const preview = await planFlow(planDeps(), { recipeId: 'aave:rsETH', from: user, amount: parseEther('1') });
      expect(preview.status).toBe('reverted');
      expect(preview.failedStep).toMatchObject({ index: 0, label: 'Stake ETH for rsETH' });
      expect(preview.failedStep!.reason).toMatch(/paused/i);
      await expect(executorOn(createMemoryFlowStore()).start(preview)).rejects.toThrow(/would fail/);
    } finally {
      await client().revert({ id: snapshot });
    }
  });

  it('refuses bad amounts and an address that is not an operator', async () => {
    const user = await freshUser();
    const balance = await client().getBalance({ address: user });
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (error) {
        return error instanceof AppError ? error.code : 'not an AppError';
      }
      return 'accepted';
    };
    expect(codeOf(() => validateAmount({ text: '101', balance }))).toBe('flow.amount.above-balance');
    expect(codeOf(() => validateAmount({ text: '0.000', balance }))).toBe('flow.amount.zero');
    expect(codeOf(() => validateAmount({ text: '1.0000000000000000001', balance }))).toBe('flow.amount.too-many-decimals');
    expect(codeOf(() => validateAmount({ text: 'abc', balance }))).toBe('flow.amount.not-a-number');
    expect(validateAmount({ text: '1.5', balance })).toBe(parseEther('1.5'));
    await expect(planFlow(planDeps(), { recipeId: 'aave:rsETH', from: user, amount: balance + 1n })).rejects.toMatchObject({
      code: 'flow.amount.above-balance',
    });
    await expect(
      planFlow(planDeps(), { recipeId: 'eigen:stETH', from: user, amount: parseEther('1'), operator: user }),
    ).rejects.toMatchObject({ code: 'flow.operator.not-registered' });
  });
});
