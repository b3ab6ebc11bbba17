import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, encodeFunctionData, http, maxUint256, parseAbi, parseEther, toHex, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { createMemoryFlowStore } from '../../lib/flows';
import { planWithdraw } from '../../lib/flows/withdraw';
import { PROTOCOL_CONTRACTS as P, TOKENS } from '../../lib/restaking/addresses';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createQueueIdsLink } from '../../lib/tracker/queue-ids/link';
import type { IdQueue } from '../../lib/tracker/queue-ids/queues';
import { createQueueIdsService } from '../../lib/tracker/queue-ids/service';
import { createMemoryItem, createQueueIdsStore } from '../../lib/tracker/queue-ids/store';
import { etherfiWithdrawalsReader, mantleWithdrawalsReader, pufferWithdrawalsReader } from '../../lib/tracker/readers';
import { createTracker } from '../../lib/tracker/tracker';
import type { Position } from '../../lib/tracker/types';
import { startFaultProxy, type FaultProxy } from '../fault/proxy';
import { useFlowsDevnet } from './flows-fixture';
import { finalize } from './scenarios';

// Issue #16: requests older than the readers' 64-id window are found through known ids — from the flow's own
// receipt, or from the log search for a request made by a plain contract call. Every expected figure is a raw
// view of the doubles read with this file's own ABI (not the registry's).
const raw = parseAbi([
  'function approve(address, uint256) returns (bool)',
  'function deposit() payable returns (uint256)',
  'function depositETH(address) payable returns (uint256)',
  'function stake(uint256) payable',
  'function requestWithdraw(address recipient, uint256 amount) returns (uint256)',
  'function requestWithdrawal(uint128 pufETHAmount, address recipient)',
  'function unstakeRequest(uint128 methAmount, uint128 minETHAmount) returns (uint256)',
  'function nextRequestId() view returns (uint256)',
  'function getWithdrawalsLength() view returns (uint256)',
  'struct WithdrawRequest { uint96 amountOfEEth; uint96 shareOfEEth; bool isValid; uint32 feeGwei; }',
  'function getRequest(uint256) view returns (WithdrawRequest)',
  'struct Withdrawal { uint128 pufETHAmount; uint128 pufETHToETHExchangeRate; address recipient; }',
  'function getWithdrawal(uint256) view returns (Withdrawal)',
  'struct UnstakeRequest { uint64 blockNumber; address requester; uint128 id; uint128 mETHLocked; uint128 ethRequested; uint128 cumulativeETHRequested; }',
  'function requestByID(uint256) view returns (UnstakeRequest)',
  'function ownerOf(uint256) view returns (address)',
  'function claimWithdraw(uint256)',
]);
const SPAM = 72;

const fx = useFlowsDevnet({ userLabel: 'ballast-queue-ids' });
const read = <T>(address: Address, functionName: string, args: unknown[] = []) =>
  fx.client().readContract({ address, abi: raw, functionName, args } as never) as Promise<T>;
const write = (address: Address, functionName: string, args: unknown[], from: Address, value?: bigint) =>
  fx.devnet().ctx.write({ address, abi: raw, functionName, args, from, ...(value ? { value } : {}) } as never);

type Case = {
  queue: IdQueue;
  family: Position['family'];
  symbol: 'eETH' | 'pufETH' | 'mETH';
  /** Mint tokens to an account through the protocol's own deposit. */
  mint(user: Address): Promise<unknown>;
  /** Allow the request entry point to pull the token. */
  approve(user: Address): Promise<unknown>;
  /** The request as a plain contract call (calldata for eth_sendTransaction). */
  request: { to: Address; fn: string; args: (user: Address, amount: bigint) => unknown[] };
  /** The id the next request gets. */
  nextId(): Promise<bigint>;
  /** The queue's raw figure for the locked amount of a request. */
  locked(id: bigint): Promise<bigint>;
};

