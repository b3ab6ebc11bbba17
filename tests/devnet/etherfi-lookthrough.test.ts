import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, getAddress, http, parseAbi, parseAbiItem, parseEther, type Address, type Transport } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact } from './context';
import { expectLookThroughEquals, stakerReference, type StakerReference } from './lookthrough-reference';
import { list, oracleUpdate, parseSet, slash } from './scenarios';
import { LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from './seed/lrt';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { ETHERFI_NODES_MANAGER, ETHERFI_STAKING_MANAGER, lrtStructureOf } from '../../lib/restaking/lrt-structure';
import { countingTransport, createRequestCounter } from '../../lib/tracker/counting-transport';
import { eventStakersOf, scanEventStakers, type EventScan, type EventsStructure } from '../../lib/tracker/lookthrough/event-scan';
import { readLrtLookThrough, type LrtLookThroughView } from '../../lib/tracker/lookthrough/read-lookthrough';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore } from '../../lib/alerts';
import { checkLrtStructures } from '../smoke/check-lrt';

/**
 * ether.fi look-through (issue #15): the nodes come from the StakingManager's EtherFiNodeDeployed logs (a scan beside
 * the refresh), each node is an EigenLayer staker. Every figure is recomputed here from the doubles' raw state with
 * their own ABIs (contracts/out), node by node from the seed's list: value = the node's withdrawable stETH-strategy
 * shares → stETH (1 ETH each on the devnet), at risk in a set = value × magnitude / max magnitude; a weETH is one eETH
 * share, so the holder's part is balance / eETH.totalShares().
 */
let devnet: Devnet;
const WAD = 10n ** 18n;
const holder: Address = '0x00000000000000000000000000000000e7e7e7e7';
const NODES = LRT_DEVNET_STAKERS.filter((s) => s.lrt === 'weETH');
const structure = lrtStructureOf('weETH') as EventsStructure;
const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;

type Expected = StakerReference & { supply: bigint; fairRate: bigint };

async function independent(): Promise<Expected> {
  return {
    supply: await read<bigint>(TOKENS.eETH, 'EETH', 'totalShares'),
    fairRate: await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate'),
    ...(await stakerReference(devnet.ctx, NODES)),
  };
}

function compare(given: LrtLookThroughView | undefined, want: Expected) {
  const view = expectLookThroughEquals(given, want);
  if (!view) return;
  expect(view.coverage).toMatchObject({ stakersRead: NODES.length, stakersFound: NODES.length, scan: 'complete' });
}

const rpc = () => http(devnet.rpcUrl, { retryCount: 0 });
/** The devnet's RPC, except that eth_getLogs fails (a node that refuses or drops log queries). */
const noLogs =
  (inner: Transport): Transport =>
  (params) => {
    const t = inner(params);
    return {
      ...t,
      request: (async (args: { method: string }, options: unknown) => {
        if (args.method === 'eth_getLogs') throw new Error('injected: eth_getLogs refused');
        return (t.request as (a: unknown, o: unknown) => Promise<unknown>)(args, options);
      }) as typeof t.request,
    };
  };
const scan = (transport: Transport = rpc(), previous?: EventScan) =>
  scanEventStakers(createClient({ chain: mainnet, transport }), { structure, chainId: 1, ...(previous ? { previous } : {}) });
const nodesEth = async () => {
  let sum = 0n;
  for (const n of NODES) sum += await read<bigint>(n.staker, 'LrtStaker', 'getAssetBalance', [TOKENS.stETH]);
  return sum;
};

