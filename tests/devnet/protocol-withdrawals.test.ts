import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, parseEther, type Abi, type Address, type Hex, type TransactionReceipt } from 'viem';
import { mainnet } from 'viem/chains';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { etherfi, kelp, mantle, puffer, renzo } from '../../lib/restaking/withdrawal-queues/more';
import type { QueueCall, WithdrawalQueue } from '../../lib/restaking/withdrawal-queues/types';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import {
  etherfiWithdrawalsReader,
  kelpWithdrawalsReader,
  mantleWithdrawalsReader,
  pufferWithdrawalsReader,
  renzoWithdrawalsReader,
} from '../../lib/tracker/readers';
import type { Position } from '../../lib/tracker/types';
import { createAlertsEngine, createMemoryAlertsStore, type Alert } from '../../lib/alerts';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { finalize, rebase } from './scenarios';
import {
  KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
  MANTLE_DEVNET_BLOCKS_TO_FINALIZE,
  RENZO_DEVNET_COOLDOWN_SECONDS,
  seedTokens,
} from './seed/tokens';
import { waitMined } from './mined';

// Every expected figure below comes from the doubles' raw storage views (compiled ABIs, not the registry) and
// the protocols' own payout formulas written out here: ether.fi min(eETH, shares × frozen rate), Kelp
// min(expected, rsETH × rsETHPrice at unlock), Puffer amount × min(rate at request, batch rate), Renzo
// min(amountToRedeem, ezETH × totalTVL / supply at claim), Mantle the ETH fixed at request (mETH × controlled / supply).
const P = PROTOCOL_CONTRACTS;
const alice: Address = devAccount(2).address;
const ETH_MARKER: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
const WAD = 10n ** 18n;
let anvil: AnvilInstance;
let ctx: DevnetContext;
let tracker: ReturnType<typeof createTracker>;
let engine: ReturnType<typeof createAlertsEngine>;
const requestCounts: number[] = [];

const read = <T>(address: Address, name: string, functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;
const min = (a: bigint, b: bigint) => (a < b ? a : b);

async function sendAll(calls: QueueCall[]): Promise<TransactionReceipt[]> {
  const receipts: TransactionReceipt[] = [];
  for (const c of calls) {
    const hash: Hex = await ctx.client.sendTransaction({ account: alice, chain: mainnet, to: c.to, data: c.data, value: c.value });
    const receipt = await waitMined(ctx.client, hash);
    expect(receipt.status, c.label).toBe('success');
    receipts.push(receipt);
  }
  return receipts;
}
const gasOf = (rs: TransactionReceipt[]) => rs.reduce((s, r) => s + r.gasUsed * r.effectiveGasPrice, 0n);

async function positionsOf(family: Position['family']): Promise<Position[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  requestCounts.push(state.snapshot!.requestCount);
  return state.snapshot!.positions.filter((p) => p.family === family);
}

async function cycle(): Promise<Alert[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  requestCounts.push(state.snapshot!.requestCount);
  const result = await engine.evaluate(state.snapshot!);
  expect(result.logError).toBeUndefined();
  return result.raised;
}

async function write(address: Address, abi: Abi, functionName: string, args: unknown[], value?: bigint) {
  await ctx.write({ address, abi, functionName, args, value, from: alice });
}

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await seedTokens(ctx);
  // Alice's tokens, minted through each protocol's own deposit.
  await write(P.etherfiLiquidityPool, artifact('EtherFiLiquidityPool').abi, 'deposit', [], parseEther('10'));
  await write(P.kelpDepositPool, artifact('KelpLRTDepositPool').abi, 'depositETH', [0n, ''], parseEther('10'));
  await write(TOKENS.pufETH, artifact('PufferVault').abi, 'depositETH', [alice], parseEther('10'));
  await write(P.renzoRestakeManager, artifact('RenzoRestakeManager').abi, 'depositETH', [], parseEther('10'));
  await write(P.mantleStaking, artifact('MantleStaking').abi, 'stake', [0n], parseEther('10'));
  const transport = () => http(anvil.rpcUrl, { retryCount: 0 });
  tracker = createTracker({
    chain: mainnet,
    getTransport: transport,
    getAccounts: () => [alice],
    store: createMemoryTrackerStore(),
    readers: [
      etherfiWithdrawalsReader(),
      kelpWithdrawalsReader(),
      pufferWithdrawalsReader(),
      renzoWithdrawalsReader(),
      mantleWithdrawalsReader(),
    ],
  });
  engine = createAlertsEngine({
    chain: mainnet,
    getTransport: transport,
    store: createMemoryAlertsStore(),
    notify: () => undefined,
    setBadge: () => undefined,
  });
  expect(await cycle()).toEqual([]); // nothing requested yet
}, 120_000);
afterAll(async () => {
  await anvil?.stop();
  // The five readers add phase-2/3 reads but no round trip: every refresh stayed within three JSON-RPC requests.
  expect(requestCounts.length).toBeGreaterThan(10);
  console.info(`protocol-withdrawals: ${requestCounts.length} refreshes, JSON-RPC requests per refresh max ${Math.max(...requestCounts)}`);
  expect(Math.max(...requestCounts)).toBeLessThanOrEqual(3);
});

