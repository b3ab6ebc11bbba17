import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseEther, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { EIGENLAYER, EIGEN_STRATEGIES, TOKENS } from '../../lib/restaking/addresses';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import {
  decodedLogs,
  depositAndDelegate,
  eigenAbi,
  placeEigenTestTokens,
  queueWithdrawal,
  seedEigen,
  slashOperator,
  type EigenSeed,
  type EigenWithdrawal,
} from './seed/eigen';
import { waitMined } from './mined';

// Queued withdrawals keep scaled shares and are paid out at the max magnitude of block startBlock + delay
// (reference §6). Expected values are computed here from the formulas, not read back from the contracts.
const W = 10n ** 18n;
const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
const TOPIC_COMPLETED = '0x1f40400889274ed07b24845e5054a87a0cab969eb1277aafe61ae352e7c32a00';
const TOPIC_QUEUED = '0x26b2aae26516e8719ef50ea2f6831a2efbd4e37dccdf0f6936b27bc08e793e30';

let anvil: AnvilInstance;
let ctx: DevnetContext;
let seed: EigenSeed;
const alice = devAccount(1).address;
const strategy = EIGEN_STRATEGIES.stETH;
const tokenAbi = () => artifact('EigenTestLST').abi;
const dm = (functionName: string, args: unknown[] = []) =>
  ctx.client.readContract({ address: EIGENLAYER.delegationManager, abi: eigenAbi.delegationManager(), functionName, args });
const maxMagnitude = () =>
  ctx.client.readContract({
    address: EIGENLAYER.allocationManager,
    abi: eigenAbi.allocationManager(),
    functionName: 'getMaxMagnitude',
    args: [seed.operator, strategy],
  }) as Promise<bigint>;

/** Sends completeQueuedWithdrawal with a fixed gas limit so a revert is mined (and its block is known). */
async function sendComplete(withdrawal: EigenWithdrawal) {
  const hash: Hex = await ctx.client.writeContract({
    address: EIGENLAYER.delegationManager,
    abi: eigenAbi.delegationManager(),
    functionName: 'completeQueuedWithdrawal',
    args: [withdrawal, [TOKENS.stETH], true],
    account: alice,
    chain: mainnet,
    gas: 3_000_000n,
  });
  return waitMined(ctx.client, hash);
}

/** Token amount StrategyBase pays for `shares` (1e3 virtual offsets), from balances read right now. */
async function expectedTokens(shares: bigint) {
  const balance = (await ctx.client.readContract({
    address: TOKENS.stETH,
    abi: tokenAbi(),
    functionName: 'balanceOf',
    args: [strategy],
  })) as bigint;
  const total = (await ctx.client.readContract({ address: strategy, abi: eigenAbi.strategy(), functionName: 'totalShares' })) as bigint;
  return ((balance + 1000n) * shares) / (total + 1000n);
}
const aliceBalance = () =>
  ctx.client.readContract({ address: TOKENS.stETH, abi: tokenAbi(), functionName: 'balanceOf', args: [alice] }) as Promise<bigint>;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  await placeEigenTestTokens(ctx, [alice], parseEther('100'));
  seed = await seedEigen(ctx, undefined);
  await depositAndDelegate(ctx, alice, 'stETH', parseEther('10') + 1n);
});
afterAll(async () => {
  await anvil?.stop();
});

