import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { devAccount } from './context';
import { parseSet, slash } from './scenarios';
import { LRT_DEVNET_AVS, LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from './seed/lrt';
import { eigenAbi } from './seed/eigen-base';
import { EIGEN_STRATEGIES, EIGENLAYER, TOKENS } from '../../lib/restaking/addresses';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import { delegationManagerAbi, strategyAbi } from '../../lib/chain/abis';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore, type Alert, type AlertNotification, type AlertsDeps } from '../../lib/alerts';

const WAD = 10n ** 18n;
/** Demo user 2 holds rsETH and ezETH: both LRTs have stakers delegated to operator lrt-a. */
const user: Address = devAccount(2).address;
let devnet: Devnet;
const notes: AlertNotification[] = [];
const alertsStore = createMemoryAlertsStore();
let engine: ReturnType<typeof createAlertsEngine>;
let tracker: ReturnType<typeof createTracker>;

const transport = () => http(devnet.rpcUrl, { retryCount: 0 });
const deps = (): AlertsDeps => ({
  chain: mainnet,
  getTransport: transport,
  store: alertsStore,
  notify: (n) => void notes.push(n),
  setBadge: () => undefined,
});

async function cycle(): Promise<Alert[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  const result = await engine.evaluate(state.snapshot!);
  expect(result.logError).toBeUndefined();
  return result.raised;
}

/**
 * The holder's ETH with `operator` through rsETH, from raw reads: for each rsETH staker delegated to it
 * (DelegationManager.delegatedTo), withdrawable shares → stETH (strategy) → ETH (stETH fair rate);
 * then balance / totalSupply of the sum, floor (reference §6 step 6).
 */
