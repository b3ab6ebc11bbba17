import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import type { ReadResult } from '../types';
import { queuedCalls, queuedOf } from './queued';

const node: Address = '0x000000000000000000000000000000000000e7e0';
const op: Address = '0x0000000000000000000000000000000000000e7a';
const s1: Address = '0x00000000000000000000000000000000000000s1'.replace('s1', '51') as Address;
const zero: Address = '0x0000000000000000000000000000000000000000';

const reads = (withdrawals: { delegatedTo: Address; startBlock: number; strategies: Address[] }[], shares: bigint[][], delay = 50) =>
  new Map<string, ReadResult>([
    [`lt:queued:${node}`, { ok: true, value: [withdrawals, shares] }],
    ['lt:withdrawalDelay', { ok: true, value: delay }],
  ]);

describe('queued withdrawals in the look-through', () => {
  test('slashable through startBlock + delay (inclusive), left out after; zero shares and undelegated handled', () => {
    const r = reads(
      [
        { delegatedTo: op, startBlock: 100, strategies: [s1] },
        { delegatedTo: zero, startBlock: 120, strategies: [s1, s1] },
      ],
      [[7n], [0n, 5n]],
    );
    expect(queuedOf(r, node, 150n)).toEqual([
      { operator: op, strategy: s1, shares: 7n, slashableUntil: 150n },
      { operator: null, strategy: s1, shares: 5n, slashableUntil: 170n },
    ]);
    expect(queuedOf(r, node, 151n)).toEqual([{ operator: null, strategy: s1, shares: 5n, slashableUntil: 170n }]);
    expect(queuedOf(r, node, 171n)).toEqual([]);
    // Without a block (round 3 planning): every withdrawal.
    expect(queuedOf(r, node)).toHaveLength(2);
  });

  test('a failed read is an error, never an empty queue; no stakers, no calls', () => {
    const r = new Map<string, ReadResult>([[`lt:queued:${node}`, { ok: false, error: 'reverted' }]]);
    expect(queuedOf(r, node, 1n)).toEqual({ error: `getQueuedWithdrawals(${node}): reverted` });
    expect(queuedCalls([])).toEqual([]);
    expect(queuedCalls([node]).map((c) => c.functionName)).toEqual(['minWithdrawalDelayBlocks', 'getQueuedWithdrawals']);
  });
});
