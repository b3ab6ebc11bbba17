import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, getAddress, http, parseEther, type Address, type Transport } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact } from './context';
import { expectLookThroughEquals, stakerReference, type StakerReference } from './lookthrough-reference';
import { list, oracleUpdate, parseSet, slash } from './scenarios';
import { LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS, SWELL_DEVNET } from './seed/lrt';
import { TOKENS } from '../../lib/restaking/addresses';
import { lrtStructureOf } from '../../lib/restaking/lrt-structure';
import { countingTransport, createRequestCounter } from '../../lib/tracker/counting-transport';
import { eventStakersOf } from '../../lib/tracker/lookthrough/event-scan';
import { scanPathStakers, type PathStructure } from '../../lib/tracker/lookthrough/path-scan';
import { readLrtLookThrough, type LrtLookThroughView } from '../../lib/tracker/lookthrough/read-lookthrough';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore } from '../../lib/alerts';
import { checkLrtStructures } from '../smoke/check-lrt';

/**
 * Swell look-through (issue #15): rswETH → AccessControlManager() → DepositManager() → eigenLayerManager() →
 * stakerProxyAddresses(1…stakeId), walked beside the refresh; each StakerProxy is an EigenLayer staker. Every figure is
 * recomputed here from the doubles' raw state with their own ABIs (contracts/out), proxy by proxy from the seed's list:
 * value = withdrawable stETH-strategy shares → stETH (1 ETH each on the devnet), at risk in a set = value × magnitude /
 * max magnitude; the holder's part is balance / rswETH.totalSupply().
 */
let devnet: Devnet;
const WAD = 10n ** 18n;
const holder: Address = '0x00000000000000000000000000000000e7e75e11';
const PROXIES = LRT_DEVNET_STAKERS.filter((s) => s.lrt === 'rswETH');
const structure = lrtStructureOf('rswETH') as PathStructure;
const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
const rpc = () => http(devnet.rpcUrl, { retryCount: 0 });
const walk = (transport: Transport = rpc()) => scanPathStakers(createClient({ chain: mainnet, transport }), { structure, chainId: 1 });

type Expected = StakerReference & { supply: bigint; fairRate: bigint };

async function independent(): Promise<Expected> {
  return {
    supply: await read<bigint>(TOKENS.rswETH, 'RswETH', 'totalSupply'),
    fairRate: await read<bigint>(TOKENS.rswETH, 'RswETH', 'rswETHToETHRate'),
    ...(await stakerReference(devnet.ctx, PROXIES)),
  };
}

function compare(given: LrtLookThroughView | undefined, want: Expected) {
  const view = expectLookThroughEquals(given, want);
  if (!view) return;
  const sets = new Map([...want.bySet].filter(([, v]) => v > 0n));
  const total = [...want.byOperator.values()].reduce((x, y) => x + y, 0n);
  const top = [...want.byOperator.values()].reduce((x, y) => (y > x ? y : x), 0n);
  expect(Number(view.exposure.topOperator!.shareWad) / 1e18).toBeCloseTo(Number(top) / Number(total), 9);
  const hhi = [...want.byOperator.values()].reduce((x, v) => x + (Number(v) / Number(total)) ** 2, 0);
  expect(view.exposure.hhi).toBeCloseTo(hhi, 9);
  const worst = [...sets.values()].reduce((x, y) => (y > x ? y : x), 0n);
  expect(view.exposure.worstSet!.atRiskEth).toBe(worst);
  const backing = (want.supply * want.fairRate) / WAD;
  expect(view.exposure.backingEth).toBe(backing);
  expect(Number(view.exposure.worstSet!.shareOfBackingWad) / 1e18).toBeCloseTo(Number(worst) / Number(backing), 9);
  expect(view.rateShowsSlash.when).toBe('after-update');
  expect(view.coverage).toMatchObject({ stakersRead: PROXIES.length, stakersFound: PROXIES.length, scan: 'complete' });
}

const proxiesEth = async () => {
  let sum = 0n;
  for (const p of PROXIES) sum += await read<bigint>(p.staker, 'LrtStaker', 'getAssetBalance', [TOKENS.stETH]);
  return sum;
};