async function holderEthWith(operator: Address, scale: (eth: bigint) => bigint = (x) => x): Promise<bigint> {
  const c = devnet.ctx.client;
  const strategy = EIGEN_STRATEGIES.stETH;
  const rate = (await readFairRates(c, { symbols: ['stETH'] })).stETH;
  if (!rate?.ok) throw new Error('stETH fair rate unreadable');
  let protocolEth = 0n;
  for (const s of LRT_DEVNET_STAKERS.filter((x) => x.lrt === 'rsETH')) {
    const delegated = await c.readContract({
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'delegatedTo',
      args: [s.staker],
    });
    if (delegated.toLowerCase() !== operator.toLowerCase()) continue;
    const [[withdrawable]] = (await c.readContract({
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [s.staker, [strategy]],
    })) as readonly [readonly bigint[], readonly bigint[]];
    const underlying = await c.readContract({
      address: strategy,
      abi: strategyAbi,
      functionName: 'sharesToUnderlyingView',
      args: [withdrawable!],
    });
    protocolEth += scale((underlying * rate.rate) / WAD);
  }
  const balance = await c.readContract({ address: TOKENS.rsETH, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
  const supply = await c.readContract({ address: TOKENS.rsETH, abi: erc20Abi, functionName: 'totalSupply' });
  return (balance * protocolEth) / supply;
}

beforeAll(async () => {
  devnet = await startDevnet();
  tracker = createTracker({ chain: mainnet, getTransport: transport, getAccounts: () => [user], store: createMemoryTrackerStore() });
  engine = createAlertsEngine(deps());
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('LRT look-through alerts on the devnet', () => {
  test('a slash of lrt-a: one alert for the rsETH holding, loss = holder ETH via lrt-a × wadSlashed; nothing new after', async () => {
    expect(await cycle()).toEqual([]); // baseline
    const holderEth = await holderEthWith(LRT_DEVNET_OPERATORS['lrt-a']);
    expect(holderEth).toBeGreaterThan(0n);

    const result = (await slash(devnet.ctx, 'lrt-a', '0.5', parseSet('avs-x:1'))) as { wadSlashed: string[]; hash: string };
    const wadSlashed = BigInt(result.wadSlashed[0]!);
    // lrt-a allocated 30 % of its stETH magnitude to avs-x:1: half of that is 15 % of its stake.
    expect(wadSlashed).toBe((15n * WAD) / 100n);
    const expectedLoss = (holderEth * wadSlashed + WAD - 1n) / WAD;

    const raised = await cycle();
    const rsEth = raised.filter((a) => a.data.lrt === 'rsETH');
    expect(rsEth).toHaveLength(1);
    const alert = rsEth[0]!;
    expect(alert).toMatchObject({ rule: 'slashing', severity: 'danger', notified: true });
    expect(alert.id).toMatch(new RegExp(`^slash-lrt:${result.hash}:\\d+:`));
    expect(alert.title).toMatch(/^rsETH/);
    expect(alert.data.operator?.toLowerCase()).toBe(LRT_DEVNET_OPERATORS['lrt-a'].toLowerCase());
    expect(BigInt(alert.data.holderEthWithOperator!)).toBe(holderEth);
    expect(BigInt(alert.data.lossWei!)).toBe(expectedLoss);
    expect(alert.data.formula).toMatch(/holderEthWithOperator × wadSlashed/);
    // ezETH also has a staker with lrt-a: its own alert; the user has no direct EigenLayer stake, so nothing else.
    expect(
      raised
        .filter((a) => a.rule === 'slashing')
        .map((a) => a.data.lrt)
        .sort(),
    ).toEqual(['ezETH', 'rsETH']);
    expect(notes.map((n) => n.id)).toContain(alert.id);

    const before = { notes: notes.length, listed: (await engine.list()).length };
    for (let i = 0; i < 3; i += 1) expect(await cycle()).toEqual([]);
    engine = createAlertsEngine(deps()); // a worker restart: same store, nothing new
    expect(await cycle()).toEqual([]);
    expect(notes.length).toBe(before.notes);
    expect((await engine.list()).length).toBe(before.listed);
  });

  test('lrt-b raises its avs-x:1 allocation from 50 % to 100 %: one info alert for rsETH, the worst case up by holder ETH via lrt-b × 50 %', async () => {
    const rsEthPosition = async () => {
      const state = await tracker.refresh();
      return state.snapshot!.positions.find((p) => p.family === 'token' && p.asset === 'rsETH')!;
    };
    const before = await rsEthPosition();
    const worstBefore = before.slashing!.worstCaseEth;
    const beforeShare = Number(worstBefore) / Number(before.fairValueEth!);
    // A threshold the rise must cross, with the present figure under 0.9 × it (so no episode is open).
    const percent = Math.round((beforeShare / 0.85) * 100 * 1e4) / 1e4;
    await engine.updateSettings({ ...(await engine.getSettings()), lrtWorstCasePercent: percent });
    expect(await cycle()).toEqual([]);

    const lrtB = LRT_DEVNET_OPERATORS['lrt-b'];
    // Independent figure: the holder's ETH via lrt-b, half of it (the 50 % of magnitude added; lrt-b's max magnitude is 1).
    const expectedRise = await holderEthWith(lrtB, (eth) => eth / 2n);
    await devnet.ctx.client.impersonateAccount({ address: lrtB });
    await devnet.ctx.write({
      address: EIGENLAYER.allocationManager,
      abi: eigenAbi.allocationManager(),
      functionName: 'modifyAllocations',
      args: [lrtB, [{ operatorSet: { avs: LRT_DEVNET_AVS['avs-x'], id: 1 }, strategies: [EIGEN_STRATEGIES.stETH], newMagnitudes: [WAD] }]],
      from: lrtB,
    });
    const raised = await cycle();
    const info = raised.filter((a) => a.id.startsWith('lrt-risk:'));
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({ rule: 'slashing', severity: 'info', positionId: before.id });
    expect(info[0]!.data.lrt).toBe('rsETH');
    const rise = BigInt(info[0]!.data.worstCaseEth!) - BigInt(info[0]!.data.worstCaseBeforeEth!);
    expect(BigInt(info[0]!.data.worstCaseBeforeEth!)).toBe(worstBefore);
    // Floors per staker and for the holder's share: a wei or two either way.
    expect(rise - expectedRise).toBeGreaterThanOrEqual(-2n);
    expect(rise - expectedRise).toBeLessThanOrEqual(2n);
    expect(BigInt(info[0]!.data.shareWad!)).toBeGreaterThan(BigInt(info[0]!.data.thresholdWad!));
    for (let i = 0; i < 3; i += 1) expect(await cycle()).toEqual([]);
  });
});