type Case = {
  queue: WithdrawalQueue;
  family: Position['family'];
  symbol: 'eETH' | 'rsETH' | 'pufETH' | 'ezETH' | 'mETH';
  amount: bigint;
  /** The request id the queue gave (read back from the queue after the request). */
  requestId(): Promise<bigint>;
  /** The queue's own figures for the request: locked token amount, and (once final) what a claim pays. */
  locked(id: bigint): Promise<bigint>;
  claimable(id: bigint): Promise<bigint>;
  /** The payout by the protocol's formula from raw state, computed here. */
  expected(id: bigint): Promise<bigint>;
  paid(): Promise<bigint>;
  cleared(id: bigint): Promise<void>;
};

let etherfiLockedRate = 0n;
/** Mantle fixes the ETH owed at the request: mETH × totalControlled / supply read just before it. */
let mantleEthAtRequest = 0n;
const renzoRow = (i = 0n) =>
  read<readonly [Address, bigint, bigint, bigint, bigint]>(P.renzoWithdrawQueue, 'WithdrawQueue', 'withdrawRequests', [alice, i]);
const mantleRequest = (id: bigint) =>
  read<{ requester: Address; mETHLocked: bigint; ethRequested: bigint; blockNumber: bigint }>(
    P.mantleUnstakeRequestsManager,
    'UnstakeRequestsManager',
    'requestByID',
    [id],
  );
