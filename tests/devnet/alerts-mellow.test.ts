import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, parseEther, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount } from './context';
import { depositToMellow, setNetworkLimit, slashSymbioticVault } from './seed/symbiotic';
import { TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS } from '../../lib/restaking/symbiotic-registry';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore, type Alert, type AlertNotification, type AlertsDeps } from '../../lib/alerts';

/**
 * A Symbiotic slash behind a held Mellow LRT (issue #15, Symbiotic side): the vault's VetoSlasher executes a
 * slash (the vault's OnSlash); the alert's estimate is computed here from raw reads before the slash and
 * compared with what the LRT's rate shows after, then deduplicated across refreshes and a worker restart.
 */
const WAD = 10n ** 18n;
const user: Address = devAccount(8).address;
const pz = MELLOW_LRTS.find((l) => l.symbol === 'pzETH')!;
const k3 = SYMBIOTIC_NETWORKS.find((n) => n.name === 'K3')!.address;
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

const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;

beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: true });
  await depositToMellow(devnet.ctx, pz.address, user, parseEther('12'));
  await depositToMellow(devnet.ctx, pz.address, devAccount(9).address, parseEther('28'));
  const stake = await read<bigint>(pz.symbioticVault, 'SymbioticVault', 'activeStake');
  await setNetworkLimit(devnet.ctx, pz.symbioticVault, k3, (stake * 3n) / 10n);
  tracker = createTracker({ chain: mainnet, getTransport: transport, getAccounts: () => [user], store: createMemoryTrackerStore() });
  engine = createAlertsEngine(deps());
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('Mellow LRT alerts on the devnet', () => {
  test('a Symbiotic slash of pzETH’s vault: one alert, loss = holder ETH in the vault × slashed / active stake = the rate’s drop', async () => {
    expect(await cycle()).toEqual([]); // baseline
    const valueBefore = (await tracker.refresh()).snapshot!.positions.find((p) => p.family === 'mellow-lrt')!.fairValueEth!;
    // Independent: balance / supply × activeBalanceOf(LRT) × wstETH's rate (floor each), before the slash.
    const balance = await devnet.ctx.client.readContract({ address: pz.address, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
    const supply = await devnet.ctx.client.readContract({ address: pz.address, abi: erc20Abi, functionName: 'totalSupply' });
    const lrtActive = await read<bigint>(pz.symbioticVault, 'SymbioticVault', 'activeBalanceOf', [pz.address]);
    const wstRate = await read<bigint>(TOKENS.stETH, 'StETH', 'getPooledEthByShares', [WAD]);
    const holderEth = (((lrtActive * wstRate) / WAD) * balance) / supply;

    const slash = await slashSymbioticVault(devnet.ctx, pz.symbioticVault, k3, parseEther('1000'));
    const slashed = slash.activeStakeBefore - slash.activeStakeAfter;
    // Capped at K3's stake: its networkLimit (30 % of the stake).
    expect(slashed).toBe((slash.activeStakeBefore * 3n) / 10n);
    const expectedLoss = (holderEth * slashed + slash.activeStakeBefore - 1n) / slash.activeStakeBefore;

    const raised = await cycle();
    expect(raised).toHaveLength(1);
    const alert = raised[0]!;
    expect(alert).toMatchObject({ rule: 'slashing', severity: 'danger', notified: true });
    expect(alert.id).toMatch(new RegExp(`^slash-mellow:${slash.executeTx}:\\d+:`));
    expect(alert.title).toMatch(/^pzETH: its Symbiotic vault was slashed/);
    expect(BigInt(alert.data.holderEthInVault!)).toBe(holderEth);
    expect(BigInt(alert.data.lossWei!)).toBe(expectedLoss);
    // What the LRT's rate shows at once (totalAssets reads the vault): the position's fair value fell by the estimate.
    const valueAfter = (await tracker.refresh()).snapshot!.positions.find((p) => p.family === 'mellow-lrt')!.fairValueEth!;
    const shown = valueBefore - valueAfter;
    expect(Math.abs(Number(shown - expectedLoss)) / Number(expectedLoss)).toBeLessThan(1e-9);
    console.info(`mellow alert: estimate ${expectedLoss} wei, rate shows ${shown} wei`);
    expect(notes.map((n) => n.id)).toContain(alert.id);

    const before = { notes: notes.length, listed: (await engine.list()).length };
    for (let i = 0; i < 3; i += 1) expect(await cycle()).toEqual([]);
    engine = createAlertsEngine(deps()); // a worker restart: same store, nothing new
    expect(await cycle()).toEqual([]);
    expect(notes.length).toBe(before.notes);
    expect((await engine.list()).length).toBe(before.listed);
  });
});
