import { decodeFunctionData, parseEther, type Address } from 'viem';
import { describe, expect, it } from 'vitest';
import { erc20Abi, lidoWithdrawalQueueAbi } from '../../chain/abis';
import { AppError } from '../../errors';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import { WITHDRAWAL_QUEUES, withdrawalQueueById, withdrawalQueueFor } from './index';
import { lidoClaimCall, lidoWithdrawalQueue, splitWithdrawalAmount } from './lido';

const OWNER: Address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
const MAX = 1000n * 10n ** 18n;
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as AppError).code;
  }
  return undefined;
};

describe('splitWithdrawalAmount', () => {
  it('keeps an amount under the limit whole, and the limit itself', () => {
    expect(splitWithdrawalAmount(parseEther('5'), MAX)).toEqual([parseEther('5')]);
    expect(splitWithdrawalAmount(MAX, MAX)).toEqual([MAX]);
    expect(splitWithdrawalAmount(100n, MAX)).toEqual([100n]);
  });
  it('splits into the fewest near-equal chunks, each within [100 wei, 1000 stETH], summing to the amount', () => {
    const amount = MAX * 2n + 1n; // 2000 stETH + 1 wei: three chunks, never a 1-wei tail
    const chunks = splitWithdrawalAmount(amount, MAX);
    expect(chunks).toHaveLength(3);
    expect(chunks.reduce((a, b) => a + b, 0n)).toBe(amount);
    for (const c of chunks) expect(c >= 100n && c <= MAX).toBe(true);
    expect(chunks[0]! - chunks[2]!).toBeLessThanOrEqual(1n);
    expect(splitWithdrawalAmount(MAX + 1n, MAX)).toEqual([MAX / 2n + 1n, MAX / 2n]);
  });
  it('refuses an amount under the queue minimum (100 wei) with withdraw.amount-too-small', () => {
    expect(codeOf(() => splitWithdrawalAmount(99n, MAX))).toBe('withdraw.amount-too-small');
    expect(codeOf(() => splitWithdrawalAmount(0n, MAX))).toBe('withdraw.amount-too-small');
  });
});

describe('Lido requestCalls', () => {
  it('stETH: approve of exactly the amount to the queue, then requestWithdrawals(chunks, owner)', () => {
    const amount = parseEther('1500');
    const [approve, request, ...rest] = lidoWithdrawalQueue.requestCalls({ symbol: 'stETH', amount, owner: OWNER });
    expect(rest).toEqual([]);
    expect(approve!.to).toBe(TOKENS.stETH);
    expect(decodeFunctionData({ abi: erc20Abi, data: approve!.data })).toEqual({ functionName: 'approve', args: [QUEUE, amount] });
    expect(request!.to).toBe(QUEUE);
    expect(request!.value).toBe(0n);
    expect(decodeFunctionData({ abi: lidoWithdrawalQueueAbi, data: request!.data })).toEqual({
      functionName: 'requestWithdrawals',
      args: [[parseEther('750'), parseEther('750')], OWNER],
    });
  });
  it('wstETH: approve on wstETH, requestWithdrawalsWstETH with chunks of at most 500 wstETH', () => {
    const amount = parseEther('1200');
    const [approve, request] = lidoWithdrawalQueue.requestCalls({ symbol: 'wstETH', amount, owner: OWNER });
    expect(approve!.to).toBe(TOKENS.wstETH);
    expect(decodeFunctionData({ abi: erc20Abi, data: approve!.data }).args).toEqual([QUEUE, amount]);
    expect(decodeFunctionData({ abi: lidoWithdrawalQueueAbi, data: request!.data })).toEqual({
      functionName: 'requestWithdrawalsWstETH',
      args: [[parseEther('400'), parseEther('400'), parseEther('400')], OWNER],
    });
  });
  it('refuses a token Lido does not take (withdraw.no-queue) and dust (withdraw.amount-too-small)', () => {
    expect(codeOf(() => lidoWithdrawalQueue.requestCalls({ symbol: 'rETH', amount: parseEther('1'), owner: OWNER }))).toBe(
      'withdraw.no-queue',
    );
    expect(codeOf(() => lidoWithdrawalQueue.requestCalls({ symbol: 'stETH', amount: 50n, owner: OWNER }))).toBe(
      'withdraw.amount-too-small',
    );
  });
  it('claim call: claimWithdrawals([id], [hint]) on the queue', () => {
    const c = lidoClaimCall(42n, 7n);
    expect(c.to).toBe(QUEUE);
    expect(decodeFunctionData({ abi: lidoWithdrawalQueueAbi, data: c.data })).toEqual({
      functionName: 'claimWithdrawals',
      args: [[42n], [7n]],
    });
  });
});

describe('WITHDRAWAL_QUEUES', () => {
  it('finds Lido by id and by the tokens it takes; none for a token without a queue here', () => {
    expect(WITHDRAWAL_QUEUES.map((q) => q.id)).toContain('lido');
    expect(withdrawalQueueById('lido')).toBe(lidoWithdrawalQueue);
    expect(withdrawalQueueFor('stETH')).toBe(lidoWithdrawalQueue);
    expect(withdrawalQueueFor('wstETH')).toBe(lidoWithdrawalQueue);
    expect(withdrawalQueueFor('rETH')).toBeUndefined();
    expect(withdrawalQueueById('nope')).toBeUndefined();
  });
});