const cases: Case[] = [
  {
    queue: 'etherfi',
    family: 'etherfi-withdrawal',
    symbol: 'eETH',
    mint: (u) => write(P.etherfiLiquidityPool, 'deposit', [], u, parseEther('10')),
    approve: (u) => write(TOKENS.eETH, 'approve', [P.etherfiLiquidityPool, maxUint256], u),
    request: { to: P.etherfiLiquidityPool, fn: 'requestWithdraw', args: (u, amount) => [u, amount] },
    nextId: () => read<bigint>(P.etherfiWithdrawRequestNFT, 'nextRequestId'),
    locked: async (id) => (await read<{ amountOfEEth: bigint }>(P.etherfiWithdrawRequestNFT, 'getRequest', [id])).amountOfEEth,
  },
  {
    queue: 'puffer',
    family: 'puffer-withdrawal',
    symbol: 'pufETH',
    mint: (u) => write(TOKENS.pufETH, 'depositETH', [u], u, parseEther('10')),
    approve: (u) => write(TOKENS.pufETH, 'approve', [P.pufferWithdrawalManager, maxUint256], u),
    request: { to: P.pufferWithdrawalManager, fn: 'requestWithdrawal', args: (u, amount) => [amount, u] },
    nextId: () => read<bigint>(P.pufferWithdrawalManager, 'getWithdrawalsLength'),
    locked: async (id) => (await read<{ pufETHAmount: bigint }>(P.pufferWithdrawalManager, 'getWithdrawal', [id])).pufETHAmount,
  },
  {
    queue: 'mantle',
    family: 'mantle-withdrawal',
    symbol: 'mETH',
    mint: (u) => write(P.mantleStaking, 'stake', [0n], u, parseEther('10')),
    approve: (u) => write(TOKENS.mETH, 'approve', [P.mantleStaking, maxUint256], u),
    request: { to: P.mantleStaking, fn: 'unstakeRequest', args: (_u, amount) => [amount, 0n] },
    nextId: () => read<bigint>(P.mantleUnstakeRequestsManager, 'nextRequestId'),
    locked: async (id) => (await read<{ mETHLocked: bigint }>(P.mantleUnstakeRequestsManager, 'requestByID', [id])).mETHLocked,
  },
];

let spammer: Address;
let others: Address[];
const requestCounts: number[] = [];

beforeAll(async () => {
  spammer = await fx.freshUser();
  others = await Promise.all(Array.from({ length: 7 }, (_, i) => `0x${(0xb0b0 + i).toString(16).padStart(40, '0')}` as Address));
}, 60_000);
afterAll(() => {
  // The known ids add reads to phases 2 and 3 of the same batches, never a round trip: ≤ 3 requests for 10 accounts.
  console.info(`queue-ids: ${requestCounts.length} refreshes of 10 accounts, JSON-RPC requests max ${Math.max(...requestCounts)}`);
  expect(requestCounts.length).toBeGreaterThanOrEqual(cases.length * 3);
  expect(Math.max(...requestCounts)).toBeLessThanOrEqual(3);
});

/** `count` requests of `amount` by `from`, sent with automine off and mined in blocks of 24 (one eth_sendTransaction each). */
async function spam(c: Case, from: Address, count: number, amount: bigint): Promise<void> {
  const client = fx.client();
  const data = encodeFunctionData({ abi: raw, functionName: c.request.fn, args: c.request.args(from, amount) } as never);
  let nonce = await client.getTransactionCount({ address: from });
  await client.setAutomine(false);
  try {
    for (let sent = 0; sent < count;) {
      const hashes: Hex[] = [];
      for (let i = 0; i < 24 && sent < count; i++, sent++)
        hashes.push(
          (await client.request({
            method: 'eth_sendTransaction',
            params: [{ from, to: c.request.to, data, gas: toHex(400_000n), nonce: toHex(nonce++) }],
          } as never)) as Hex,
        );
      await client.mine({ blocks: 1 });
      for (const hash of hashes) expect((await client.getTransactionReceipt({ hash })).status).toBe('success');
    }
  } finally {
    await client.setAutomine(true);
  }
}

function setup(chunk = 64n) {
  const store = createQueueIdsStore(createMemoryItem());
  const service = createQueueIdsService({ store, chunk });
  const link = createQueueIdsLink();
  return { store, service, link };
}

function trackerFor(q: ReturnType<typeof setup>, accounts: Address[], rpcUrl = fx.devnet().rpcUrl) {
  return createTracker({
    chain: mainnet,
    getTransport: () => http(rpcUrl, { retryCount: 0 }),
    getAccounts: () => accounts,
    store: createMemoryTrackerStore(),
    readers: [
      etherfiWithdrawalsReader(q.link.optionsFor('etherfi')),
      pufferWithdrawalsReader(q.link.optionsFor('puffer')),
      mantleWithdrawalsReader(q.link.optionsFor('mantle')),
    ],
    queueIds: { service: q.service, link: q.link },
  });
}

async function positions(tracker: ReturnType<typeof trackerFor>, family: Position['family']): Promise<Position[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  requestCounts.push(state.snapshot!.requestCount);
  return state.snapshot!.positions.filter((p) => p.family === family);
}
const requestsOf = (ps: Position[], account: Address) => ps.filter((p) => p.account === account && p.details.requestId !== undefined);

