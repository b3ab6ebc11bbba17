import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { devAccount } from './context';
import { advance, depeg, slash } from './scenarios';
import { repegToken } from './seed/defi';
import {
  EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
  queueWithdrawal,
  SYMBIOTIC_DEVNET_VAULT,
  symbioticDeposit,
  symbioticSlash,
} from './seed/eigen';
import { EIGEN_STRATEGIES, EIGENLAYER } from '../../lib/restaking/addresses';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import { delegationManagerAbi, strategyAbi, symbioticVaultAbi } from '../../lib/chain/abis';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore, type Alert, type AlertNotification, type AlertsDeps } from '../../lib/alerts';

const WAD = 10n ** 18n;
// Demo user 1: stETH, wstETH, weETH, ezETH, rsETH, and stETH restaked in EigenLayer with the seeded operator.
const user: Address = devAccount(1).address;
let devnet: Devnet;
const notes: AlertNotification[] = [];
let badge = -1;
const alertsStore = createMemoryAlertsStore();
let engine: ReturnType<typeof createAlertsEngine>;
let tracker: ReturnType<typeof createTracker>;

const transport = () => http(devnet.rpcUrl, { retryCount: 0 });
const deps = (): AlertsDeps => ({
  chain: mainnet,
  getTransport: transport,
  store: alertsStore,
  notify: (n) => void notes.push(n),
  setBadge: (c) => void (badge = c),
});

/** One tracker refresh followed by one evaluation, as the background does on every alarm. */
async function cycle(): Promise<Alert[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  const result = await engine.evaluate(state.snapshot!);
  expect(result.logError).toBeUndefined();
  return result.raised;
}

/** Five more refreshes, then a "worker restart" (new engine, same store) and one more: nothing new. */
async function expectSilence() {
  const before = { notes: notes.length, listed: (await engine.list()).length };
  for (let i = 0; i < 5; i += 1) expect(await cycle()).toEqual([]);
  engine = createAlertsEngine(deps());
  expect(await cycle()).toEqual([]);
  expect(notes.length).toBe(before.notes);
  expect((await engine.list()).length).toBe(before.listed);
}

async function stakeValueEth(): Promise<bigint> {
  const strategy = EIGEN_STRATEGIES.stETH;
  const [[withdrawable]] = (await devnet.ctx.client.readContract({
    address: EIGENLAYER.delegationManager,
    abi: delegationManagerAbi,
    functionName: 'getWithdrawableShares',
    args: [user, [strategy]],
  })) as readonly [readonly bigint[], readonly bigint[]];
  const underlying = await devnet.ctx.client.readContract({
    address: strategy,
    abi: strategyAbi,
    functionName: 'sharesToUnderlyingView',
    args: [withdrawable!],
  });
  const rate = (await readFairRates(devnet.ctx.client, { symbols: ['stETH'] })).stETH;
  if (!rate?.ok) throw new Error('stETH fair rate unreadable');
  return (underlying * rate.rate) / WAD;
}