beforeAll(async () => {
  devnet = await startDevnet();
  // The holder: 40 ETH → eETH (LiquidityPool.deposit) → weETH (wrap).
  const c = devnet.ctx;
  await c.client.impersonateAccount({ address: holder });
  await c.client.setBalance({ address: holder, value: parseEther('50') });
  await c.write({
    address: PROTOCOL_CONTRACTS.etherfiLiquidityPool,
    abi: abi('EtherFiLiquidityPool'),
    functionName: 'deposit',
    value: parseEther('40'),
    from: holder,
  });
  const eeth = await read<bigint>(TOKENS.eETH, 'EETH', 'balanceOf', [holder]);
  await c.write({ address: TOKENS.eETH, abi: abi('EETH'), functionName: 'approve', args: [TOKENS.weETH, eeth], from: holder });
  await c.write({ address: TOKENS.weETH, abi: abi('WeETH'), functionName: 'wrap', args: [eeth], from: holder });
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('ether.fi look-through: EtherFiNodes from StakingManager logs on the devnet doubles', () => {
  test('the scan finds every node the doubles announced, the same list the raw logs give', async () => {
    const s = await scan();
    expect(s.status).toBe('complete');
    expect(s.reason).toBeUndefined();
    // Independently: the raw EtherFiNodeDeployed logs, decoded with the test's own signature.
    const logs = await devnet.ctx.client.getLogs({
      address: ETHERFI_STAKING_MANAGER,
      event: parseAbiItem('event EtherFiNodeDeployed(address indexed etheFiNode)'),
      fromBlock: 0n,
      toBlock: 'latest',
    });
    expect(logs.map((l) => l.args.etheFiNode)).toEqual(s.stakers);
    expect(s.stakers).toEqual(NODES.map((n) => n.staker));
    // Each node also has a validator linked by the EtherFiNodesManager (PubkeyLinked), pointing back at it.
    const linked = await devnet.ctx.client.getLogs({
      address: ETHERFI_NODES_MANAGER,
      event: parseAbiItem(
        'event PubkeyLinked(bytes32 indexed pubkeyHash, address indexed nodeAddress, uint256 indexed legacyId, bytes pubkey)',
      ),
      fromBlock: 0n,
      toBlock: 'latest',
    });
    expect(linked.map((l) => l.args.nodeAddress)).toEqual(s.stakers);
    for (const l of linked) {
      const node = await devnet.ctx.client.readContract({
        address: ETHERFI_NODES_MANAGER,
        abi: parseAbi(['function etherFiNodeFromPubkeyHash(bytes32) view returns (address)']),
        functionName: 'etherFiNodeFromPubkeyHash',
        args: [l.args.pubkeyHash!],
      });
      expect(node).toBe(l.args.nodeAddress);
    }
    // Up to date: the next scan asks from the block after and finds nothing new.
    const again = await scan(rpc(), s);
    expect(again).toMatchObject({ status: 'complete', stakers: s.stakers });
  });

  test('the smoke check (npm run smoke -- --rpc) finds the event, the nodes and the StakingManager on the doubles', async () => {
    const reports = await checkLrtStructures(devnet.ctx.client, await devnet.ctx.client.getBlockNumber({ cacheTime: 0 }));
    const w = reports.find((r) => r.symbol === 'weETH')!;
    expect(w, JSON.stringify(w.checks)).toMatchObject({ status: 'known', ok: true, stakers: NODES.slice(0, 2).map((n) => n.staker) });
    expect(w.checks.map((c) => c.what)).toEqual([
      'StakingManager code',
      'EtherFiNodesManager code',
      'EtherFiNodeDeployed logs / deployedEtherFiNodes / delegatedTo',
      `EtherFiNode ${NODES[0]!.staker} code`,
      `EtherFiNode ${NODES[1]!.staker} code`,
      'EtherFiNodesManager.stakingManager()',
    ]);
    expect(w.checks[2]!.detail).toMatch(/^3 EtherFiNodes to block \d+ \(complete\)$/);
  });

  test('exposure by operator and by set equals the raw-read computation; a 10-account refresh stays ≤ 3 requests', async () => {
    const eventStakers = eventStakersOf({ weETH: await scan() });
    const counter = createRequestCounter();
    const client = createClient({ chain: mainnet, transport: countingTransport(rpc(), counter) });
    const r = await readLrtLookThrough(client, { eventStakers });
    expect(r.rounds).toBe(3);
    expect(counter.count).toBe(3);
    compare(
      r.lrts.find((l) => l.symbol === 'weETH'),
      await independent(),
    );

    const accounts = [holder, ...Array.from({ length: 9 }, (_, i) => `0x${(0xacc0 + i).toString(16).padStart(40, '0')}` as Address)];
    const snap = await refreshPositions({ transport: rpc(), chain: mainnet, accounts, readers: defaultReaders(), eventStakers });
    console.info(`etherfi look-through: 10-account refresh ${snap.requestCount} requests`);
    expect(snap.requestCount).toBeLessThanOrEqual(3);
    const p = snap.positions.find((x) => x.family === 'token' && x.account === holder && x.asset === 'weETH')!;
    expect(p.details.lrtExposure).toBe('known');
    expect(p.details.lrtCoverage).toMatch(/^all 3 EtherFiNodes read; EtherFiNodeDeployed scanned to block \d+$/);
    const want = await independent();
    const balance = await read<bigint>(TOKENS.weETH, 'WeETH', 'balanceOf', [holder]);
    expect(BigInt(p.details.lrtTotalSupply!)).toBe(want.supply);
    // The holder's part of each operator's ETH: balance / eETH shares, floor.
    expect(new Map(p.slashing!.perOperator!.map((o) => [o.operator, o.restakedEth]))).toEqual(
      new Map([...want.byOperator].map(([op, eth]) => [op, (balance * eth) / want.supply])),
    );
    // lrt-c is shared with Renzo and Puffer: their look-through lists it too.
    for (const lrt of ['ezETH', 'pufETH']) {
      const v = r.lrts.find((l) => l.symbol === lrt);
      expect(v?.status === 'known' && v.exposure.byOperator.some((o) => o.operator === LRT_DEVNET_OPERATORS['lrt-c'])).toBe(true);
    }
  });

  test('slash lrt-c avs-y:1 0.5: estimated loss = balance / supply × protocol loss; the rate shows it only after the oracle report', async () => {
    const transport = rpc;
    const tracker = createTracker({
      chain: mainnet,
      getTransport: transport,
      getAccounts: () => [holder],
      store: createMemoryTrackerStore(),
    });
    const engine = createAlertsEngine({
      chain: mainnet,
      getTransport: transport,
      store: createMemoryAlertsStore(),
      notify: () => undefined,
      setBadge: () => undefined,
    });
    const cycle = async () => {
      const state = await tracker.refresh();
      expect(state.schedule.lastError).toBeNull();
      return (await engine.evaluate(state.snapshot!)).raised;
    };
    const base = await cycle();
    expect(base.filter((a) => a.data.lrt === 'weETH')).toEqual([]);
    const rate0 = await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');
    const eth0 = await nodesEth();

    const out = (await slash(devnet.ctx, 'lrt-c', '0.5', parseSet('avs-y:1'))) as { wadSlashed: string[] };
    // 40 % allocated to avs-y:1, half of it slashed: 20 % of lrt-c's stake.
    expect(out.wadSlashed).toEqual([String((20n * WAD) / 100n)]);
    const protocolLoss = eth0 - (await nodesEth());
    expect(protocolLoss).toBeGreaterThan(0n);
    // Stored: the rate has not moved yet.
    expect(await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate')).toBe(rate0);
    const raised = await cycle();
    const alert = raised.find((a) => a.data.lrt === 'weETH' && a.id.startsWith('slash-lrt:'));
    expect(alert, 'weETH slash alert').toBeDefined();
    const estimate = BigInt(alert!.data.lossWei!);
    const balance = await read<bigint>(TOKENS.weETH, 'WeETH', 'balanceOf', [holder]);
    const shares = await read<bigint>(TOKENS.eETH, 'EETH', 'totalShares');
    const own = (balance * protocolLoss) / shares;
    // Floors per node and for the holder's share, and the alert rounds up: a few wei.
    expect(estimate - own <= 3n && own - estimate <= 3n, `estimate ${estimate} vs ${own}`).toBe(true);

    const report = (await oracleUpdate(devnet.ctx, 'weETH')) as { totalPooledEther: { before: string; after: string } };
    expect(BigInt(report.totalPooledEther.before) - BigInt(report.totalPooledEther.after)).toBe(protocolLoss);
    const rate1 = await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');
    expect(rate1).toBeLessThan(rate0);
    const real = (balance * (rate0 - rate1)) / WAD;
    const rel = Math.abs(Number(estimate - real)) / Number(real);
    console.info('etherfi risk truth', { estimate: String(estimate), real: String(real), rel });
    expect(rel).toBeLessThanOrEqual(1e-9);
    // After the slash the look-through still equals the raw reads.
    const r = await readLrtLookThrough(createClient({ chain: mainnet, transport: rpc() }), {
      eventStakers: eventStakersOf({ weETH: await scan() }),
    });
    compare(
      r.lrts.find((l) => l.symbol === 'weETH'),
      await independent(),
    );
  });

  test('a scan that meets an RPC error is partial with the reason: no node yet → unknown; found nodes kept → known, marked partial', async () => {
    const failed = await scan(noLogs(rpc()));
    expect(failed).toMatchObject({
      status: 'partial',
      stakers: [],
      reason: expect.stringMatching(/eth_getLogs EtherFiNodeDeployed.*injected: eth_getLogs refused/),
    });
    const client = createClient({ chain: mainnet, transport: rpc() });
    const none = await readLrtLookThrough(client, { eventStakers: eventStakersOf({ weETH: failed }), symbols: ['weETH'] });
    expect(none.lrts[0]).toMatchObject({
      status: 'unknown',
      reason: expect.stringMatching(/scan stopped before any EtherFiNode.*injected/),
    });

    // A complete list, then a new node, then a scan that fails: the list found so far stays, flagged partial.
    const complete = await scan();
    await devnet.ctx.write({
      address: ETHERFI_STAKING_MANAGER,
      abi: abi('EtherFiStakingManagerDouble'),
      functionName: 'registerEtherFiNode',
      args: ['0x000000000000000000000000000000000000e7f4'],
    });
    const kept = await scan(noLogs(rpc()), complete);
    expect(kept).toMatchObject({ status: 'partial', stakers: complete.stakers, scannedTo: complete.scannedTo });
    const some = await readLrtLookThrough(client, { eventStakers: eventStakersOf({ weETH: kept }), symbols: ['weETH'] });
    const v = some.lrts[0]!;
    expect(v.status).toBe('known');
    if (v.status === 'known') expect(v.coverage?.note).toMatch(/scan is partial.*injected/);
    // The next good scan picks the new node up.
    const next = await scan(rpc(), kept);
    expect(next.status).toBe('complete');
    expect(next.stakers).toEqual([...complete.stakers, getAddress('0x000000000000000000000000000000000000e7f4')]);
  });

  test('the scenario CLI lists the ether.fi nodes under their operators', () => {
    const l = list() as { operators: { name: string; lrtStakers: string[] }[] };
    const c = l.operators.find((o) => o.name === 'lrt-c')!;
    expect(c.lrtStakers.map((s) => s.split(' ')[0])).toEqual(['ezETH', 'pufETH', 'weETH', 'weETH']);
    const d = l.operators.find((o) => o.name === 'lrt-d')!;
    expect(d.lrtStakers.map((s) => s.split(' ')[0])).toEqual(['pufETH', 'weETH', 'rswETH']);
  });
});
