import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { devAccount } from './context';
import { advance, depeg, slash } from './scenarios';
import { repegToken } from './seed/defi';
import { EIGEN_DEVNET_WITHDRAWAL_DELAY_BLOCKS, queueWithdrawal } from './seed/eigen';
import { EIGEN_STRATEGIES, EIGENLAYER } from '../../lib/restaking/addresses';
import { readFairRates } from '../../lib/restaking/read-fair-rates';
import { delegationManagerAbi, strategyAbi } from '../../lib/tracker/abis';
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
const deps = (): AlertsDeps => ({ chain: mainnet, getTransport: transport, store: alertsStore, notify: (n) => void notes.push(n), setBadge: (c) => void (badge = c) });

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
  const [[withdrawable]] = (await devnet.ctx.client.readContract({ address: EIGENLAYER.delegationManager, abi: delegationManagerAbi, functionName: 'getWithdrawableShares', args: [user, [strategy]] })) as readonly [readonly bigint[], readonly bigint[]];
  const underlying = await devnet.ctx.client.readContract({ address: strategy, abi: strategyAbi, functionName: 'sharesToUnderlyingView', args: [withdrawable!] });
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
    console.info('depeg raised', raised.map((a) => `${a.id}: ${a.title}`));
    expect(notes).toHaveLength(1);
    expect(raised).toHaveLength(1);
    const alert = raised[0]!;
    expect(alert).toMatchObject({ rule: 'depeg', severity: 'danger', notified: true, read: false });
    expect(alert.data.token).toBe('ezETH');
    // The scenario put the market 5 % under the fair rate it read itself.
    expect(BigInt(facts.targetMarketRate as string) * 100n / BigInt(facts.fairRate as string)).toBe(95n);
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