beforeAll(async () => {
  devnet = await startDevnet();
  tracker = createTracker({ chain: mainnet, getTransport: transport, getAccounts: () => [user], store: createMemoryTrackerStore() });
  engine = createAlertsEngine(deps());
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('alerts on the devnet', () => {
  test('the first refresh only records a baseline', async () => {
    expect(await cycle()).toEqual([]);
    expect(notes).toHaveLength(0);
    expect(badge).toBe(0);
  });

  test('a 5 % ezETH depeg: one danger notification and badge 1; a recovery notice when it returns', async () => {
    const facts = await depeg(devnet.ctx, 'ezETH', '5');
    const raised = await cycle();
    expect(notes).toHaveLength(1);
    expect(raised).toHaveLength(1);
    const alert = raised[0]!;
    expect(alert).toMatchObject({ rule: 'depeg', severity: 'danger', notified: true, read: false });
    expect(alert.data.token).toBe('ezETH');
    // The scenario put the market 5 % under the fair rate it read itself.
    expect((BigInt(facts.targetMarketRate as string) * 100n) / BigInt(facts.fairRate as string)).toBe(95n);
    expect(BigInt(alert.data.depegWad!)).toBeLessThanOrEqual(-(3n * WAD) / 100n);
    expect(notes[0]).toMatchObject({ id: alert.id, title: alert.title, buttons: [{ title: 'Open position' }] });
    expect(badge).toBe(1);
    await expectSilence();

    await repegToken(devnet.ctx, 'ezETH');
    const recovered = await cycle();
    expect(recovered.map((a) => [a.rule, a.severity, a.data.token])).toEqual([['depeg', 'info', 'ezETH']]);
    expect(recovered[0]!.id).toMatch(/^depeg-recovered:ezETH:/);
    expect(notes).toHaveLength(2);
    expect(badge).toBe(1); // the danger alert is still unread
    await expectSilence();
  });
});

describe('slashing and withdrawals on the devnet', () => {
  test('a slash of the seeded operator: one notification whose loss equals value before × wadSlashed, rounded up', async () => {
    const before = await stakeValueEth();
    const result = (await slash(devnet.ctx, 'seeded', '0.5')) as { wadSlashed: string[]; hash: string };
    const wadSlashed = BigInt(result.wadSlashed[0]!);
    // Seeded set 1 holds 30 % of the operator's magnitude: half of it is 15 % of the stake.
    expect(wadSlashed).toBe((15n * WAD) / 100n);
    const expectedLoss = (before * wadSlashed + WAD - 1n) / WAD;
    const raised = await cycle();
    expect(raised.map((a) => a.rule)).toEqual(['slashing']);
    const alert = raised[0]!;
    expect(alert.severity).toBe('danger');
    expect(alert.id).toMatch(new RegExp(`^slash:${result.hash}:\\d+$`));
    expect(BigInt(alert.data.lossWei!)).toBe(expectedLoss);
    // And the chain agrees to a wei of rounding: the position really lost that much.
    const after = await stakeValueEth();
    expect(before - after - expectedLoss).toBeGreaterThanOrEqual(-1n);
    expect(before - after - expectedLoss).toBeLessThanOrEqual(1n);
    expect(notes.at(-1)!.id).toBe(alert.id);
    expect(badge).toBe(2);
    await expectSilence();
  });

  test('a queued withdrawal: one claimable notice once the delay has passed', async () => {
    const [, [depositShares]] = (await devnet.ctx.client.readContract({
      address: EIGENLAYER.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [user, [EIGEN_STRATEGIES.stETH]],
    })) as readonly [readonly bigint[], readonly bigint[]];
    const queued = await queueWithdrawal(devnet.ctx, user, 'stETH', depositShares! / 2n);
    // Half the stake moved to the queue: the user's own move, at an unchanged price — no value-move alert
    // (an earlier version reported it as "fell 50%").
    expect(await cycle()).toEqual([]);
    expect(await cycle()).toEqual([]);

    const claimableAt = BigInt(queued.withdrawal.startBlock) + BigInt(EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS);
    const head = await devnet.ctx.client.getBlockNumber({ cacheTime: 0 });
    expect(head).toBeLessThan(claimableAt);
    await advance(devnet.ctx, String(claimableAt - head));
    const raised = await cycle();
    expect(raised.map((a) => a.rule)).toEqual(['withdrawal']);
    expect(raised[0]!.data).toMatchObject({ startBlock: String(queued.withdrawal.startBlock), claimableBlock: String(claimableAt) });
    expect(BigInt(raised[0]!.block)).toBe(claimableAt);
    expect(notes.at(-1)!.id).toBe(raised[0]!.id);
    await expectSilence();
  });

  test('a Symbiotic vault slash: one notification with the loss the deposit took', async () => {
    await symbioticDeposit(devnet.ctx, user, 2n * WAD);
    expect((await cycle()).filter((a) => a.rule === 'slashing')).toEqual([]);
    const rate = (await readFairRates(devnet.ctx.client, { symbols: ['wstETH'] })).wstETH;
    if (!rate?.ok) throw new Error('wstETH fair rate unreadable');
    const activeEth = async () =>
      ((await devnet.ctx.client.readContract({
        address: SYMBIOTIC_DEVNET_VAULT,
        abi: symbioticVaultAbi,
        functionName: 'activeBalanceOf',
        args: [user],
      })) *
        rate.rate) /
      WAD;
    const before = await activeEth();
    const slashed = await symbioticSlash(devnet.ctx, WAD / 2n);
    const raised = await cycle();
    expect(raised.map((a) => a.rule)).toEqual(['slashing']);
    expect(raised[0]!.id).toMatch(new RegExp(`^symbiotic-slash:${slashed.hash}:`));
    expect(BigInt(raised[0]!.data.lossWei!)).toBe(before - (await activeEth()));
    expect(BigInt(raised[0]!.data.lossWei!)).toBeGreaterThan(0n);
    await expectSilence();
  });
});