const cases: Case[] = [
  {
    queue: etherfi,
    family: 'etherfi-withdrawal',
    symbol: 'eETH',
    amount: parseEther('4'),
    requestId: async () => BigInt(await read<number>(P.etherfiWithdrawRequestNFT, 'WithdrawRequestNFT', 'nextRequestId')) - 1n,
    locked: async (id) =>
      (await read<{ amountOfEEth: bigint }>(P.etherfiWithdrawRequestNFT, 'WithdrawRequestNFT', 'getRequest', [id])).amountOfEEth,
    claimable: (id) => read<bigint>(P.etherfiWithdrawRequestNFT, 'WithdrawRequestNFT', 'getClaimableAmount', [id]),
    async expected(id) {
      const r = await read<{ amountOfEEth: bigint; shareOfEEth: bigint }>(P.etherfiWithdrawRequestNFT, 'WithdrawRequestNFT', 'getRequest', [
        id,
      ]);
      return min(r.amountOfEEth, (r.shareOfEEth * etherfiLockedRate) / WAD);
    },
    paid: () => ctx.client.getBalance({ address: alice }),
    async cleared(id) {
      await expect(read(P.etherfiWithdrawRequestNFT, 'WithdrawRequestNFT', 'ownerOf', [id])).rejects.toThrow();
      expect(await read<bigint>(P.etherfiWithdrawRequestNFT, 'WithdrawRequestNFT', 'balanceOf', [alice])).toBe(0n);
    },
  },
  {
    queue: kelp,
    family: 'kelp-withdrawal',
    symbol: 'rsETH',
    amount: parseEther('3'),
    requestId: async () => (await read<bigint>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'nextUnusedNonce', [ETH_MARKER])) - 1n,
    locked: async () =>
      (
        await read<readonly bigint[]>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'getUserWithdrawalRequest', [ETH_MARKER, alice, 0n])
      )[0]!,
    claimable: async () =>
      (
        await read<readonly bigint[]>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'getUserWithdrawalRequest', [ETH_MARKER, alice, 0n])
      )[1]!,
    async expected() {
      // Before the unlock: expected = rsETH × price at request. The unlock pays min(that, rsETH × price now).
      const [rsETH, expectedAtRequest] = await read<readonly bigint[]>(
        P.kelpWithdrawalManager,
        'LRTWithdrawalManager',
        'getUserWithdrawalRequest',
        [ETH_MARKER, alice, 0n],
      );
      const price = await read<bigint>(P.kelpOracle, 'KelpLRTOracle', 'rsETHPrice');
      return min(expectedAtRequest!, (rsETH! * price) / WAD);
    },
    paid: () => ctx.client.getBalance({ address: alice }),
    async cleared() {
      const [begin, end] = await read<readonly bigint[]>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'userAssociatedNonces', [
        ETH_MARKER,
        alice,
      ]);
      expect(end! - begin!).toBe(0n);
    },
  },
  {
    queue: puffer,
    family: 'puffer-withdrawal',
    symbol: 'pufETH',
    amount: parseEther('2'),
    requestId: async () => (await read<bigint>(P.pufferWithdrawalManager, 'PufferWithdrawalManager', 'getWithdrawalsLength')) - 1n,
    locked: async (id) =>
      (await read<{ pufETHAmount: bigint }>(P.pufferWithdrawalManager, 'PufferWithdrawalManager', 'getWithdrawal', [id])).pufETHAmount,
    async claimable(id) {
      const w = await read<{ pufETHAmount: bigint; pufETHToETHExchangeRate: bigint }>(
        P.pufferWithdrawalManager,
        'PufferWithdrawalManager',
        'getWithdrawal',
        [id],
      );
      const b = await read<{ pufETHToETHExchangeRate: bigint }>(P.pufferWithdrawalManager, 'PufferWithdrawalManager', 'getBatch', [
        id / 10n,
      ]);
      return (w.pufETHAmount * min(w.pufETHToETHExchangeRate, b.pufETHToETHExchangeRate)) / WAD;
    },
    async expected(id) {
      const w = await read<{ pufETHAmount: bigint; pufETHToETHExchangeRate: bigint }>(
        P.pufferWithdrawalManager,
        'PufferWithdrawalManager',
        'getWithdrawal',
        [id],
      );
      const rateNow = await read<bigint>(TOKENS.pufETH, 'PufferVault', 'convertToAssets', [WAD]);
      return (w.pufETHAmount * min(w.pufETHToETHExchangeRate, rateNow)) / WAD;
    },
    // Puffer pays WETH (the manager wraps the ETH): the payout is alice's WETH balance change.
    paid: () => ctx.client.readContract({ address: TOKENS.WETH, abi: erc20Abi, functionName: 'balanceOf', args: [alice] }),
    async cleared(id) {
      const w = await read<{ recipient: Address; pufETHAmount: bigint }>(
        P.pufferWithdrawalManager,
        'PufferWithdrawalManager',
        'getWithdrawal',
        [id],
      );
      expect(w).toMatchObject({ recipient: '0x0000000000000000000000000000000000000000', pufETHAmount: 0n });
    },
  },
  {
    queue: renzo,
    family: 'renzo-withdrawal',
    symbol: 'ezETH',
    amount: parseEther('3'),
    requestId: () => read<bigint>(P.renzoWithdrawQueue, 'WithdrawQueue', 'withdrawRequestNonce'),
    locked: async () => (await renzoRow())[3],
    async claimable() {
      // The queue's own claim figure: min(amountToRedeem, calculateAmountToRedeem(ezETHLocked) now).
      const [, , amountToRedeem, locked] = await renzoRow();
      const [, now] = await read<readonly [unknown, bigint]>(P.renzoWithdrawQueue, 'WithdrawQueue', 'calculateAmountToRedeem', [
        locked,
        ETH_MARKER,
      ]);
      return min(amountToRedeem, now);
    },
    async expected() {
      const [, , amountToRedeem, locked] = await renzoRow();
      const [, , tvl] = await read<readonly [unknown, unknown, bigint]>(P.renzoRestakeManager, 'RenzoRestakeManager', 'calculateTVLs');
      const supply = await read<bigint>(TOKENS.ezETH, 'EzETH', 'totalSupply');
      return min(amountToRedeem, (tvl * locked) / supply);
    },
    paid: () => ctx.client.getBalance({ address: alice }),
    async cleared() {
      expect(await read<bigint>(P.renzoWithdrawQueue, 'WithdrawQueue', 'getOutstandingWithdrawRequests', [alice])).toBe(0n);
      expect(await read<bigint>(TOKENS.ezETH, 'EzETH', 'balanceOf', [P.renzoWithdrawQueue])).toBe(0n); // burned
    },
  },
  {
    queue: mantle,
    family: 'mantle-withdrawal',
    symbol: 'mETH',
    amount: parseEther('2'),
    requestId: async () => (await read<bigint>(P.mantleUnstakeRequestsManager, 'UnstakeRequestsManager', 'nextRequestId')) - 1n,
    locked: async (id) => (await mantleRequest(id)).mETHLocked,
    claimable: async (id) => (await read<readonly [boolean, bigint]>(P.mantleStaking, 'MantleStaking', 'unstakeRequestInfo', [id]))[1],
    expected: () => Promise.resolve(mantleEthAtRequest),
    paid: () => ctx.client.getBalance({ address: alice }),
    async cleared(id) {
      expect(await mantleRequest(id)).toMatchObject({ requester: '0x0000000000000000000000000000000000000000', mETHLocked: 0n });
      expect(await read<bigint>(TOKENS.mETH, 'METH', 'balanceOf', [P.mantleUnstakeRequestsManager])).toBe(0n); // burned
    },
  },
];

