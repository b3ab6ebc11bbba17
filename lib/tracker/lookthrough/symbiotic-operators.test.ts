import { describe, expect, test } from 'vitest';
import {
  createClient,
  custom,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionResult,
  getAddress,
  keccak256,
  numberToHex,
  pad,
  parseAbi,
  toHex,
  type Address,
  type Hex,
} from 'viem';
import { mainnet } from 'viem/chains';
import {
  scanSymbioticOperators,
  symbioticOperatorScansSchema,
  symbioticOperatorsOf,
  updateSymbioticOperatorScans,
} from './symbiotic-operators';

/**
 * The Symbiotic operator scan against a scripted JSON-RPC node: the vault answers delegator(), the delegator TYPE()
 * and operator(), and SetOperatorNetworkShares logs sit at given blocks. The event topic is written out here from
 * Symbiotic's signature, not taken from the project's ABI.
 */
const ABI = parseAbi([
  'function delegator() view returns (address)',
  'function TYPE() view returns (uint64)',
  'function operator() view returns (address)',
]);
const TOPIC = keccak256(toHex('SetOperatorNetworkShares(bytes32,address,uint256)'));
const LIMIT_TOPIC = keccak256(toHex('SetOperatorNetworkLimit(bytes32,address,uint256)'));
const vault = getAddress('0x5b10000000000000000000000000000000000001');
const delegator = getAddress('0x5b10de1e00000000000000000000000000000001');
// A second vault, its delegator FullRestake (type 1): it announces operators with SetOperatorNetworkLimit.
const vault2 = getAddress('0x5b10000000000000000000000000000000000002');
const delegator2 = getAddress('0x5b10de1e00000000000000000000000000000002');
const op = (i: number): Address => getAddress(`0x${(0x0e7a00 + i).toString(16).padStart(40, '0')}`);
const sub = (i: number): Hex => pad(toHex(BigInt(0x3300 + i) << 96n), { size: 32 });

type FakeLog = { block: number; sub: Hex; operator: Address; from?: Address; topic?: Hex };