describe.each(cases)('$queue: a request older than the last 64 ids stays tracked', (c) => {
  it(`found from the flow's receipt (ours) and from the log search only (a direct call), amounts = the queue's raw view`, async () => {
    const ours = await fx.freshUser();
    const direct = await fx.freshUser();
    await Promise.all([c.mint(ours), c.mint(direct), c.mint(spammer)]);
    const q = setup();

    // 1. Ours through the one-click flow: its mined request step's receipt names the id.
    const ourId = await c.nextId();
    const preview = await planWithdraw(fx.planDeps(), {
      from: ours,
      intent: { kind: 'request', symbol: c.symbol, amount: parseEther('1.5') },
    });
    expect(preview.status).toBe('ok');
    const recorded: Promise<unknown>[] = [];
    const executor = fx.executorOn(createMemoryFlowStore(), {
      onStepMined: (state, index) => {
        if (index === state.steps.length - 1) recorded.push(q.service.recordReceipt(fx.client(), 1, state.steps[index]!.hash as Hex));
      },
    });
    expect((await executor.run((await executor.start(preview)).id)).status).toBe('done');
    const [fromReceipt] = (await Promise.all(recorded)) as { id: bigint; account: Address }[][];
    expect(fromReceipt).toEqual([{ queue: c.queue, account: ours, id: ourId }]);

    // 2. A direct contract call, Ballast not involved, then 72 requests by someone else.
    await c.approve(direct);
    const directId = await c.nextId();
    await spam(c, direct, 1, parseEther('0.7'));
    await c.approve(spammer);
    await spam(c, spammer, SPAM, parseEther('0.05'));
    expect((await c.nextId()) - directId).toBeGreaterThan(64n + 1n);

    const accounts = [ours, direct, spammer, ...others];
    expect(accounts).toHaveLength(10);
    const tracker = trackerFor(q, accounts);
    let ps = await positions(tracker, c.family);
    // Ours from its receipt; the direct one is outside the window and not yet known: not listed (the limit this fixes).
    expect(requestsOf(ps, ours).map((p) => p.details.requestId)).toEqual([String(ourId)]);
    expect(requestsOf(ps, ours)[0]!.amount).toBe(await c.locked(ourId));
    expect(requestsOf(ps, direct)).toEqual([]);
    // The spammer's newest 64 ids are in the window (Puffer's first batch is a stub, so ids from 10 on).
    expect(requestsOf(ps, spammer).length).toBe(64);

    // 3. The log search (outside the refresh), 64 blocks per eth_getLogs call, from the head back to block 0.
    const head = await fx.client().getBlockNumber({ cacheTime: 0 });
    const calls = await q.service.search(fx.client(), 1, [{ account: direct, queue: c.queue }], 100);
    expect(calls).toBe(Number(head / 64n) + 1);
    const searched = (await q.service.view(1)).search(c.queue, direct)!;
    expect(searched).toMatchObject({ status: 'complete', low: 0n, high: head, floor: 0n });
    expect((await q.service.view(1)).known(c.queue, direct)).toEqual([directId]);

    ps = await positions(tracker, c.family);
    const found = requestsOf(ps, direct);
    expect(found.map((p) => p.details.requestId)).toEqual([String(directId)]);
    expect(found[0]!.amount).toBe(await c.locked(directId));
    expect(found[0]!.amount).toBe(parseEther('0.7'));
    expect(requestsOf(ps, ours).map((p) => [p.details.requestId, p.amount])).toEqual([[String(ourId), await c.locked(ourId)]]);
    // No "search in progress" row once the search is complete.
    expect(ps.filter((p) => p.details.search !== undefined)).toEqual([]);

    // 4. An incremental search looks only at the new blocks.
    await fx.client().mine({ blocks: 10 });
    expect(await q.service.search(fx.client(), 1, [{ account: direct, queue: c.queue }], 100)).toBe(0); // fewer than SEARCH_REFRESH_BLOCKS (25) new blocks
    await fx.client().mine({ blocks: 20 });
    expect(await q.service.search(fx.client(), 1, [{ account: direct, queue: c.queue }], 100)).toBe(Math.ceil(30 / 64));
    expect((await q.service.view(1)).search(c.queue, direct)).toMatchObject({ status: 'complete', low: 0n, high: head + 30n });
  }, 180_000);
});

