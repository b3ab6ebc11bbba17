import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { http, maxUint256, parseEther, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { lidoWithdrawalsReader } from '../../lib/tracker/readers';
import type { Position } from '../../lib/tracker/types';
import { createAlertsEngine, createMemoryAlertsStore, type Alert, type AlertNotification } from '../../lib/alerts';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { finalize, rebase } from './scenarios';
import { seedTokens } from './seed/tokens';
import { waitMined } from './mined';

// The test reads the queue and stETH doubles with their compiled ABIs (not the registry's) and computes the
// claimable ETH itself: min(stETH locked, shares × totalPooledEther / totalShares at finalization).
const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
const alice: Address = devAccount(1).address;
let anvil: AnvilInstance;
let ctx: DevnetContext;
const notes: AlertNotification[] = [];
let tracker: ReturnType<typeof createTracker>;
let engine: ReturnType<typeof createAlertsEngine>;

type Status = { amountOfStETH: bigint; amountOfShares: bigint; owner: Address; isFinalized: boolean; isClaimed: boolean };
const queueAbi = () => artifact('WithdrawalQueueERC721').abi;
const stethAbi = () => artifact('StETH').abi;
const readQueue = <T>(functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address: QUEUE, abi: queueAbi(), functionName, args }) as Promise<T>;
const readSteth = <T>(functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address: TOKENS.stETH, abi: stethAbi(), functionName, args }) as Promise<T>;

async function send(address: Address, abi: ReturnType<typeof queueAbi>, functionName: string, args: unknown[], value?: bigint) {
  const hash: Hex = await ctx.client.writeContract({ address, abi, functionName, args, value, account: alice, chain: mainnet } as never);
  const receipt = await waitMined(ctx.client, hash);
  expect(receipt.status).toBe('success');
  return receipt;
}

async function requestWithdrawal(amount: bigint): Promise<bigint> {
  const before = await readQueue<bigint>('getLastRequestId');
  await send(QUEUE, queueAbi(), 'requestWithdrawals', [[amount], alice]);
  const id = await readQueue<bigint>('getLastRequestId');
  expect(id).toBe(before + 1n);
  return id;
}

async function lidoPositions(): Promise<Position[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  return state.snapshot!.positions.filter((p) => p.family === 'lido-withdrawal');
}

async function cycle(): Promise<Alert[]> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  const result = await engine.evaluate(state.snapshot!);
  expect(result.logError).toBeUndefined();
  return result.raised;
}

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await seedTokens(ctx);
  await send(TOKENS.stETH, stethAbi(), 'submit', [alice], parseEther('20'));
  await send(TOKENS.stETH, stethAbi(), 'approve', [QUEUE, maxUint256]);
  const transport = () => http(anvil.rpcUrl, { retryCount: 0 });
  tracker = createTracker({
    chain: mainnet,
    getTransport: transport,
    getAccounts: () => [alice],
    store: createMemoryTrackerStore(),
    // Only the queue: the token reader would (rightly) report alice's stETH balance falling as she requests.
    readers: [lidoWithdrawalsReader()],
  });
  engine = createAlertsEngine({
    chain: mainnet,
    getTransport: transport,
    store: createMemoryAlertsStore(),
    notify: (n) => void notes.push(n),
    setBadge: () => undefined,
  });
}, 120_000);
afterAll(async () => {
  await anvil?.stop();
});

describe('Lido withdrawal queue (unstETH) on the devnet', () => {
  let first = 0n;
  let second = 0n;

  test('a request shows as "requested" with the amount the queue reports, ETA unknown', async () => {
    expect(await cycle()).toEqual([]); // baseline: nothing requested yet
    first = await requestWithdrawal(parseEther('5'));
    const [status] = await readQueue<Status[]>('getWithdrawalStatus', [[first]]);
    expect(status).toMatchObject({ owner: alice, isFinalized: false, isClaimed: false });
    expect(status!.amountOfStETH).toBe(parseEther('5'));

    const positions = await lidoPositions();
    expect(positions).toHaveLength(1);
    const p = positions[0]!;
    expect(p).toMatchObject({ status: 'ok', asset: `stETH withdrawal #${first}`, amount: status!.amountOfStETH });
    expect(p.details).toMatchObject({
      status: 'requested',
      claimable: 'false',
      requestId: String(first),
      amountOfShares: String(status!.amountOfShares),
      eta: 'unknown',
      requestsAhead: '0',
    });
    expect(p.details.etaBasis).toContain('no finalization time');
    expect(p.fairValueEth).toBe(status!.amountOfStETH);
    expect(await cycle()).toEqual([]); // requested is not an alert
  });

  test('after a -1 % rebase, "finalize lido" makes it claimable for min(stETH, shares × new rate)', async () => {
    await rebase(ctx, 'stETH', '-1');
    const [status] = await readQueue<Status[]>('getWithdrawalStatus', [[first]]);
    const pooled = await readSteth<bigint>('getTotalPooledEther');
    const totalShares = await readSteth<bigint>('getTotalShares');
    const byShares = (status!.amountOfShares * pooled) / totalShares;
    const expected = byShares < status!.amountOfStETH ? byShares : status!.amountOfStETH;
    expect(expected).toBeLessThan(status!.amountOfStETH); // the loss reaches the request

    const facts = await finalize(ctx, 'lido');
    expect(facts).toMatchObject({ finalized: 1, ethLocked: String(expected), lastFinalizedRequestId: String(first) });
    second = await requestWithdrawal(parseEther('3'));

    const positions = await lidoPositions();
    const byId = new Map(positions.map((p) => [p.details.requestId, p]));
    expect(positions).toHaveLength(2);
    expect(byId.get(String(first))!.details).toMatchObject({ status: 'claimable', claimableEth: String(expected), eta: 'now' });
    expect(byId.get(String(first))!.fairValueEth).toBe(expected);
    expect(byId.get(String(second))!.details).toMatchObject({ status: 'requested', requestsAhead: '0' });
  });

  test('one claimable alert, not repeated across three more refreshes', async () => {
    const raised = await cycle();
    expect(raised.map((a) => a.rule)).toEqual(['withdrawal']);
    const alert = raised[0]!;
    expect(alert.id).toBe(`claimable:lido-withdrawal:${alice.toLowerCase()}:stETH withdrawal #${first}`);
    expect(alert.data).toMatchObject({ protocol: 'Lido', requestId: String(first), amountOfStETH: String(parseEther('5')) });
    const notified = notes.length;
    for (let i = 0; i < 3; i += 1) expect(await cycle()).toEqual([]);
    expect(notes.length).toBe(notified);
    expect((await engine.list()).filter((a) => a.rule === 'withdrawal')).toHaveLength(1);
  });

  test('claiming on chain pays the claimable ETH, burns the NFT and the position goes', async () => {
    const [claimable] = await readQueue<bigint[]>('getClaimableEther', [[first], [1n]]);
    const before = await ctx.client.getBalance({ address: alice });
    const receipt = await send(QUEUE, queueAbi(), 'claimWithdrawal', [first]);
    const after = await ctx.client.getBalance({ address: alice });
    expect(after - before + receipt.gasUsed * receipt.effectiveGasPrice).toBe(claimable);
    await expect(readQueue('ownerOf', [first])).rejects.toThrow();
    expect(await readQueue<bigint[]>('getWithdrawalRequests', [alice])).toEqual([second]);

    const positions = await lidoPositions();
    expect(positions.map((p) => p.details.requestId)).toEqual([String(second)]);
    expect(await cycle()).toEqual([]);
  });
});