function fakeNode(opts: { head: number; type: number; logs: FakeLog[] }) {
  const state = { ...opts, calls: [] as string[], filters: [] as { address: unknown; topics: unknown }[], failLogs: false, salt: 'main' };
  const hash = (n: number): Hex => keccak256(toHex(`${state.salt}:${n}`));
  const block = (n: number) => ({ number: numberToHex(n), hash: hash(n), parentHash: hash(n - 1), timestamp: '0x0', transactions: [] });
  const transport = custom(
    {
      request: async ({ method, params }: { method: string; params?: unknown }) => {
        state.calls.push(method);
        const p = params as unknown[];
        if (method === 'eth_getBlockByNumber') return block(p[0] === 'latest' ? state.head : Number(p[0]));
        if (method === 'eth_call') {
          const { to, data } = p[0] as { to: Address; data: Hex };
          const { functionName } = decodeFunctionData({ abi: ABI, data });
          if (functionName === 'delegator' && getAddress(to) === vault)
            return encodeFunctionResult({ abi: ABI, functionName, result: delegator });
          if (functionName === 'delegator' && getAddress(to) === vault2)
            return encodeFunctionResult({ abi: ABI, functionName, result: delegator2 });
          if (functionName === 'TYPE')
            return encodeFunctionResult({ abi: ABI, functionName, result: getAddress(to) === delegator2 ? 1n : BigInt(state.type) });
          if (functionName === 'operator') return encodeFunctionResult({ abi: ABI, functionName, result: op(9) });
          throw new Error(`unexpected call ${functionName}`);
        }
        if (method === 'eth_getLogs') {
          if (state.failLogs) throw new Error('503 Service Unavailable');
          const f = p[0] as { address: Address | Address[]; topics: (Hex | Hex[])[]; fromBlock: Hex; toBlock: Hex };
          state.filters.push({ address: f.address, topics: f.topics[0] });
          // As a node filters: the addresses and first topics asked for (one or a list).
          const addresses = [f.address].flat().map((a) => getAddress(a));
          const topics = [f.topics[0]!].flat();
          const [from, to] = [Number(f.fromBlock), Number(f.toBlock)];
          return state.logs
            .filter((l) => l.block >= from && l.block <= to)
            .filter((l) => addresses.includes(l.from ?? delegator) && topics.includes(l.topic ?? TOPIC))
            .map((l, i) => ({
              address: l.from ?? delegator,
              topics: [l.topic ?? TOPIC, l.sub, pad(l.operator)],
              data: encodeAbiParameters([{ type: 'uint256' }], [10n]),
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

describe('scanSymbioticOperators', () => {
  test('NetworkRestake: each (subnetwork, operator) once, in order; goes on from the block it reached; survives the stored schema', async () => {
    const logs = [
      { block: 3, sub: sub(1), operator: op(1) },
      { block: 4, sub: sub(1), operator: op(2) },
      { block: 4, sub: sub(1), operator: op(1) },
      { block: 9, sub: sub(2), operator: op(1) },
    ];
    const { state, client } = fakeNode({ head: 10, type: 0, logs });
    const first = await scanSymbioticOperators(client, { vault, chainId: 1 });
    expect(first).toMatchObject({ status: 'complete', delegator, delegatorType: 0, scannedTo: '10' });
    expect(first.pairs).toEqual([
      { subnetwork: sub(1), operator: op(1) },
      { subnetwork: sub(1), operator: op(2) },
      { subnetwork: sub(2), operator: op(1) },
    ]);
    state.logs.push({ block: 12, sub: sub(3), operator: op(3) });
    state.head = 12;
    state.calls = [];
    const next = await scanSymbioticOperators(client, { vault, chainId: 1, previous: first });
    expect(next.pairs.at(-1)).toEqual({ subnetwork: sub(3), operator: op(3) });
    expect(next.pairs).toHaveLength(4);
    // head, delegator, TYPE, the stored block's hash, one getLogs from block 11.
    expect(state.calls).toEqual(['eth_getBlockByNumber', 'eth_call', 'eth_call', 'eth_getBlockByNumber', 'eth_getLogs']);
    const stored = symbioticOperatorScansSchema.parse(JSON.parse(JSON.stringify({ [vault]: next })));
    expect(symbioticOperatorsOf(stored).get(vault.toLowerCase())).toEqual({ delegator, pairs: next.pairs, status: 'complete' });
  });

  test('another chain behind the same id (the stored hash differs) starts over; a getLogs failure is partial and keeps the list', async () => {
    const { state, client } = fakeNode({ head: 10, type: 0, logs: [{ block: 3, sub: sub(1), operator: op(1) }] });
    const first = await scanSymbioticOperators(client, { vault, chainId: 1 });
    state.salt = 'other';
    state.logs = [{ block: 5, sub: sub(2), operator: op(2) }];
    const again = await scanSymbioticOperators(client, { vault, chainId: 1, previous: first });
    expect(again.pairs).toEqual([{ subnetwork: sub(2), operator: op(2) }]);
    state.head = 20;
    state.failLogs = true;
    const failed = await scanSymbioticOperators(client, { vault, chainId: 1, previous: again, minRange: 50_000n });
    expect(failed).toMatchObject({ status: 'partial', pairs: again.pairs });
    expect(failed.reason).toMatch(/eth_getLogs SetOperatorNetworkShares on .*503/);
  });

  test('OperatorSpecific: its operator() in every listed network, no log scan; another type is partial with the reason', async () => {
    const { state, client } = fakeNode({ head: 10, type: 2, logs: [] });
    const specific = await scanSymbioticOperators(client, { vault, chainId: 1 });
    expect(specific.status).toBe('complete');
    expect(new Set(specific.pairs.map((p) => p.operator))).toEqual(new Set([op(9)]));
    expect(specific.pairs.length).toBeGreaterThan(1);
    expect(state.calls).not.toContain('eth_getLogs');
    state.type = 3;
    const other = await scanSymbioticOperators(client, { vault, chainId: 1 });
    expect(other).toMatchObject({ status: 'partial', pairs: [] });
    expect(other.reason).toMatch(/type 3, which Ballast does not split by operator/);
  });

  test('updateSymbioticOperatorScans: a complete scan is reused within the interval, scanned again after it', async () => {
    const { state, client } = fakeNode({ head: 10, type: 0, logs: [] });
    const t = { now: 1_000 };
    const first = await updateSymbioticOperatorScans(client, { vaults: [vault, vault], chainId: 1, scans: {}, now: () => t.now });
    const calls = state.calls.length;
    expect(await updateSymbioticOperatorScans(client, { vaults: [vault], chainId: 1, scans: first, now: () => t.now })).toEqual(first);
    expect(state.calls.length).toBe(calls);
    t.now += 15 * 60_000;
    await updateSymbioticOperatorScans(client, { vaults: [vault], chainId: 1, scans: first, now: () => t.now });
    expect(state.calls.length).toBeGreaterThan(calls);
  });

  test('updateSymbioticOperatorScans: vaults at the same cursor share each eth_getLogs; each log goes to its own vault', async () => {
    const logs: FakeLog[] = [
      { block: 3, sub: sub(1), operator: op(1) },
      { block: 4, sub: sub(1), operator: op(2), from: delegator2, topic: LIMIT_TOPIC },
      // A FullRestake delegator's event from the NetworkRestake delegator (and the reverse): not how they announce operators.
      { block: 5, sub: sub(2), operator: op(3), topic: LIMIT_TOPIC },
      { block: 6, sub: sub(2), operator: op(4), from: delegator2 },
    ];
    const { state, client } = fakeNode({ head: 10, type: 0, logs });
    const scans = await updateSymbioticOperatorScans(client, { vaults: [vault, vault2], chainId: 1, scans: {} });
    expect(scans[vault]).toMatchObject({ status: 'complete', delegator, delegatorType: 0, scannedTo: '10' });
    expect(scans[vault2]).toMatchObject({ status: 'complete', delegator: delegator2, delegatorType: 1, scannedTo: '10' });
    expect(scans[vault]!.pairs).toEqual([{ subnetwork: sub(1), operator: op(1) }]);
    expect(scans[vault2]!.pairs).toEqual([{ subnetwork: sub(1), operator: op(2) }]);
    // One range (10 blocks < 50,000): one eth_getLogs for both delegators and both events.
    expect(state.calls.filter((m) => m === 'eth_getLogs')).toHaveLength(1);
    const filter = state.filters[0] as { address: Address[]; topics: Hex[] };
    expect(filter.address.map((a) => getAddress(a))).toEqual([delegator, delegator2]);
    expect([...filter.topics].sort()).toEqual([TOPIC, LIMIT_TOPIC].sort());

    // Next run, both stored at block 10 with its hash: the hash is read once, then one eth_getLogs from block 11.
    state.logs.push({ block: 12, sub: sub(3), operator: op(5), from: delegator2, topic: LIMIT_TOPIC });
    state.head = 12;
    state.calls = [];
    const next = await updateSymbioticOperatorScans(client, {
      vaults: [vault, vault2],
      chainId: 1,
      scans,
      now: () => Date.now() + 3_600_000,
    });
    expect(next[vault2]!.pairs.at(-1)).toEqual({ subnetwork: sub(3), operator: op(5) });
    expect(next[vault]!.pairs).toEqual(scans[vault]!.pairs);
    expect(state.calls).toEqual([
      'eth_getBlockByNumber', // head
      'eth_call',
      'eth_call',
      'eth_getBlockByNumber', // block 10's hash, once for both
      'eth_call',
      'eth_call',
      'eth_getLogs',
    ]);
  });
});