const PROTOCOL_NAMES: Record<string, string> = { etherfi: 'ether.fi', kelp: 'Kelp', puffer: 'Puffer', renzo: 'Renzo', mantle: 'Mantle' };

describe.each(cases)('$queue.name on the devnet', (c) => {
  let id = 0n;
  let expectedPayout = 0n;
  let requestedValue = 0n;
  const protocol = PROTOCOL_NAMES[c.queue.id]!;

  test('a request sent with the queue’s requestCalls shows as "requested" with the queue’s own amount', async () => {
    const token = TOKENS[c.symbol];
    const balanceBefore = await ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [alice] });
    if (c.queue.id === 'mantle') {
      const controlled = await read<bigint>(P.mantleStaking, 'MantleStaking', 'totalControlled');
      const supply = await read<bigint>(TOKENS.mETH, 'METH', 'totalSupply');
      mantleEthAtRequest = (c.amount * controlled) / supply;
    }
    await sendAll(c.queue.requestCalls({ symbol: c.symbol, amount: c.amount, owner: alice }));
    id = await c.requestId();
    const locked = await c.locked(id);
    expect(locked).toBe(c.amount);
    const balanceAfter = await ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [alice] });
    // eETH moves by shares: the balance may differ from the amount by a wei of rounding.
    expect(balanceBefore - balanceAfter >= c.amount - 1n && balanceBefore - balanceAfter <= c.amount + 1n).toBe(true);

    const positions = await positionsOf(c.family);
    expect(positions).toHaveLength(1);
    const p = positions[0]!;
    expect(p).toMatchObject({ status: 'ok', amount: locked });
    expect(p.details).toMatchObject({ queue: c.queue.id, requestId: String(id), status: 'requested', claimable: 'false', protocol });
    expect(p.details.eta).toMatch(/^(unknown|estimated)$/);
    expect(p.details.etaBasis!.length).toBeGreaterThan(20);
    if (c.queue.id === 'kelp') {
      const [, , startBlock] = await read<readonly bigint[]>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'getUserWithdrawalRequest', [
        ETH_MARKER,
        alice,
        0n,
      ]);
      expect(p.details).toMatchObject({ eta: 'estimated', etaBlock: String(startBlock! + KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS) });
    }
    if (c.queue.id === 'renzo') {
      const [, , , , createdAt] = await renzoRow();
      expect(p.details).toMatchObject({
        eta: 'estimated',
        etaTimestamp: String(createdAt + RENZO_DEVNET_COOLDOWN_SECONDS),
        queued: 'true',
      });
    }
    if (c.queue.id === 'mantle') {
      const r = await mantleRequest(id);
      expect(p.details).toMatchObject({ eta: 'estimated', etaBlock: String(r.blockNumber + MANTLE_DEVNET_BLOCKS_TO_FINALIZE) });
    }
    expect(p.sources.length).toBeGreaterThan(0);
    requestedValue = p.fairValueEth!;
    // Requested: valued at the most the queue can pay (ether.fi eETH 1:1, Kelp's expectedAssetAmount, Puffer's
    // amount × the rate recorded at request), from the raw views.
    if (c.queue.id === 'etherfi') expect(requestedValue).toBe(locked);
    if (c.queue.id === 'kelp') expect(requestedValue).toBe(await c.claimable(id));
    if (c.queue.id === 'puffer') {
      const w = await read<{ pufETHToETHExchangeRate: bigint }>(P.pufferWithdrawalManager, 'PufferWithdrawalManager', 'getWithdrawal', [
        id,
      ]);
      expect(requestedValue).toBe((locked * w.pufETHToETHExchangeRate) / WAD);
    }
    if (c.queue.id === 'renzo') {
      // amountToRedeem = ezETH × totalTVL / supply at the request (unchanged since: nothing else moved the books).
      const [, , tvl] = await read<readonly [unknown, unknown, bigint]>(P.renzoRestakeManager, 'RenzoRestakeManager', 'calculateTVLs');
      const supply = await read<bigint>(TOKENS.ezETH, 'EzETH', 'totalSupply');
      expect(requestedValue).toBe((locked * tvl) / supply);
      expect(requestedValue).toBe((await renzoRow())[2]);
    }
    if (c.queue.id === 'mantle') {
      expect(requestedValue).toBe(mantleEthAtRequest);
      expect((await mantleRequest(id)).ethRequested).toBe(mantleEthAtRequest);
    }
    expect(await cycle()).toEqual([]); // requested is not an alert
  });

  test('after a −1 % rebase, `finalize` makes it claimable for the payout the protocol’s rule gives', async () => {
    await rebase(ctx, c.symbol, '-1');
    if (c.queue.id === 'etherfi') {
      // The rate finalizeRequests freezes: ceil(1e18 × pooled ETH / total shares), from the pool's raw figures.
      const pooled = await read<bigint>(P.etherfiLiquidityPool, 'EtherFiLiquidityPool', 'getTotalPooledEther');
      const shares = await read<bigint>(TOKENS.eETH, 'EETH', 'totalShares');
      etherfiLockedRate = (WAD * pooled + shares - 1n) / shares;
    }
    expectedPayout = await c.expected(id);
    if (c.queue.id === 'mantle') {
      // Mantle fixed the ETH at the request: the loss does not reach it.
      expect(expectedPayout).toBe(requestedValue);
    } else {
      // The loss reaches the request: the payout is below what it was worth when requested, by about 1 %.
      expect(expectedPayout).toBeLessThan(requestedValue);
      expect(expectedPayout).toBeGreaterThan((requestedValue * 98n) / 100n);
    }
    const facts = await finalize(ctx, c.queue.id as 'etherfi' | 'kelp' | 'renzo' | 'puffer' | 'mantle');
    expect(facts).toMatchObject({ finalized: 1 });

    const queueFigure = await c.claimable(id);
    expect(queueFigure).toBe(expectedPayout);
    const positions = await positionsOf(c.family);
    expect(positions).toHaveLength(1);
    expect(positions[0]!.details).toMatchObject({ status: 'claimable', claimable: 'true', claimableEth: String(queueFigure), eta: 'now' });
    expect(positions[0]!.fairValueEth).toBe(queueFigure);
  });

  test('one claimable alert naming the protocol and the amount, not repeated on the next two refreshes', async () => {
    const raised = await cycle();
    expect(raised.map((a) => a.rule)).toEqual(['withdrawal']);
    expect(raised[0]!.id).toBe(`claimable:${c.family}:${alice.toLowerCase()}:${c.symbol} withdrawal #${id}`);
    expect(raised[0]!.title).toBe(`Withdrawal ready to claim: ${protocol} request #${id}`);
    expect(raised[0]!.data).toMatchObject({ protocol, requestId: String(id), valueEth: String(expectedPayout) });
    expect(await cycle()).toEqual([]);
    expect(await cycle()).toEqual([]);
    expect((await engine.list()).filter((a) => a.id === raised[0]!.id)).toHaveLength(1);
  });

  test('claiming with the queue’s claimCalls pays exactly the queue’s claimable figure and clears the request', async () => {
    const figure = await c.claimable(id);
    const ethBefore = await ctx.client.getBalance({ address: alice });
    const paidBefore = await c.paid();
    const calls = await c.queue.claimCalls({ requestId: id, owner: alice, client: ctx.client });
    expect(calls).toHaveLength(1);
    const receipts = await sendAll(calls);
    const gas = gasOf(receipts);
    if (c.queue.id === 'puffer') {
      expect((await c.paid()) - paidBefore).toBe(figure);
      expect(await ctx.client.getBalance({ address: alice })).toBe(ethBefore - gas);
    } else {
      expect((await c.paid()) - paidBefore + gas).toBe(figure);
    }
    await c.cleared(id);
    expect(await positionsOf(c.family)).toEqual([]);
    expect(await cycle()).toEqual([]);
  });
});