describe('the log search when the RPC fails', () => {
  let proxy: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(fx.devnet().rpcUrl);
  });
  afterAll(() => proxy?.stop());

  it('stops with a visible "search incomplete" row (never an empty list), keeps what it searched, then finishes', async () => {
    const c = cases[2]!; // Mantle
    const user = await fx.freshUser();
    await c.mint(user);
    await c.approve(user);
    const id = await c.nextId();
    await spam(c, user, 1, parseEther('0.4'));
    await c.approve(spammer);
    await spam(c, spammer, 70, parseEther('0.02'));
    const requestBlock = (await read<{ blockNumber: bigint }>(P.mantleUnstakeRequestsManager, 'requestByID', [id])).blockNumber;
    await fx.client().mine({ blocks: 600 });
    const q = setup(256n);
    const viaProxy = createPublicClient({ chain: mainnet, transport: http(proxy.url, { retryCount: 0 }) });
    const accounts = [user, spammer, ...others, `0x${'cafe'.padStart(40, '0')}` as Address];
    const tracker = trackerFor(q, accounts, proxy.url);

    // A first run of two calls (512 blocks back from the head) ends 'partial', short of the request.
    const head = await viaProxy.getBlockNumber({ cacheTime: 0 });
    expect(await q.service.search(viaProxy, 1, [{ account: user, queue: 'mantle' }], 2)).toBe(2);
    const firstPart = (await q.service.view(1)).search('mantle', user)!;
    expect(firstPart).toMatchObject({ status: 'partial', high: head, low: head + 1n - 512n });
    expect(requestBlock).toBeLessThan(firstPart.low);

    // Then the node refuses every eth_getLogs with a 503.
    proxy.fault('eth_getLogs', { kind: 'http', status: 503 });
    const callsBefore = proxy.count('eth_getLogs');
    await q.service.search(viaProxy, 1, [{ account: user, queue: 'mantle' }], 100);
    // The chunk (256) is already below the smallest one tried (500): the first refused call ends the run.
    expect(proxy.count('eth_getLogs') - callsBefore).toBe(1);
    const failed = (await q.service.view(1)).search('mantle', user)!;
    expect(failed).toMatchObject({ status: 'failed', low: firstPart.low, high: head });
    expect(failed.error).toContain('eth_getLogs');

    const ps = await positions(tracker, 'mantle-withdrawal');
    const rows = ps.filter((p) => p.account === user);
    // The request is older than the window and the search did not reach it: the list says the search is incomplete.
    expect(rows.filter((p) => p.details.requestId !== undefined)).toEqual([]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'failed', details: { search: 'failed' } });
    expect(rows[0]!.error).toMatch(/stopped on an RPC error.*eth_getLogs.*may be missing/s);

    // The RPC is back: the next run resumes below what was searched and finds the request.
    proxy.fault('eth_getLogs', undefined);
    await q.service.search(viaProxy, 1, [{ account: user, queue: 'mantle' }], 100);
    expect((await q.service.view(1)).search('mantle', user)).toMatchObject({ status: 'complete', low: 0n });
    const after = (await positions(tracker, 'mantle-withdrawal')).filter((p) => p.account === user);
    expect(after.map((p) => [p.details.requestId, p.amount, p.status])).toEqual([[String(id), await c.locked(id), 'ok']]);
  }, 180_000);
});

describe('known ids that are claimed are dropped', () => {
  it('ether.fi: after finalize and claim the NFT is burned, the position goes and the stored id with it', async () => {
    const c = cases[0]!;
    const user = await fx.freshUser();
    await c.mint(user);
    await c.approve(user);
    const id = await c.nextId();
    await spam(c, user, 1, parseEther('1'));
    await c.approve(spammer);
    await spam(c, spammer, 70, parseEther('0.05'));
    const q = setup();
    await q.service.add(1, [{ queue: 'etherfi', account: user, id }]);
    const tracker = trackerFor(q, [user, spammer, ...others, `0x${'beef'.padStart(40, '0')}` as Address]);
    expect(requestsOf(await positions(tracker, c.family), user).map((p) => p.details.requestId)).toEqual([String(id)]);

    await finalize(fx.devnet().ctx, 'etherfi');
    await write(P.etherfiWithdrawRequestNFT, 'claimWithdraw', [id], user);
    await expect(read(P.etherfiWithdrawRequestNFT, 'ownerOf', [id])).rejects.toThrow();

    expect(requestsOf(await positions(tracker, c.family), user)).toEqual([]);
    expect((await q.service.view(1)).known('etherfi', user)).toEqual([]);
  }, 180_000);
});
