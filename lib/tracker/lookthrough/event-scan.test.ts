import { describe, expect, test } from 'vitest';
import { createClient, custom, getAddress, keccak256, numberToHex, pad, toHex, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { lrtStructureOf } from '../../restaking/lrt-structure';
import { eventScansSchema, scanEventStakers, updateEventScans, type EventScan, type EventsStructure } from './event-scan';

/**
 * The ether.fi node scan against a scripted JSON-RPC node: blocks with hashes, EtherFiNodeDeployed logs at given
 * blocks, a largest block range it accepts, and switches for failures. The topic is written out here
 * (keccak256 of the mainnet signature), not taken from the registry's ABI.
 */
const structure = lrtStructureOf('weETH') as EventsStructure;
const TOPIC = keccak256(toHex('EtherFiNodeDeployed(address)'));
const FROM = 23_500_000;
const node = (i: number): Address => getAddress(`0x${(0xefe00 + i).toString(16).padStart(40, '0')}`);

function fakeNode(opts: { head: number; logs: { block: number; node: Address }[]; maxRange?: number; salt?: string }) {
  const state = { ...opts, calls: [] as string[], failLogs: false, ranges: [] as [number, number][] };
  const hash = (n: number): Hex => keccak256(toHex(`${state.salt ?? 'main'}:${n}`));
  const block = (n: number) => ({
    number: numberToHex(n),
    hash: hash(n),
    parentHash: hash(n - 1),
    timestamp: '0x0',
    transactions: [],
  });
  const transport = custom(
    {
      request: async ({ method, params }: { method: string; params?: unknown }) => {
        state.calls.push(method);
        const p = params as unknown[];
        if (method === 'eth_getBlockByNumber') return block(p[0] === 'latest' ? state.head : Number(p[0]));
        if (method === 'eth_getLogs') {
          const f = p[0] as { address: Address; topics: Hex[]; fromBlock: Hex; toBlock: Hex };
          const [from, to] = [Number(f.fromBlock), Number(f.toBlock)];
          state.ranges.push([from, to]);
          if (state.failLogs) throw new Error('503 Service Unavailable');
          if (state.maxRange && to - from + 1 > state.maxRange) throw new Error(`query exceeds max block range ${state.maxRange}`);
          expect(f.address.toLowerCase()).toBe(structure.discovery.contract.toLowerCase());
          expect(f.topics[0]).toBe(TOPIC);
          return state.logs
            .filter((l) => l.block >= from && l.block <= to)
            .map((l, i) => ({
              address: structure.discovery.contract,
              topics: [TOPIC, pad(l.node)],
              data: '0x',
              blockNumber: numberToHex(l.block),
              blockHash: hash(l.block),
              transactionHash: keccak256(toHex(`tx:${l.block}:${i}`)),
              transactionIndex: '0x0',
              logIndex: numberToHex(i),
              removed: false,
            }));
        }
        throw new Error(`unexpected ${method}`);
      },
    },
    { retryCount: 0 },
  );
  return { state, client: createClient({ chain: mainnet, transport }) };
}

const run = (
  client: ReturnType<typeof fakeNode>['client'],
  previous?: EventScan,
  extra: Partial<Parameters<typeof scanEventStakers>[1]> = {},
) => scanEventStakers(client, { structure, chainId: 1, now: () => 1_000, ...(previous ? { previous } : {}), ...extra });

describe('EtherFiNodeDeployed scan', () => {
  test('from the structure’s fromBlock to the head in 50,000-block ranges; each node once, in log order', async () => {
    const { state, client } = fakeNode({
      head: FROM + 120_000,
      logs: [
        { block: FROM + 10, node: node(1) },
        { block: FROM + 60_000, node: node(2) },
        { block: FROM + 60_001, node: node(1) }, // backfill of a known node: no second entry
        { block: FROM + 119_999, node: node(3) },
      ],
    });
    const s = await run(client);
    expect(s).toMatchObject({ status: 'complete', stakers: [node(1), node(2), node(3)], scannedTo: String(FROM + 120_000) });
    expect(s.reason).toBeUndefined();
    expect(state.ranges).toEqual([
      [FROM, FROM + 49_999],
      [FROM + 50_000, FROM + 99_999],
      [FROM + 100_000, FROM + 120_000],
    ]);
    // Stored as JSON and read back through the schema.
    expect(eventScansSchema.parse(JSON.parse(JSON.stringify({ weETH: s })))).toEqual({ weETH: s });
  });

  test('a node that refuses a range gets halved ranges (the working range is kept for next time)', async () => {
    const { state, client } = fakeNode({ head: FROM + 30_000, logs: [{ block: FROM + 29_000, node: node(7) }], maxRange: 15_000 });
    const s = await run(client);
    expect(s).toMatchObject({ status: 'complete', stakers: [node(7)], range: '12500' });
    expect(state.ranges.slice(0, 3)).toEqual([
      [FROM, FROM + 30_000],
      [FROM, FROM + 24_999],
      [FROM, FROM + 12_499],
    ]);
  });

  test('at most maxRequests a run: partial with where it stopped, and the next run goes on from there', async () => {
    const { state, client } = fakeNode({
      head: FROM + 200_000,
      logs: [
        { block: FROM + 5, node: node(1) },
        { block: FROM + 190_000, node: node(2) },
      ],
    });
    const first = await run(client, undefined, { maxRequests: 3 });
    expect(first).toMatchObject({ status: 'partial', stakers: [node(1)], scannedTo: String(FROM + 99_999) });
    expect(first.reason).toMatch(/scanned to block 23599999 of 23700000/);
    expect(state.calls).toEqual(['eth_getBlockByNumber', 'eth_getLogs', 'eth_getLogs']);
    const second = await run(client, first, { maxRequests: 10 });
    expect(second).toMatchObject({ status: 'complete', stakers: [node(1), node(2)], scannedTo: String(FROM + 200_000) });
    expect(state.ranges.slice(-3)).toEqual([
      [FROM + 100_000, FROM + 149_999],
      [FROM + 150_000, FROM + 199_999],
      [FROM + 200_000, FROM + 200_000],
    ]);
  });

  test('an eth_getLogs error at the smallest range: partial with the reason, the nodes found so far kept', async () => {
    const { state, client } = fakeNode({ head: FROM + 100, logs: [{ block: FROM + 1, node: node(1) }] });
    const ok = await run(client);
    state.head = FROM + 200;
    state.logs.push({ block: FROM + 150, node: node(2) });
    state.failLogs = true;
    const failed = await run(client, ok, { minRange: 50_000n });
    expect(failed).toMatchObject({ status: 'partial', stakers: [node(1)], scannedTo: String(FROM + 100) });
    expect(failed.reason).toMatch(/eth_getLogs EtherFiNodeDeployed on 0x25e8.*blocks 23500101–23500200: .*503/);
    state.failLogs = false;
    expect(await run(client, failed)).toMatchObject({ status: 'complete', stakers: [node(1), node(2)] });
  });

  test('the block it stopped at has another hash now (reorg, or another chain behind chain id 1): the list starts over', async () => {
    const a = fakeNode({ head: FROM + 100, logs: [{ block: FROM + 1, node: node(1) }] });
    const s = await run(a.client);
    const b = fakeNode({ head: FROM + 150, logs: [{ block: FROM + 2, node: node(9) }], salt: 'other' });
    const again = await run(b.client, s);
    expect(again).toMatchObject({ status: 'complete', stakers: [node(9)] });
    expect(b.state.ranges[0]).toEqual([FROM, FROM + 150]);
  });

  test('a chain shorter than fromBlock (a devnet) is scanned from block 0', async () => {
    const { state, client } = fakeNode({ head: 300, logs: [{ block: 12, node: node(4) }] });
    expect(await run(client)).toMatchObject({ status: 'complete', stakers: [node(4)], fromBlock: '0', scannedTo: '300' });
    expect(state.ranges).toEqual([[0, 300]]);
  });

  test('updateEventScans: a complete scan is reused for 15 minutes; a partial one is retried at once; the head read failing keeps the list', async () => {
    const { state, client } = fakeNode({ head: FROM + 10, logs: [{ block: FROM + 1, node: node(1) }] });
    const t = { now: 0 };
    const first = await updateEventScans(client, { structures: [structure], chainId: 1, scans: {}, now: () => t.now });
    expect(first.weETH).toMatchObject({ status: 'complete', stakers: [node(1)] });
    const calls = state.calls.length;
    t.now = 14 * 60_000;
    expect(await updateEventScans(client, { structures: [structure], chainId: 1, scans: first, now: () => t.now })).toEqual(first);
    expect(state.calls.length).toBe(calls);
    t.now = 15 * 60_000;
    state.head = 'x' as unknown as number; // the node answers garbage for latest: the block read throws
    const broken = await updateEventScans(client, { structures: [structure], chainId: 1, scans: first, now: () => t.now });
    expect(broken.weETH).toMatchObject({ status: 'partial', stakers: [node(1)] });
    expect(broken.weETH!.reason).toMatch(/eth_getBlockByNumber\(latest\) failed/);
  });

  test('the stored schema refuses a damaged list (so storage falls back to an empty one and scans again)', () => {
    const good = {
      weETH: {
        chainId: 1,
        contract: node(0),
        fromBlock: '0',
        scannedTo: '-1',
        scannedToHash: null,
        stakers: [],
        status: 'partial',
        range: '50000',
        scannedAt: 1,
      },
    };
    expect(eventScansSchema.safeParse(good).success).toBe(true);
    for (const bad of [
      { ...good.weETH, stakers: ['0x12'] },
      { ...good.weETH, scannedTo: '12.5' },
      { ...good.weETH, status: 'done' },
      { ...good.weETH, scannedToHash: '0xabc' },
    ])
      expect(eventScansSchema.safeParse({ weETH: bad }).success).toBe(false);
  });
});
