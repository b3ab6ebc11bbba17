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

/**
 * The reference the look-through devnet tests compare with: for each devnet staker, `delegatedTo` (checked to be its
 * seeded operator), `getWithdrawableShares` → `sharesToUnderlyingView`, and its operator's allocations.
 */
export async function stakerReference(ctx: DevnetContext, stakers: readonly LrtDevnetStaker[]): Promise<StakerReference> {
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args }) as Promise<T>;
  const strategy = EIGEN_STRATEGIES.stETH;
  const out: StakerReference = { byStaker: new Map(), byOperator: new Map(), bySet: new Map() };
  for (const s of stakers) {
    const [[shares]] = await read<[bigint[], bigint[]]>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'getWithdrawableShares', [
      s.staker,
      [strategy],
    ]);
    const value = await read<bigint>(strategy, 'EigenStrategy', 'sharesToUnderlyingView', [shares]);
    const op = await read<Address>(EIGENLAYER.delegationManager, 'EigenDelegationManager', 'delegatedTo', [s.staker]);
    expect(op).toBe(LRT_DEVNET_OPERATORS[s.operator]);
    out.byStaker.set(s.staker, value);
    out.byOperator.set(op, (out.byOperator.get(op) ?? 0n) + value);
    const max = await read<bigint>(EIGENLAYER.allocationManager, 'EigenAllocationManager', 'getMaxMagnitude', [op, strategy]);
    for (const a of LRT_DEVNET_ALLOCATIONS.filter((x) => x.operator === s.operator)) {
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
  expect(new Map(view.stakers.map((s) => [s.staker, s.ethValue]))).toEqual(want.byStaker);
  expect(new Map(view.exposure.byOperator.map((o) => [o.operator, o.restakedEth]))).toEqual(want.byOperator);
  const sets = new Map([...want.bySet].filter(([, v]) => v > 0n));
  expect(new Map(view.exposure.bySet.map((s) => [`${s.avs}:${s.id}`, s.atRiskEth]))).toEqual(sets);
  return view;
}