describe('Kelp claims pay the oldest request first', () => {
  test('claimCalls for the newer of two unlocked requests sends one completeWithdrawal per request up to it', async () => {
    await sendAll(kelp.requestCalls({ symbol: 'rsETH', amount: parseEther('1'), owner: alice }));
    const older = (await read<bigint>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'nextUnusedNonce', [ETH_MARKER])) - 1n;
    await sendAll(kelp.requestCalls({ symbol: 'rsETH', amount: parseEther('1.5'), owner: alice }));
    const newer = older + 1n;
    await finalize(ctx, 'kelp');
    const rows = await Promise.all(
      [0n, 1n].map((i) =>
        read<readonly bigint[]>(P.kelpWithdrawalManager, 'LRTWithdrawalManager', 'getUserWithdrawalRequest', [ETH_MARKER, alice, i]),
      ),
    );
    expect(rows.map((r) => r[3])).toEqual([older, newer]);
    const positions = await positionsOf('kelp-withdrawal');
    expect(positions.map((p) => [p.details.requestId, p.details.claimable])).toEqual([
      [String(older), 'true'],
      [String(newer), 'true'],
    ]);
    const before = await ctx.client.getBalance({ address: alice });
    const calls = await kelp.claimCalls({ requestId: newer, owner: alice, client: ctx.client });
    expect(calls).toHaveLength(2);
    const receipts = await sendAll(calls);
    expect((await ctx.client.getBalance({ address: alice })) - before + gasOf(receipts)).toBe(rows[0]![1]! + rows[1]![1]!);
    await expect(kelp.claimCalls({ requestId: newer, owner: alice, client: ctx.client })).rejects.toMatchObject({
      code: 'queue.request.unknown',
    });
  });
});

