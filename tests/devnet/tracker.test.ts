import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, parseEther, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount, type DevnetContext } from './context';
import { addCurveLiquidity, curveExchange, curveGetDy, placeCurveSteth } from './seed/defi-curve';
import { EIGEN_DEVNET_OPERATOR } from './seed/eigen';
import { slash } from './scenarios';
import { CURVE, EIGEN_STRATEGIES, EIGENLAYER, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { allocationManagerAbi, delegationManagerAbi, strategyAbi } from '../../lib/chain/abis';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import type { Position, TrackerSnapshot } from '../../lib/tracker/types';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';

const WAD = 10n ** 18n;
let devnet: Devnet;
let ctx: DevnetContext;
let rates: Record<string, bigint>;
// Indexes 1–3 are startDevnet's demo users and 5–7 its EigenLayer operators/AVS: the test's own holders start at 10.
const holders = Array.from({ length: 10 }, (_, i) => devAccount(i + 10).address);
const alice = holders[0]!;
const lpProvider = devAccount(20).address;
const trader = devAccount(21).address;
const restaker = devAccount(1).address; // demo user with stETH restaked in EigenLayer, delegated to the seeded operator
const abi = (name: string) => artifact(name).abi;

const refresh = (accounts: readonly Address[]): Promise<TrackerSnapshot> =>
  refreshPositions({ transport: http(devnet.rpcUrl, { retryCount: 0 }), chain: mainnet, accounts, readers: defaultReaders() });
const positionOf = (s: TrackerSnapshot, account: Address, asset: string): Position => {
  const p = s.positions.find((x) => x.family === 'token' && x.account === account && x.asset === asset);
  if (!p) throw new Error(`no ${asset} position for ${account}`);
  return p;
};
const balanceOf = (token: Address, account: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] });

beforeAll(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  rates = Object.fromEntries(Object.entries(devnet.info.rates).map(([k, v]) => [k, BigInt(v)]));
  // anvil unlocks only accounts 0–9; the rest of the dev mnemonic's accounts are impersonated and funded.
  for (const a of [...holders, lpProvider, trader]) {
    await ctx.client.impersonateAccount({ address: a });
    await ctx.client.setBalance({ address: a, value: parseEther('10000') });
  }
  // A deep, balanced ETH/stETH pool, like mainnet's (unless the DeFi seed already placed one).
  if (!(await ctx.client.getCode({ address: CURVE.stethPool }))) await placeCurveSteth(ctx);
  await ctx.write({
    address: TOKENS.stETH,
    abi: abi('StETH'),
    functionName: 'submit',
    args: [lpProvider],
    value: parseEther('5000'),
    from: lpProvider,
  });
  await addCurveLiquidity(ctx, lpProvider, CURVE.stethPool, [parseEther('4000'), parseEther('4000')]);
  // Every holder stakes a different amount of ETH into stETH; alice also holds wstETH, rETH, ezETH, mETH, rsETH.
  for (const [i, h] of holders.entries()) {
    await ctx.write({
      address: TOKENS.stETH,
      abi: abi('StETH'),
      functionName: 'submit',
      args: [h],
      value: parseEther(String(i + 1)) + 123n,
      from: h,
    });
  }
  await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'submit', args: [alice], value: parseEther('3'), from: alice });
  await ctx.write({ address: TOKENS.stETH, abi: erc20Abi, functionName: 'approve', args: [TOKENS.wstETH, parseEther('2')], from: alice });
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'wrap', args: [parseEther('2')], from: alice });
  await ctx.write({
    address: PROTOCOL_CONTRACTS.rocketDepositPool,
    abi: abi('RocketDepositPool'),
    functionName: 'deposit',
    value: parseEther('3'),
    from: alice,
  });
  await ctx.write({
    address: PROTOCOL_CONTRACTS.renzoRestakeManager,
    abi: abi('RenzoRestakeManager'),
    functionName: 'depositETH',
    args: [],
    value: parseEther('4'),
    from: alice,
  });
  await ctx.write({
    address: PROTOCOL_CONTRACTS.mantleStaking,
    abi: abi('MantleStaking'),
    functionName: 'stake',
    args: [0n],
    value: parseEther('5'),
    from: alice,
  });
  await ctx.write({
    address: PROTOCOL_CONTRACTS.kelpDepositPool,
    abi: abi('KelpLRTDepositPool'),
    functionName: 'depositETH',
    args: [0n, ''],
    value: parseEther('6'),
    from: alice,
  });
});
afterAll(async () => {
  await devnet?.stop();
});