beforeAll(async () => {
  devnet = await startDevnet();
  const c = devnet.ctx;
  await c.client.impersonateAccount({ address: holder });
  await c.client.setBalance({ address: holder, value: parseEther('50') });
  await c.write({ address: TOKENS.rswETH, abi: abi('RswETH'), functionName: 'deposit', value: parseEther('30'), from: holder });
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('Swell look-through: StakerProxies behind rswETH on the devnet doubles', () => {
  test("the walk reaches the EigenLayerManager through rswETH's registries and lists what the raw getters give", async () => {
    const s = await walk();
    expect(s).toMatchObject({ status: 'complete', chainId: 1, contract: TOKENS.rswETH });
    expect(s.reason).toBeUndefined();
    // Independently, hop by hop with the doubles' own ABIs.
    const acm = await read<Address>(TOKENS.rswETH, 'RswETH', 'AccessControlManager');
    const dm = await read<Address>(acm, 'SwellAccessControlManagerDouble', 'DepositManager');
    const elm = await read<Address>(dm, 'SwellDepositManagerDouble', 'eigenLayerManager');
    expect([acm, dm, elm]).toEqual([SWELL_DEVNET.accessControlManager, SWELL_DEVNET.depositManager, SWELL_DEVNET.eigenLayerManager]);
    expect(s.path).toEqual([acm, dm, elm]);
    const n = await read<bigint>(elm, 'SwellEigenLayerManagerDouble', 'stakeId');
    const raw: Address[] = [];
    for (let id = 1n; id <= n; id++) raw.push(await read<Address>(elm, 'SwellEigenLayerManagerDouble', 'stakerProxyAddresses', [id]));
    expect(s.stakers).toEqual(raw);
    expect(s.stakers).toEqual(PROXIES.map((p) => p.staker));
  });

  test('the smoke check (npm run smoke -- --rpc) walks the path and finds the proxies delegated', async () => {
    const reports = await checkLrtStructures(devnet.ctx.client, await devnet.ctx.client.getBlockNumber({ cacheTime: 0 }));
    const r = reports.find((x) => x.symbol === 'rswETH')!;
    expect(r, JSON.stringify(r.checks)).toMatchObject({ status: 'known', ok: true, stakers: PROXIES.map((p) => p.staker) });
    expect(r.checks.map((c) => c.what)).toEqual([
      'rswETH code',
      'AccessControlManager() → DepositManager() → eigenLayerManager() / stakeId() / stakerProxyAddresses(id) / delegatedTo',
      `StakerProxy ${PROXIES[0]!.staker} code`,
      `StakerProxy ${PROXIES[1]!.staker} code`,
    ]);
    expect(r.checks[1]!.detail).toMatch(
      /^AccessControlManager 0x\w+ → DepositManager 0x\w+ → EigenLayerManager 0x\w+; 2 StakerProxys at block \d+ \(complete\)$/,
    );
  });

  test('exposure by operator and by set equals the raw-read computation; a 10-account refresh stays ≤ 3 requests', async () => {
    const eventStakers = eventStakersOf({ rswETH: await walk() });
    const counter = createRequestCounter();
    const client = createClient({ chain: mainnet, transport: countingTransport(rpc(), counter) });
    const r = await readLrtLookThrough(client, { eventStakers });
    expect(r.rounds).toBe(3);
    expect(counter.count).toBe(3);
    const want = await independent();
    compare(
      r.lrts.find((l) => l.symbol === 'rswETH'),
      want,
    );
    // lrt-b is shared with Kelp (rsETH), lrt-d with Puffer: their look-through lists the same operators.
    for (const [lrt, op] of [
      ['rsETH', 'lrt-b'],
      ['pufETH', 'lrt-d'],
    ] as const) {
      const v = r.lrts.find((l) => l.symbol === lrt);
      expect(v?.status === 'known' && v.exposure.byOperator.some((o) => o.operator === LRT_DEVNET_OPERATORS[op])).toBe(true);
    }

    const accounts = [holder, ...Array.from({ length: 9 }, (_, i) => `0x${(0xacc0 + i).toString(16).padStart(40, '0')}` as Address)];
    const snap = await refreshPositions({ transport: rpc(), chain: mainnet, accounts, readers: defaultReaders(), eventStakers });
    console.info(`swell look-through: 10-account refresh ${snap.requestCount} requests`);
    expect(snap.requestCount).toBeLessThanOrEqual(3);
    const p = snap.positions.find((x) => x.family === 'token' && x.account === holder && x.asset === 'rswETH')!;
    expect(p.details.lrtExposure).toBe('known');
    expect(p.details.lrtCoverage).toMatch(
      /^all 2 StakerProxys read; listed via rswETH → AccessControlManager\(\) → DepositManager\(\) → eigenLayerManager\(\) at block \d+$/,
    );
    const balance = await read<bigint>(TOKENS.rswETH, 'RswETH', 'balanceOf', [holder]);
    expect(BigInt(p.details.lrtTotalSupply!)).toBe(want.supply);
    expect(new Map(p.slashing!.perOperator!.map((o) => [o.operator, o.restakedEth]))).toEqual(
      new Map([...want.byOperator].map(([op, eth]) => [op, (balance * eth) / want.supply])),
    );
  });

  test('slash lrt-b avs-x:1 0.5: estimated loss = balance / supply × protocol loss; the rate shows it only after reprice', async () => {
    const tracker = createTracker({ chain: mainnet, getTransport: rpc, getAccounts: () => [holder], store: createMemoryTrackerStore() });
    const engine = createAlertsEngine({
      chain: mainnet,
      getTransport: rpc,
      store: createMemoryAlertsStore(),
      notify: () => undefined,
      setBadge: () => undefined,
    });
    const cycle = async () => {
      const state = await tracker.refresh();
      expect(state.schedule.lastError).toBeNull();
      return (await engine.evaluate(state.snapshot!)).raised;
    };
    expect((await cycle()).filter((a) => a.data.lrt === 'rswETH')).toEqual([]);
    const rate0 = await read<bigint>(TOKENS.rswETH, 'RswETH', 'rswETHToETHRate');
    const eth0 = await proxiesEth();

    const out = (await slash(devnet.ctx, 'lrt-b', '0.5', parseSet('avs-x:1'))) as { wadSlashed: string[] };
    // lrt-b allocates 50 % to avs-x:1; half of it slashed: 25 % of lrt-b's stake.
    expect(out.wadSlashed).toEqual([String((25n * WAD) / 100n)]);
    const protocolLoss = eth0 - (await proxiesEth());
    expect(protocolLoss).toBeGreaterThan(0n);
    expect(await read<bigint>(TOKENS.rswETH, 'RswETH', 'rswETHToETHRate')).toBe(rate0);
    const raised = await cycle();
    const alert = raised.find((a) => a.data.lrt === 'rswETH' && a.id.startsWith('slash-lrt:'));
    expect(alert, 'rswETH slash alert').toBeDefined();
    const estimate = BigInt(alert!.data.lossWei!);
    const balance = await read<bigint>(TOKENS.rswETH, 'RswETH', 'balanceOf', [holder]);
    const supply = await read<bigint>(TOKENS.rswETH, 'RswETH', 'totalSupply');
    const own = (balance * protocolLoss) / supply;
    expect(estimate - own <= 3n && own - estimate <= 3n, `estimate ${estimate} vs ${own}`).toBe(true);

    const report = (await oracleUpdate(devnet.ctx, 'rswETH')) as { stakersEth: { before: string; after: string } };
    expect(BigInt(report.stakersEth.before) - BigInt(report.stakersEth.after)).toBe(protocolLoss);
    const rate1 = await read<bigint>(TOKENS.rswETH, 'RswETH', 'rswETHToETHRate');
    expect(rate1).toBeLessThan(rate0);
    const real = (balance * (rate0 - rate1)) / WAD;
    const rel = Math.abs(Number(estimate - real)) / Number(real);
    console.info('swell risk truth', { estimate: String(estimate), real: String(real), rel });
    expect(rel).toBeLessThanOrEqual(1e-9);
    const r = await readLrtLookThrough(createClient({ chain: mainnet, transport: rpc() }), {
      eventStakers: eventStakersOf({ rswETH: await walk() }),
    });
    compare(
      r.lrts.find((l) => l.symbol === 'rswETH'),
      await independent(),
    );
  });

  test('a broken hop: the walk is partial with the reason; no proxy yet → unknown, proxies found before → known, marked', async () => {
    const client = createClient({ chain: mainnet, transport: rpc() });
    const good = await walk();
    // The DepositManager stops naming a manager: its slot 1 (after the Initializable admin/flag slot) zeroed.
    const slot = await devnet.ctx.client.getStorageAt({ address: SWELL_DEVNET.depositManager, slot: '0x1' });
    expect(getAddress(`0x${slot!.slice(-40)}`)).toBe(SWELL_DEVNET.eigenLayerManager);
    await devnet.ctx.client.setStorageAt({ address: SWELL_DEVNET.depositManager, index: '0x1', value: `0x${'0'.repeat(64)}` });
    try {
      const fresh = await scanPathStakers(client, { structure, chainId: 1 });
      expect(fresh).toMatchObject({
        status: 'partial',
        stakers: [],
        reason: expect.stringMatching(/eigenLayerManager\(\) on 0x\w+ answered the zero address/),
      });
      const none = await readLrtLookThrough(client, { eventStakers: eventStakersOf({ rswETH: fresh }), symbols: ['rswETH'] });
      expect(none.lrts[0]).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/walk stopped before any StakerProxy/) });
      const kept = await scanPathStakers(client, { structure, chainId: 1, previous: good });
      expect(kept).toMatchObject({ status: 'partial', stakers: good.stakers });
      const some = await readLrtLookThrough(client, { eventStakers: eventStakersOf({ rswETH: kept }), symbols: ['rswETH'] });
      const v = some.lrts[0]!;
      expect(v.status).toBe('known');
      if (v.status === 'known') expect(v.coverage?.note).toMatch(/last walk of .* failed \(eigenLayerManager\(\) .*zero address\)/);
    } finally {
      const word = `0x${SWELL_DEVNET.eigenLayerManager.slice(2).toLowerCase().padStart(64, '0')}` as const;
      await devnet.ctx.client.setStorageAt({ address: SWELL_DEVNET.depositManager, index: '0x1', value: word });
    }
    expect((await walk()).status).toBe('complete');
  });

  test('the scenario CLI lists the StakerProxies under their operators', () => {
    const l = list() as { operators: { name: string; lrtStakers: string[] }[] };
    expect(l.operators.find((o) => o.name === 'lrt-b')!.lrtStakers.map((s) => s.split(' ')[0])).toEqual(['rsETH', 'rswETH']);
    expect(l.operators.find((o) => o.name === 'lrt-d')!.lrtStakers.map((s) => s.split(' ')[0])).toEqual(['pufETH', 'weETH', 'rswETH']);
  });
});
