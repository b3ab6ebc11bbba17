import { describe, expect, it } from 'vitest';
import { parseAbi, parseEther, type Address } from 'viem';
import { createMemoryFlowStore, planFlow, planUnwind, type FlowPreview, type FlowState } from '../../lib/flows';
import { AAVE_V3, CURVE, EIGENLAYER, EIGEN_STRATEGIES, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking';
import { useFlowsDevnet } from './flows-fixture';
import { solveD, solveY } from './reference/stableswap';
import { EIGEN_DEVNET_OPERATOR } from './seed/eigen-base';

const views = parseAbi([
  'function balanceOf(address) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function allowance(address, address) view returns (uint256)',
  'function rsETHPrice() view returns (uint256)',
  'function getUserEMode(address) view returns (uint256)',
  'function getReserveAToken(address) view returns (address)',
  'function getRate() view returns (uint256)',
  'function getEETHByWeETH(uint256) view returns (uint256)',
  'function A() view returns (uint256)',
  'function fee() view returns (uint256)',
  'function balances(uint256) view returns (uint256)',
  'function calc_withdraw_one_coin(uint256, int128) view returns (uint256)',
  'function setFee(uint256)',
  'function get_dy(int128, int128, uint256) view returns (uint256)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function cumulativeWithdrawalsQueued(address) view returns (uint256)',
]);

const ONE = 10n ** 18n;
const { devnet, client, freshUser, executorOn, planDeps, nonceOf } = useFlowsDevnet({ userLabel: 'ballast-unwind-user' });
const executor = () => executorOn(createMemoryFlowStore());
const balanceOf = (token: Address, who: Address) =>
  client().readContract({ address: token, abi: views, functionName: 'balanceOf', args: [who] });
const run = async (preview: FlowPreview): Promise<FlowState> => {
  const ex = executor();
  return ex.run((await ex.start(preview)).id);
};

describe('unwinding a flow as a new flow', () => {
  it('ETH → rsETH → Aave, unwound: e-mode off, aToken back to 0, rsETH back; the rsETH exit is a Kelp withdrawal, not a fake step', async () => {
    const user = await freshUser();
    const amount = parseEther('2');
    const price = await client().readContract({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: views, functionName: 'rsETHPrice' });
    const minted = (amount * ONE) / price; // Kelp: amount × 1e18 / rsETHPrice
    const flow = await run(await planFlow(planDeps(), { recipeId: 'aave:rsETH', from: user, amount }));
    expect(flow.status).toBe('done');
    const aToken = await client().readContract({
      address: AAVE_V3.pool,
      abi: views,
      functionName: 'getReserveAToken',
      args: [TOKENS.rsETH],
    });
    expect(await balanceOf(aToken, user)).toBe(minted);

    const unwind = await planUnwind(planDeps(), { state: flow });
    expect(unwind.status).toBe('ok');
    expect(unwind.plan.steps.map((s) => s.label)).toEqual(['Turn off Aave e-mode 3', 'Withdraw rsETH from Aave v3']);
    // The aToken leaves, rsETH comes back: the simulated final position says so before anything is sent.
    expect(unwind.finalPosition).toContainEqual({ token: aToken, symbol: 'aEthrsETH', amount: (-minted).toString() });
    expect(unwind.finalPosition).toContainEqual({ token: TOKENS.rsETH, symbol: 'rsETH', amount: minted.toString() });
    expect(BigInt(unwind.gasUsed)).toBeGreaterThan(21_000n * 2n);
    const rsEthNote = unwind.flowFlags.find((f) => f.id === 'unwind.no-instant-inverse' && f.title.startsWith('rsETH'));
    expect(rsEthNote?.title).toMatch(/Request a withdrawal in Kelp/);

    const nonceBefore = await nonceOf(user);
    const done = await run(unwind);
    expect(done.status).toBe('done');
    expect(await nonceOf(user)).toBe(nonceBefore + 2);
    expect(await balanceOf(aToken, user)).toBe(0n);
    expect(await balanceOf(TOKENS.rsETH, user)).toBe(minted);
    expect(await client().readContract({ address: AAVE_V3.pool, abi: views, functionName: 'getUserEMode', args: [user] })).toBe(0n);
  });

  it('ETH → weETH → Curve LP, unwound: LP burnt to weETH within min-out of calc_withdraw_one_coin, then unwrapped to eETH', async () => {
    const user = await freshUser();
    const flow = await run(await planFlow(planDeps(), { recipeId: 'curve:weETH', from: user, amount: parseEther('3') }));
    expect(flow.status).toBe('done');
    const pool = CURVE.weethNgPool;
    const lp = await balanceOf(pool, user);
    expect(lp).toBeGreaterThan(0n);

    // Independent one-coin withdrawal without fees (exact StableSwap roots, reference §5c, no Curve iteration): D shrinks by the LP share, coin 1 solves the invariant.
    const [b0, b1, rate, A, fee, supply] = await Promise.all([
      client().readContract({ address: pool, abi: views, functionName: 'balances', args: [0n] }),
      client().readContract({ address: pool, abi: views, functionName: 'balances', args: [1n] }),
      client().readContract({ address: TOKENS.weETH, abi: views, functionName: 'getRate' }),
      client().readContract({ address: pool, abi: views, functionName: 'A' }),
      client().readContract({ address: pool, abi: views, functionName: 'fee' }),
      client().readContract({ address: pool, abi: views, functionName: 'totalSupply' }),
    ]);
    const xp1 = (b1 * rate) / ONE;
    const d0 = solveD(A, b0, xp1);
    const d1 = d0 - (lp * d0) / supply;
    const feeFreeWeeth = ((xp1 - solveY(A, d1, b0)) * ONE) / rate;

    const unwind = await planUnwind(planDeps(), { state: flow });
    expect(unwind.status).toBe('ok');
    expect(unwind.plan.steps.map((s) => s.label)).toEqual(['Remove Curve WETH/weETH liquidity as weETH', 'Unwrap weETH into eETH']);
    const [remove, unwrap] = unwind.plan.steps;
    const quote = await client().readContract({ address: pool, abi: views, functionName: 'calc_withdraw_one_coin', args: [lp, 1n] });
    expect(BigInt(remove!.expectedOut!)).toBe(quote);
    expect(BigInt(remove!.minOut!)).toBe((quote * 9950n) / 10_000n);
    expect(remove!.minOutEnforcedBy).toBe('contract');
    expect(unwrap!.spec).toMatchObject({ kind: 'unwrap', amount: { from: 'step', step: 0 } });

    const eethBefore = await balanceOf(TOKENS.eETH, user);
    const done = await run(unwind);
    expect(done.status).toBe('done');
    expect(await balanceOf(pool, user)).toBe(0n);
    const weethBack = BigInt(done.steps[0]!.actualOut!);
    expect(weethBack).toBeGreaterThanOrEqual(BigInt(remove!.minOut!));
    // The pool's answer sits under the fee-free solution by at most its fee (plus rounding wei).
    expect(weethBack).toBeLessThanOrEqual(feeFreeWeeth);
    expect(weethBack).toBeGreaterThanOrEqual((feeFreeWeeth * (10n ** 10n - fee)) / 10n ** 10n - 2n);
    // The unwrap spent exactly what the removal gave (measured from the receipt, not the plan).
    expect(done.steps[1]!.amountIn).toBe(weethBack.toString());
    expect(await balanceOf(TOKENS.weETH, user)).toBe(0n);
    const eethExpected = await client().readContract({
      address: TOKENS.weETH,
      abi: views,
      functionName: 'getEETHByWeETH',
      args: [weethBack],
    });
    const eethGot = (await balanceOf(TOKENS.eETH, user)) - eethBefore;
    expect(eethExpected - eethGot).toBeLessThanOrEqual(2n); // eETH share rounding
    expect(eethGot).toBeLessThanOrEqual(eethExpected);
  });

  it('a flow stopped at the Curve step unwinds only its finished steps: revoke the unused approval, unwrap weETH', async () => {
    const snapshot = await client().snapshot();
    try {
      const user = await freshUser();
      const preview = await planFlow(planDeps(), { recipeId: 'curve:weETH', from: user, amount: parseEther('1') });
      const ex = executor();
      const { id } = await ex.start(preview);
      for (let i = 0; i < 4; i++) await ex.advance(id); // stake, approve eETH, wrap, approve weETH → pool
      // The pool's owner raises the fee to 50 %: the one-sided add now mints far below its minimum.
      await devnet().ctx.write({ address: CURVE.weethNgPool, abi: views, functionName: 'setFee', args: [5_000_000_000n] });
      const failed = await ex.run(id);
      expect(failed.status).toBe('failed');
      expect(failed.failure).toMatchObject({ step: 4, beforeSending: true });
      const wrapped = BigInt(failed.steps[2]!.actualOut!);
      expect(await balanceOf(TOKENS.weETH, user)).toBe(wrapped);
      expect(
        await client().readContract({ address: TOKENS.weETH, abi: views, functionName: 'allowance', args: [user, CURVE.weethNgPool] }),
      ).toBe(wrapped);

      const unwind = await planUnwind(planDeps(), { state: failed });
      expect(unwind.status).toBe('ok');
      expect(unwind.plan.steps.map((s) => s.spec.kind)).toEqual(['approve', 'unwrap']);
      expect(unwind.plan.steps[0]!.label).toBe("Revoke Curve WETH/weETH's weETH allowance");
      expect(unwind.plan.steps[1]!.spec).toMatchObject({ kind: 'unwrap', amount: { from: 'fixed', wei: wrapped.toString() } });
      expect(unwind.flowFlags.map((f) => f.title).join(' ')).toMatch(/eETH: no instant unstake\. Request a withdrawal in ether\.fi/);

      const eethBefore = await balanceOf(TOKENS.eETH, user);
      const nonceBefore = await nonceOf(user);
      const done = await run(unwind);
      expect(done.status).toBe('done');
      expect(await nonceOf(user)).toBe(nonceBefore + 2);
      expect(await balanceOf(TOKENS.weETH, user)).toBe(0n);
      expect(
        await client().readContract({ address: TOKENS.weETH, abi: views, functionName: 'allowance', args: [user, CURVE.weethNgPool] }),
      ).toBe(0n);
      const eethExpected = await client().readContract({
        address: TOKENS.weETH,
        abi: views,
        functionName: 'getEETHByWeETH',
        args: [wrapped],
      });
      expect(eethExpected - ((await balanceOf(TOKENS.eETH, user)) - eethBefore)).toBeLessThanOrEqual(2n);
      expect(await balanceOf(CURVE.weethNgPool, user)).toBe(0n);
    } finally {
      await client().revert({ id: snapshot });
    }
  });

  it("ETH → stETH, unwound: stETH sold on the registry's Curve ETH/stETH pool with min-out from get_dy", async () => {
    const user = await freshUser();
    const flow = await run(await planFlow(planDeps(), { recipeId: 'stake:stETH', from: user, amount: parseEther('1') }));
    expect(flow.status).toBe('done');
    const held = await balanceOf(TOKENS.stETH, user);
    const unwind = await planUnwind(planDeps(), { state: flow });
    expect(unwind.status).toBe('ok');
    expect(unwind.plan.steps.map((s) => s.label)).toEqual([
      'Allow the Curve pool to take stETH (to sell it)',
      'Sell stETH for ETH on Curve',
    ]);
    const sold = BigInt(flow.steps[0]!.actualOut!);
    const dy = await client().readContract({ address: CURVE.stethPool, abi: views, functionName: 'get_dy', args: [1n, 0n, sold] });
    const sell = unwind.plan.steps[1]!;
    expect(BigInt(sell.expectedOut!)).toBe(dy);
    expect(BigInt(sell.minOut!)).toBe((dy * 9950n) / 10_000n);
    // The protocol route is named too: selling is one way out, not the only one.
    expect(unwind.flowFlags.map((f) => f.title).join(' ')).toMatch(/stETH: no instant unstake\. Request a withdrawal in Lido/);

    const ethBefore = await client().getBalance({ address: user });
    const done = await run(unwind);
    expect(done.status).toBe('done');
    const receipts = await Promise.all(done.steps.map((s) => client().getTransactionReceipt({ hash: s.hash! })));
    const gas = receipts.reduce((sum, r) => sum + r.gasUsed * r.effectiveGasPrice, 0n);
    const ethGot = (await client().getBalance({ address: user })) - ethBefore + gas;
    expect(ethGot).toBe(dy);
    expect(held - (await balanceOf(TOKENS.stETH, user))).toBeLessThanOrEqual(sold);
  });

  it("ETH → stETH → EigenLayer → operator, unwound: the deposit's shares are queued for withdrawal (claimable after the delay), not pretended instant", async () => {
    const user = await freshUser();
    const flow = await run(
      await planFlow(planDeps(), { recipeId: 'eigen:stETH', from: user, amount: parseEther('1'), operator: EIGEN_DEVNET_OPERATOR }),
    );
    expect(flow.status).toBe('done');
    const strategies = [EIGEN_STRATEGIES.stETH];
    const [, depositShares] = await client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: views,
      functionName: 'getWithdrawableShares',
      args: [user, strategies],
    });
    expect(depositShares[0]).toBeGreaterThan(0n);
    const delay = await client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: views,
      functionName: 'minWithdrawalDelayBlocks',
    });

    const unwind = await planUnwind(planDeps(), { state: flow });
    expect(unwind.status).toBe('ok');
    expect(unwind.plan.steps.map((s) => s.label)).toEqual([`Queue an EigenLayer withdrawal of stETH (claimable after ${delay} blocks)`]);
    const notes = unwind.flowFlags.map((f) => f.title).join(' ');
    expect(notes).toMatch(new RegExp(`not instant.*claimable after ${delay} blocks`));
    expect(notes).toMatch(/still delegated to/);

    const queuedBefore = await client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: views,
      functionName: 'cumulativeWithdrawalsQueued',
      args: [user],
    });
    const done = await run(unwind);
    expect(done.status).toBe('done');
    const [, after] = await client().readContract({
      address: EIGENLAYER.delegationManager,
      abi: views,
      functionName: 'getWithdrawableShares',
      args: [user, strategies],
    });
    expect(after[0]).toBe(0n);
    expect(
      await client().readContract({
        address: EIGENLAYER.delegationManager,
        abi: views,
        functionName: 'cumulativeWithdrawalsQueued',
        args: [user],
      }),
    ).toBe(queuedBefore + 1n);
    // Nothing came back yet: the stETH stays in EigenLayer until the withdrawal is completed after the delay.
    expect(await balanceOf(TOKENS.stETH, user)).toBeLessThanOrEqual(2n);
  });
});
