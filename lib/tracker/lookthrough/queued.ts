import { zeroAddress, type Address } from 'viem';
import { delegationManagerAbi } from '../../chain/abis';
import { EIGENLAYER } from '../../restaking/addresses';
import type { ReadCall, Reads } from '../types';

/**
 * Shares a staker has queued for withdrawal stay slashable until the withdrawal is completable (reference §6: queued
 * withdrawals take any slash until startBlock + minWithdrawalDelayBlocks, "add queued withdrawals at the same ratios
 * until completable"; DelegationManager completes them with the slashing factor at that block). getQueuedWithdrawals
 * answers each withdrawal with its shares already scaled by the slashing so far, and the operator it was queued from
 * (`delegatedTo`), whose magnitudes then apply.
 */
const DM = EIGENLAYER.delegationManager;
const key = {
  queued: (staker: Address) => `lt:queued:${staker}`,
  delay: 'lt:withdrawalDelay',
};
/**
 * Declared gas of one getQueuedWithdrawals: the roots array (cold slot), per withdrawal its stored struct (~8 slots)
 * and AllocationManager.getMaxMagnitudesAtBlock. A node with nothing queued takes ~5k; 40k covers one or two.
 */
const QUEUED_GAS = 40_000n;

export const queuedCalls = (stakers: readonly Address[]): ReadCall[] =>
  stakers.length === 0
    ? []
    : [
        { key: key.delay, address: DM, abi: delegationManagerAbi, functionName: 'minWithdrawalDelayBlocks', gas: 10_000n },
        ...stakers.map((staker): ReadCall => ({
          key: key.queued(staker),
          address: DM,
          abi: delegationManagerAbi,
          functionName: 'getQueuedWithdrawals',
          args: [staker],
          gas: QUEUED_GAS,
        })),
      ];

/** One strategy of one queued withdrawal. */
export type QueuedShares = { operator: Address | null; strategy: Address; shares: bigint; slashableUntil: bigint };

type Withdrawal = { delegatedTo: Address; startBlock: number; strategies: readonly Address[] };

/**
 * The staker's queued shares still slashable at `blockNumber` (all of them when the block is not known), or the
 * error text of a read that failed. Completable withdrawals are left out: no slash reaches them any more.
 */
export function queuedOf(reads: Reads, staker: Address, blockNumber?: bigint): QueuedShares[] | { error: string } {
  const q = reads.get(key.queued(staker));
  const d = reads.get(key.delay);
  if (!q?.ok) return { error: `getQueuedWithdrawals(${staker}): ${q && !q.ok ? q.error : 'not read'}` };
  if (!d?.ok) return { error: `minWithdrawalDelayBlocks(): ${d && !d.ok ? d.error : 'not read'}` };
  const [withdrawals, shares] = q.value as readonly [readonly Withdrawal[], readonly (readonly bigint[])[]];
  const delay = BigInt(d.value as number);
  const out: QueuedShares[] = [];
  withdrawals.forEach((w, i) => {
    const slashableUntil = BigInt(w.startBlock) + delay;
    if (blockNumber !== undefined && blockNumber > slashableUntil) return;
    w.strategies.forEach((strategy, j) => {
      const n = shares[i]?.[j] ?? 0n;
      if (n > 0n) out.push({ operator: w.delegatedTo === zeroAddress ? null : w.delegatedTo, strategy, shares: n, slashableUntil });
    });
  });
  return out;
}