describe('Renzo claims find a request by id although claims reorder the array', () => {
  test('after the first of two requests is claimed the second moves to index 0 and claimCalls still finds it', async () => {
    await sendAll(renzo.requestCalls({ symbol: 'ezETH', amount: parseEther('1'), owner: alice }));
    const first = await read<bigint>(P.renzoWithdrawQueue, 'WithdrawQueue', 'withdrawRequestNonce');
    await sendAll(renzo.requestCalls({ symbol: 'ezETH', amount: parseEther('2'), owner: alice }));
    const second = first + 1n;
    await finalize(ctx, 'renzo');
    expect((await renzoRow(1n))[1]).toBe(second);
    const positions = await positionsOf('renzo-withdrawal');
    expect(positions.map((p) => [p.details.requestId, p.details.queueIndex, p.details.claimable])).toEqual([
      [String(first), '0', 'true'],
      [String(second), '1', 'true'],
    ]);
    await sendAll(await renzo.claimCalls({ requestId: first, owner: alice, client: ctx.client }));
    // Swap-and-pop: the second request now sits at index 0.
    expect((await renzoRow(0n))[1]).toBe(second);
    const [, , amountToRedeem, locked] = await renzoRow(0n);
    const [, now] = await read<readonly [unknown, bigint]>(P.renzoWithdrawQueue, 'WithdrawQueue', 'calculateAmountToRedeem', [
      locked,
      ETH_MARKER,
    ]);
    const before = await ctx.client.getBalance({ address: alice });
    const calls = await renzo.claimCalls({ requestId: second, owner: alice, client: ctx.client });
    expect(calls).toHaveLength(1);
    const receipts = await sendAll(calls);
    expect((await ctx.client.getBalance({ address: alice })) - before + gasOf(receipts)).toBe(min(amountToRedeem, now));
    await expect(renzo.claimCalls({ requestId: second, owner: alice, client: ctx.client })).rejects.toMatchObject({
      code: 'queue.request.unknown',
    });
    expect(await positionsOf('renzo-withdrawal')).toEqual([]);
  });
});

