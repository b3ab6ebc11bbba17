import { expect } from 'vitest';
import type { Address } from 'viem';
import { EIGEN_STRATEGIES, EIGENLAYER } from '../../lib/restaking/addresses';
import type { LrtLookThroughView } from '../../lib/tracker/lookthrough/read-lookthrough';
import { artifact, type DevnetContext } from './context';
import { LRT_DEVNET_ALLOCATIONS, LRT_DEVNET_AVS, LRT_DEVNET_OPERATORS, type LrtDevnetStaker } from './seed/lrt';

/** What an LRT's stakers hold in EigenLayer, computed by the test from raw reads (its own code, not the reader's). */
export type StakerReference = {
  /** Each staker's ETH: withdrawable stETH-strategy shares priced by the strategy (stETH ≙ 1 ETH). */
  byStaker: Map<Address, bigint>;
  /** Σ stakers' ETH per operator they are delegated to. */
  byOperator: Map<Address, bigint>;
  /** ETH at risk per operator set "avs:id": value × current magnitude / max magnitude, floor (reference §6). */
  bySet: Map<string, bigint>;
};

type Withdrawal = { delegatedTo: Address; startBlock: number; strategies: readonly Address[] };

/**
 * The reference the look-through devnet tests compare with: for each devnet staker, `delegatedTo` (checked to be its
 * seeded operator), `getWithdrawableShares` → `sharesToUnderlyingView`, and its operator's allocations. With
 * `queuedAt`, each of the staker's queued withdrawals still slashable at that block (block ≤ startBlock +
 * minWithdrawalDelayBlocks, reference §6 step 4) counts too, under the operator it was queued from. With
 * `blockNumber`, every read is made at that block (the block a snapshot was taken at).
 */
export async function stakerReference(
  ctx: DevnetContext,
  stakers: readonly Pick<LrtDevnetStaker, 'staker' | 'operator'>[],
  { queuedAt, blockNumber }: { queuedAt?: bigint; blockNumber?: bigint } = {},
): Promise<StakerReference & { queuedCounted: number }> {
  const at = blockNumber === undefined ? {} : { blockNumber };
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args, ...at }) as Promise<T>;
  const DM = EIGENLAYER.delegationManager;
  const strategy = EIGEN_STRATEGIES.stETH;
  const out = {
    byStaker: new Map<Address, bigint>(),
    byOperator: new Map<Address, bigint>(),
    bySet: new Map<string, bigint>(),
    queuedCounted: 0,
  };
  const position = async (staker: Address, op: Address, shares: bigint) => {
    const value = await read<bigint>(strategy, 'EigenStrategy', 'sharesToUnderlyingView', [shares]);
    out.byStaker.set(staker, (out.byStaker.get(staker) ?? 0n) + value);
    out.byOperator.set(op, (out.byOperator.get(op) ?? 0n) + value);
    const name = Object.entries(LRT_DEVNET_OPERATORS).find(([, x]) => x === op)![0];
    const max = await read<bigint>(EIGENLAYER.allocationManager, 'EigenAllocationManager', 'getMaxMagnitude', [op, strategy]);
    for (const a of LRT_DEVNET_ALLOCATIONS.filter((x) => x.operator === name)) {
      const set = { avs: LRT_DEVNET_AVS[a.avs], id: a.id };
      const { currentMagnitude } = await read<{ currentMagnitude: bigint }>(
        EIGENLAYER.allocationManager,
        'EigenAllocationManager',
        'getAllocation',
        [op, set, strategy],
      );
      const key = `${set.avs}:${set.id}`;
      out.bySet.set(key, (out.bySet.get(key) ?? 0n) + (value * currentMagnitude) / max);
    }
  };
  const delay = queuedAt === undefined ? 0n : BigInt(await read<number>(DM, 'EigenDelegationManager', 'minWithdrawalDelayBlocks'));
  for (const s of stakers) {
    const [[shares]] = await read<[bigint[], bigint[]]>(DM, 'EigenDelegationManager', 'getWithdrawableShares', [s.staker, [strategy]]);
    const op = await read<Address>(DM, 'EigenDelegationManager', 'delegatedTo', [s.staker]);
    expect(op).toBe(LRT_DEVNET_OPERATORS[s.operator]);
    await position(s.staker, op, shares!);
    if (queuedAt === undefined) continue;
    const [ws, qs] = await read<[Withdrawal[], bigint[][]]>(DM, 'EigenDelegationManager', 'getQueuedWithdrawals', [s.staker]);
    for (const [i, w] of ws.entries()) {
      if (queuedAt > BigInt(w.startBlock) + delay) continue; // completable: no slash reaches it any more
      expect(w.strategies).toEqual([strategy]);
      out.queuedCounted += 1;
      await position(s.staker, w.delegatedTo, qs[i]![0]!);
    }
  }
  return out;
}

/**
 * The reader's view equals the reference: known, supply and fair rate, every staker's ETH, ETH per operator and per set
 * (sets with nothing at risk are not listed). Returns the view narrowed to 'known' for the caller's own checks.
 */
export function expectLookThroughEquals(
  view: LrtLookThroughView | undefined,
  want: StakerReference & { supply: bigint; fairRate: bigint },
): Extract<LrtLookThroughView, { status: 'known' }> | undefined {
  expect(view?.status).toBe('known');
  if (view?.status !== 'known') return undefined;
  expect(view.supply).toBe(want.supply);
  expect(view.fairRate).toBe(want.fairRate);
  expectExposureEquals(view, want);
  return view;
}

/** The view is known, and every staker's ETH, the ETH per operator and per set (sets at zero left out) equal the reference. */
export function expectExposureEquals(view: LrtLookThroughView | undefined, want: StakerReference): void {
  expect(view?.status).toBe('known');
  if (view?.status !== 'known') return;
  expect(new Map(view.stakers.map((s) => [s.staker, s.ethValue]))).toEqual(want.byStaker);
  expect(new Map(view.exposure.byOperator.map((o) => [o.operator, o.restakedEth]))).toEqual(want.byOperator);
  const sets = new Map([...want.bySet].filter(([, v]) => v > 0n));
  expect(new Map(view.exposure.bySet.map((s) => [`${s.avs}:${s.id}`, s.atRiskEth]))).toEqual(sets);
}