describe('tracker on the devnet', () => {
  test('seeded positions read back exactly (wei) with fair values from the seeded books', async () => {
    const s = await refresh([alice]);
    expect(s.blockNumber).toBe(await ctx.client.getBlockNumber({ cacheTime: 0 }));
    // Fair rates as the registry's own reader (one eth_call, outside the tracker) reports them.
    for (const t of s.tokens) expect(t.fairRate, t.symbol).toBe(rates[t.symbol]);
    const held = {
      stETH: TOKENS.stETH,
      wstETH: TOKENS.wstETH,
      rETH: TOKENS.rETH,
      ezETH: TOKENS.ezETH,
      mETH: TOKENS.mETH,
      rsETH: TOKENS.rsETH,
    } as const;
    for (const [symbol, token] of Object.entries(held)) {
      const p = positionOf(s, alice, symbol);
      expect(p.status, `${symbol}: ${p.error}`).toBe('ok');
      const onChain = await balanceOf(token, alice);
      expect(onChain).toBeGreaterThan(0n);
      expect(p.amount, symbol).toBe(onChain);
      expect(p.fairValueEth, symbol).toBe((onChain * rates[symbol]!) / WAD);
    }
    // Nothing else is invented: alice holds exactly these six tokens.
    expect(
      s.positions
        .filter((p) => p.account === alice)
        .map((p) => p.asset)
        .sort(),
    ).toEqual(Object.keys(held).sort());
  });

  test('a refresh costs at most 3 RPC requests for 1 and for 10 accounts', async () => {
    const one = await refresh([alice]);
    const ten = await refresh(holders);
    console.info(
      `tracker requests per refresh: 1 account → ${one.requestCount}, 10 accounts → ${ten.requestCount} (${ten.positions.length} positions)`,
    );
    expect(one.requestCount).toBeLessThanOrEqual(3);
    expect(ten.requestCount).toBeLessThanOrEqual(3);
    expect(ten.positions.filter((p) => p.asset === 'stETH')).toHaveLength(10);
    for (const h of holders) expect(positionOf(ten, h, 'stETH').amount).toBe(await balanceOf(TOKENS.stETH, h));
  });

  test('after a one-sided stETH dump, the depeg equals the pool quote for the position size', async () => {
    const poolSteth = (await ctx.client.readContract({
      address: CURVE.stethPool,
      abi: artifact('CurveStableSwapSTETH').abi,
      functionName: 'balances',
      args: [1n],
    })) as bigint;
    await ctx.client.setBalance({ address: trader, value: poolSteth * 2n });
    await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'submit', args: [trader], value: poolSteth, from: trader });
    await curveExchange(ctx, trader, CURVE.stethPool, 1n, 0n, (poolSteth * 85n) / 100n);
    const s = await refresh([alice]);
    const steth = positionOf(s, alice, 'stETH');
    const quoted = await curveGetDy(ctx, CURVE.stethPool, 1n, 0n, steth.amount);
    expect(steth.marketValueEth).toBe(quoted);
    expect(steth.depegWad).toBe(((quoted - steth.fairValueEth!) * WAD) / steth.fairValueEth!);
    expect(steth.depegWad!).toBeLessThan(-(WAD / 100n)); // a real depeg: more than 1% below fair

    // wstETH exits through the same pool after unwrapping: quote the stETH it unwraps to.
    const wst = positionOf(s, alice, 'wstETH');
    const unwrapped = (wst.amount * rates.wstETH!) / WAD;
    expect(wst.marketValueEth).toBe(await curveGetDy(ctx, CURVE.stethPool, 1n, 0n, unwrapped));
    const stethToken = s.tokens.find((t) => t.symbol === 'stETH')!;
    expect(stethToken.marketRate).toBe(await curveGetDy(ctx, CURVE.stethPool, 1n, 0n, WAD));
  });

  test('a reverting fair-rate reader marks only its positions failed, with the reason', async () => {
    const snap = (await ctx.client.request({ method: 'evm_snapshot' } as never)) as Hex;
    try {
      // PUSH1 0 PUSH1 0 REVERT: Kelp's oracle now reverts on every call.
      await ctx.client.setCode({ address: PROTOCOL_CONTRACTS.kelpOracle, bytecode: '0x60006000fd' });
      const s = await refresh([alice]);
      const rs = positionOf(s, alice, 'rsETH');
      expect(rs.status).toBe('failed');
      expect(rs.error).toMatch(/rsETHPrice/);
      expect(rs.amount).toBe(await balanceOf(TOKENS.rsETH, alice));
      expect(s.tokens.find((t) => t.symbol === 'rsETH')!.fairRate).toBeNull();
      const others = s.positions.filter((p) => p.asset !== 'rsETH');
      expect(others.length).toBe(5);
      for (const p of others) expect(p.status, `${p.asset}: ${p.error}`).toBe('ok');
    } finally {
      await ctx.client.request({ method: 'evm_revert', params: [snap] } as never);
    }
  });

  test('after a slash, withdrawable shares and exposure match the chain (getWithdrawableShares, magnitudes)', async () => {
    await slash(ctx, 'seeded', '0.5');
    const s = await refresh([restaker]);
    const strategy = EIGEN_STRATEGIES.stETH;
    const p = s.positions.find((x) => x.family === 'eigenlayer' && x.account === restaker && x.asset === 'stETH strategy');
    expect(p, JSON.stringify(s.positions.filter((x) => x.family !== 'token').map((x) => [x.asset, x.error]))).toBeDefined();
    expect(p!.status, p!.error).toBe('ok');
    const [withdrawable] = (await ctx.client.readContract({
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [restaker, [strategy]],
    })) as readonly [readonly bigint[], readonly bigint[]];
    expect(p!.amount).toBe(withdrawable[0]);
    const underlying = await ctx.client.readContract({
      address: strategy,
      abi: strategyAbi,
      functionName: 'sharesToUnderlyingView',
      args: [withdrawable[0]!],
    });
    expect(p!.details.underlying).toBe(String(underlying));
    const valueEth = (underlying * rates.stETH!) / WAD;
    expect(p!.fairValueEth).toBe(valueEth);

    // Reference §6 by hand: at risk = value × Σ allocated magnitude / max magnitude, per set value × mag_i / max.
    const max = await ctx.client.readContract({
      address: EIGENLAYER.allocationManager,
      abi: allocationManagerAbi,
      functionName: 'getMaxMagnitude',
      args: [EIGEN_DEVNET_OPERATOR, strategy],
    });
    expect(max).toBeLessThan(WAD); // the slash really happened
    const mags = await Promise.all(
      [1, 2].map(async (id) => {
        const a = await ctx.client.readContract({
          address: EIGENLAYER.allocationManager,
          abi: allocationManagerAbi,
          functionName: 'getAllocation',
          args: [EIGEN_DEVNET_OPERATOR, { avs: p!.slashing!.perSet![0]!.avs, id }, strategy],
        });
        return a.currentMagnitude;
      }),
    );
    expect(p!.slashing!.operator).toBe(EIGEN_DEVNET_OPERATOR);
    expect(p!.slashing!.perSet!.map((x) => x.atRiskEth)).toEqual(mags.map((m) => (valueEth * m) / max));
    expect(p!.slashing!.worstCaseEth).toBe((valueEth * (mags[0]! + mags[1]!)) / max);
  });

  test('createTracker stores the snapshot with its request count, block and a history point per token', async () => {
    const store = createMemoryTrackerStore();
    const tracker = createTracker({
      chain: mainnet,
      getTransport: () => http(devnet.rpcUrl, { retryCount: 0 }),
      getAccounts: () => holders,
      store,
    });
    const state = await tracker.refresh();
    expect(state.schedule.lastError).toBeNull();
    expect(state.freshness.stale).toBe(false);
    expect(state.snapshot!.requestCount).toBeGreaterThan(0);
    expect(state.snapshot!.requestCount).toBeLessThanOrEqual(3);
    expect(state.snapshot!.blockNumber).toBe(await ctx.client.getBlockNumber({ cacheTime: 0 }));
    const history = await tracker.getHistory();
    expect(history['token:stETH']).toHaveLength(1);
    expect(history['token:stETH']![0]!.block).toBe(String(state.snapshot!.blockNumber));
  });
});