describe('queued withdrawals', () => {
  let queued: Awaited<ReturnType<typeof queueWithdrawal>>;
  let scaled = 0n;
  let newMax = 0n;

  test('queueing moves shares out of the operator and records scaled shares', async () => {
    const [, [deposit]] = (await dm('getWithdrawableShares', [alice, [strategy]])) as [bigint[], bigint[]];
    const half = deposit! / 2n;
    const opBefore = ((await dm('getOperatorShares', [seed.operator, [strategy]])) as bigint[])[0]!;
    queued = await queueWithdrawal(ctx, alice, 'stETH', half);
    scaled = half; // k = 1.0 for a staker who was never slashed: scaled shares = deposit shares × k
    const { receipt } = await decodedLogs(ctx, queued.hash, EIGENLAYER.delegationManager, eigenAbi.delegationManager());
    expect(receipt.logs.map((l) => l.topics[0])).toContain(TOPIC_QUEUED);
    expect(queued.withdrawal).toMatchObject({
      staker: alice,
      delegatedTo: seed.operator,
      withdrawer: alice,
      nonce: 0n,
      startBlock: Number(receipt.blockNumber),
    });
    expect(queued.withdrawal.scaledShares).toEqual([scaled]);
    expect(queued.sharesToWithdraw).toEqual([half]);
    expect(await dm('getOperatorShares', [seed.operator, [strategy]])).toEqual([opBefore - half]);
    expect(await dm('getWithdrawableShares', [alice, [strategy]])).toEqual([[deposit! - half], [deposit! - half]]);
    const [withdrawals, shares] = (await dm('getQueuedWithdrawals', [alice])) as [EigenWithdrawal[], bigint[][]];
    expect(withdrawals).toHaveLength(1);
    expect(shares).toEqual([[scaled]]);
  });

  test('a slash during the delay reaches the queued shares', async () => {
    const prevMax = await maxMagnitude();
    const slashedMagnitude = ceilDiv(((W * 3n) / 10n) * (W / 2n), W);
    newMax = prevMax - slashedMagnitude;
    const opShares = ((await dm('getOperatorShares', [seed.operator, [strategy]])) as bigint[])[0]!;
    const result = await slashOperator(ctx, { operator: seed.operator, operatorSetId: 1, fraction: 0.5 });
    expect(await maxMagnitude()).toBe(newMax);

    const { logs } = await decodedLogs(ctx, result.hash, EIGENLAYER.delegationManager, eigenAbi.delegationManager());
    const fromOperator = opShares - ceilDiv(opShares * newMax, prevMax);
    const fromQueue = (scaled * (prevMax - newMax)) / W;
    expect(logs.find((l) => l.eventName === 'OperatorSharesSlashed')?.args).toMatchObject({ totalSlashedShares: fromOperator + fromQueue });
    const [, shares] = (await dm('getQueuedWithdrawals', [alice])) as [EigenWithdrawal[], bigint[][]];
    expect(shares).toEqual([[(scaled * newMax) / W]]);
  });

  test('completion reverts up to block startBlock + delay and succeeds one block later, paying slashed shares', async () => {
    const delay = BigInt(seed.minWithdrawalDelayBlocks);
    const unlock = BigInt(queued.withdrawal.startBlock) + delay; // last block in which it is still slashable
    const head = await ctx.client.getBlockNumber({ cacheTime: 0 }); // viem caches the block number otherwise
    await ctx.client.mine({ blocks: Number(unlock - head - 1n) });

    const simulateAt = (number: bigint) =>
      ctx.client.simulateContract({
        address: EIGENLAYER.delegationManager,
        abi: eigenAbi.delegationManager(),
        functionName: 'completeQueuedWithdrawal',
        args: [queued.withdrawal, [TOKENS.stETH], true],
        account: alice,
        blockOverrides: { number },
      });
    await expect(simulateAt(unlock)).rejects.toThrow(/WithdrawalDelayNotElapsed/);
    await expect(simulateAt(unlock + 1n)).resolves.toBeDefined();

    const early = await sendComplete(queued.withdrawal);
    expect(early.blockNumber).toBe(unlock);
    expect(early.status).toBe('reverted');

    const shares = (scaled * newMax) / W;
    const tokens = await expectedTokens(shares);
    const balanceBefore = await aliceBalance();
    const done = await sendComplete(queued.withdrawal);
    expect(done.blockNumber).toBe(unlock + 1n);
    expect(done.status).toBe('success');
    expect(done.logs.map((l) => l.topics[0])).toContain(TOPIC_COMPLETED);
    expect((await aliceBalance()) - balanceBefore).toBe(tokens);
    expect(await dm('getQueuedWithdrawals', [alice])).toEqual([[], []]);
    expect(await dm('pendingWithdrawals', [queued.root])).toBe(false);
  });

  test('a slash after the delay ended does not reach a withdrawal that is merely not completed yet', async () => {
    const [, [deposit]] = (await dm('getWithdrawableShares', [alice, [strategy]])) as [bigint[], bigint[]];
    const k = (await dm('depositScalingFactor', [alice, strategy])) as bigint;
    const second = await queueWithdrawal(ctx, alice, 'stETH', deposit! / 4n);
    const secondScaled = ((deposit! / 4n) * k) / W;
    expect(second.withdrawal.scaledShares).toEqual([secondScaled]);
    const magAtUnlock = await maxMagnitude();
    await ctx.client.mine({ blocks: seed.minWithdrawalDelayBlocks + 1 });
    await slashOperator(ctx, { operator: seed.operator, operatorSetId: 2, fraction: 0.5 });
    expect(await maxMagnitude()).toBeLessThan(magAtUnlock);

    const shares = (secondScaled * magAtUnlock) / W;
    const tokens = await expectedTokens(shares);
    const balanceBefore = await aliceBalance();
    expect((await sendComplete(second.withdrawal)).status).toBe('success');
    expect((await aliceBalance()) - balanceBefore).toBe(tokens);
  });

  test('only the withdrawer can complete, and only once', async () => {
    const [, [deposit]] = (await dm('getWithdrawableShares', [alice, [strategy]])) as [bigint[], bigint[]];
    const third = await queueWithdrawal(ctx, alice, 'stETH', deposit! / 10n);
    await ctx.client.mine({ blocks: seed.minWithdrawalDelayBlocks + 1 });
    const other: Address = devAccount(2).address;
    await expect(
      ctx.client.simulateContract({
        address: EIGENLAYER.delegationManager,
        abi: eigenAbi.delegationManager(),
        functionName: 'completeQueuedWithdrawal',
        args: [third.withdrawal, [TOKENS.stETH], true],
        account: other,
      }),
    ).rejects.toThrow(/WithdrawerNotCaller/);
    expect((await sendComplete(third.withdrawal)).status).toBe('success');
    expect((await sendComplete(third.withdrawal)).status).toBe('reverted');
  });
});
