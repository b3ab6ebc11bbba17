import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, http, parseEther, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact } from './context';
import { advance, oracleUpdate, parseSet, slash } from './scenarios';
import { LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from './seed/lrt';
import { expectExposureEquals, stakerReference } from './lookthrough-reference';
import { EIGEN_STRATEGIES, EIGENLAYER, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { lrtStructureOf } from '../../lib/restaking/lrt-structure';
import { countingTransport, createRequestCounter } from '../../lib/tracker/counting-transport';
import { eventStakersOf, scanEventStakers, type EventsStructure } from '../../lib/tracker/lookthrough/event-scan';
import { readLrtLookThrough, type LrtLookThroughView } from '../../lib/tracker/lookthrough/read-lookthrough';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore } from '../../lib/alerts';

/**
 * ether.fi nodes' queued withdrawals (issue #15, reference §6 step 4): shares a node queued stay slashable until the
 * withdrawal is completable (startBlock + minWithdrawalDelayBlocks), so they count in the ETH at risk until then. The
 * expected figures are recomputed here position by position from the doubles' raw reads: each node's withdrawable
 * shares and each of its queued withdrawals (getQueuedWithdrawals, still inside the delay), → stETH, × magnitude / max.
 */
let devnet: Devnet;
const WAD = 10n ** 18n;
const holder: Address = '0x00000000000000000000000000000000e7e7a0e0';
const NODES = LRT_DEVNET_STAKERS.filter((s) => s.lrt === 'weETH');
const QUEUER = NODES[0]!; // lrt-c, 1200 ETH
const structure = lrtStructureOf('weETH') as EventsStructure;
const strategy = EIGEN_STRATEGIES.stETH;
const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
const rpc = () => http(devnet.rpcUrl, { retryCount: 0 });
const eventStakers = async () =>
  eventStakersOf({ weETH: await scanEventStakers(createClient({ chain: mainnet, transport: rpc() }), { structure, chainId: 1 }) });

type Withdrawal = { delegatedTo: Address; startBlock: number; strategies: readonly Address[] };
/** The test's own computation from raw reads, queued withdrawals still inside the delay at `block` included. */
const independent = (block: bigint) => stakerReference(devnet.ctx, NODES, { queuedAt: block });
const compare = expectExposureEquals;

const lookThrough = async () => {
  const counter = createRequestCounter();
  const r = await readLrtLookThrough(createClient({ chain: mainnet, transport: countingTransport(rpc(), counter) }), {
    eventStakers: await eventStakers(),
    symbols: ['weETH'],
  });
  expect(counter.count).toBe(3);
  return r;
};

beforeAll(async () => {
  devnet = await startDevnet();
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

describe('ether.fi look-through counts the nodes’ queued withdrawals while they are slashable', () => {
  test('a node queues half its shares: its ETH and the ETH at risk stay counted, equal to the raw-read computation', async () => {
    const before = await lookThrough();
    const [, [deposit]] = await read<[bigint[], bigint[]]>(
      EIGENLAYER.delegationManager,
      'EigenDelegationManager',
      'getWithdrawableShares',
      [QUEUER.staker, [strategy]],
    );
    await devnet.ctx.write({ address: QUEUER.staker, abi: abi('LrtStaker'), functionName: 'queueWithdrawal', args: [deposit! / 2n] });
    const r = await lookThrough();
    const want = await independent(r.blockNumber);
    expect(want.queuedCounted).toBe(1);
    compare(r.lrts[0], want);
    // Nothing left EigenLayer's slashing reach: lrt-c's ETH is what it was before the queue, to a wei or two of rounding.
    const c = (v: LrtLookThroughView | undefined) =>
      v?.status === 'known' ? v.exposure.byOperator.find((o) => o.operator === LRT_DEVNET_OPERATORS['lrt-c'])!.restakedEth : -1n;
    const drift = c(before.lrts[0]) - c(r.lrts[0]);
    expect(drift >= 0n && drift <= 2n, `drift ${drift}`).toBe(true);

    const accounts = [holder, ...Array.from({ length: 9 }, (_, i) => `0x${(0xacc0 + i).toString(16).padStart(40, '0')}` as Address)];
    const snap = await refreshPositions({
      transport: rpc(),
      chain: mainnet,
      accounts,
      readers: defaultReaders(),
      eventStakers: await eventStakers(),
    });
    expect(snap.requestCount).toBeLessThanOrEqual(3);
  });

  test('slash lrt-c avs-y:1 0.5 during the delay reaches the queued shares: the estimate matches the rate after the report', async () => {
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
    await cycle();
    const nodesEth = async () => {
      let sum = 0n;
      for (const n of NODES) sum += await read<bigint>(n.staker, 'LrtStaker', 'getAssetBalance', [TOKENS.stETH]);
      return sum;
    };
    const queuedShares = async () =>
      (
        await read<[Withdrawal[], bigint[][]]>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'getQueuedWithdrawals', [
          QUEUER.staker,
        ])
      )[1][0]![0]!;
    const [rate0, eth0, q0] = [await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate'), await nodesEth(), await queuedShares()];
    await slash(devnet.ctx, 'lrt-c', '0.5', parseSet('avs-y:1'));
    // 20 % of lrt-c's magnitude is gone: the queued shares too.
    expect(await queuedShares()).toBe(q0 - (q0 * 20n) / 100n);
    const protocolLoss = eth0 - (await nodesEth());
    const alert = (await cycle()).find((a) => a.data.lrt === 'weETH' && a.id.startsWith('slash-lrt:'));
    expect(alert, 'weETH slash alert').toBeDefined();
    const estimate = BigInt(alert!.data.lossWei!);
    await oracleUpdate(devnet.ctx, 'weETH');
    const rate1 = await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');
    const balance = await read<bigint>(TOKENS.weETH, 'WeETH', 'balanceOf', [holder]);
    const real = (balance * (rate0 - rate1)) / WAD;
    const own = (balance * protocolLoss) / (await read<bigint>(TOKENS.eETH, 'EETH', 'totalShares'));
    const rel = Math.abs(Number(estimate - real)) / Number(real);
    console.info('etherfi queued risk truth', { estimate: String(estimate), own: String(own), real: String(real), rel });
    expect(rel).toBeLessThanOrEqual(1e-9);
    const r = await lookThrough();
    compare(r.lrts[0], await independent(r.blockNumber));
  });

  test('once completable, the queued withdrawal is no longer at risk and leaves the look-through', async () => {
    await advance(devnet.ctx, '60');
    const r = await lookThrough();
    const want = await independent(r.blockNumber);
    expect(want.queuedCounted).toBe(0);
    compare(r.lrts[0], want);
  });
});