describe('Mantle requests of another account in the scanned window', () => {
  test('are not shown as the account’s own', async () => {
    const bob = devAccount(3).address;
    await ctx.write({
      address: P.mantleStaking,
      abi: artifact('MantleStaking').abi,
      functionName: 'stake',
      args: [0n],
      value: parseEther('1'),
      from: bob,
    });
    const amount = parseEther('0.5');
    await ctx.write({ address: TOKENS.mETH, abi: erc20Abi, functionName: 'approve', args: [P.mantleStaking, amount], from: bob });
    await ctx.write({
      address: P.mantleStaking,
      abi: artifact('MantleStaking').abi,
      functionName: 'unstakeRequest',
      args: [amount, 0n],
      from: bob,
    });
    const bobsId = (await read<bigint>(P.mantleUnstakeRequestsManager, 'UnstakeRequestsManager', 'nextRequestId')) - 1n;
    expect((await mantleRequest(bobsId)).requester).toBe(bob);
    await sendAll(mantle.requestCalls({ symbol: 'mETH', amount: parseEther('1'), owner: alice }));
    const alicesId = bobsId + 1n;
    const positions = await positionsOf('mantle-withdrawal');
    expect(positions.map((p) => [p.account, p.details.requestId, p.amount])).toEqual([[alice, String(alicesId), parseEther('1')]]);
  });
});
