import type { Address } from 'viem';
import { AppError } from '../errors';
import { ethAtRiskPerSet, lrtExposure, type AllocationInput } from './exposure';
import { operatorConcentration, type OperatorShare } from './operator-concentration';
import { WAD, mulDiv, mulWad } from './wad';

/**
 * Look-through of one LRT (issue #15 item 3): the protocol's staker contracts are EigenLayer stakers,
 * so the reference §6 math applies to each of them, then sums per operator, per operator set and per
 * AVS. Every amount is wei of ETH, every share a WAD fraction (1e18 = 100 %).
 */

/** One staker contract's stake in one strategy, already valued in ETH (withdrawable shares × fair rate). */
export type LrtStakerPosition = { staker: Address; operator: Address | null; strategy: Address; ethValue: bigint };

/** An operator's magnitudes for one strategy (AllocationManager.getMaxMagnitude / getStrategyAllocations). */
export type OperatorMagnitudes = { operator: Address; strategy: Address; maxMagnitude: bigint; allocations: readonly AllocationInput[] };

export type LrtLookThroughParameters = {
  /** LRT totalSupply, wei. */
  supply: bigint;
  /** ETH per 1 LRT, WAD (reference §1.1). */
  fairRate: bigint;
  positions: readonly LrtStakerPosition[];
  magnitudes: readonly OperatorMagnitudes[];
  currentBlock?: bigint;
};

export type { OperatorShare };
export type SetRisk = { avs: Address; id: number; atRiskEth: bigint; shareOfBackingWad: bigint };
export type AvsRisk = { avs: Address; atRiskEth: bigint; shareOfBackingWad: bigint };

export type LrtLookThroughReturnType = {
  /** supply × fair rate: the ETH the LRT claims to hold. */
  backingEth: bigint;
  /** Σ value of stakers delegated to an operator: the part AVS slashing can reach. */
  restakedEth: bigint;
  /** Stakers in EigenLayer but not delegated: no AVS slashing. */
  undelegatedEth: bigint;
  byOperator: OperatorShare[];
  /** ETH lost if that one operator set slashes 100 % of its allocations (Σ over the LRT's operators in it). */
  bySet: SetRisk[];
  /** Σ of the AVS's sets: every set of that AVS slashes 100 %. */
  byAvs: AvsRisk[];
  topOperator: OperatorShare | null;
  /** Herfindahl–Hirschman index of restaked ETH over operators, 0..1 (1 = a single operator). */
  hhi: number;
  /** The single operator set whose full slash costs the LRT most. */
  worstSet: SetRisk | null;
  /** Every set of every operator slashes 100 % (encumbered / max magnitude, §6 step 4). */
  worstCaseEth: bigint;
};

const key = (avs: Address, id: number) => `${avs.toLowerCase()}:${id}`;
const desc =
  <T>(value: (t: T) => bigint) =>
  (x: T, y: T) =>
    value(y) > value(x) ? 1 : value(y) < value(x) ? -1 : 0;
const shareOf = (part: bigint, whole: bigint) => (whole > 0n ? mulDiv(part, WAD, whole) : 0n);

export function lrtLookThrough({
  supply,
  fairRate,
  positions,
  magnitudes,
  currentBlock,
}: LrtLookThroughParameters): LrtLookThroughReturnType {
  const backingEth = mulWad(supply, fairRate);
  const find = (operator: Address, strategy: Address) =>
    magnitudes.find((m) => m.operator.toLowerCase() === operator.toLowerCase() && m.strategy.toLowerCase() === strategy.toLowerCase());

  const delegated: { operator: Address; restakedEth: bigint }[] = [];
  const sets = new Map<string, { avs: Address; id: number; atRiskEth: bigint }>();
  let restakedEth = 0n;
  let undelegatedEth = 0n;
  let worstCaseEth = 0n;
  for (const p of positions) {
    if (p.operator === null) {
      undelegatedEth += p.ethValue;
      continue;
    }
    restakedEth += p.ethValue;
    delegated.push({ operator: p.operator, restakedEth: p.ethValue });
    const m = find(p.operator, p.strategy);
    if (!m)
      throw new AppError('Operator magnitudes missing', {
        details: `No magnitudes of operator ${p.operator} for strategy ${p.strategy}: read them at the same block before the look-through.`,
      });
    if (p.ethValue === 0n || m.maxMagnitude === 0n) continue;
    const r = ethAtRiskPerSet({
      ethValue: p.ethValue,
      maxMagnitude: m.maxMagnitude,
      allocations: m.allocations,
      fraction: WAD,
      currentBlock,
    });
    worstCaseEth += r.worstCase.ethAtRisk;
    for (const s of r.perSet) {
      const k = key(s.operatorSet.avs, s.operatorSet.id);
      const set = sets.get(k) ?? { avs: s.operatorSet.avs, id: s.operatorSet.id, atRiskEth: 0n };
      set.atRiskEth += s.ethAtRiskFull;
      sets.set(k, set);
    }
  }

  const { byOperator, topOperator, hhi } = operatorConcentration(delegated);
  const bySet = [...sets.values()]
    .filter((s) => s.atRiskEth > 0n)
    .map((s) => ({ ...s, shareOfBackingWad: shareOf(s.atRiskEth, backingEth) }))
    .sort(desc((s) => s.atRiskEth));
  const avs = new Map<string, { avs: Address; atRiskEth: bigint }>();
  for (const s of bySet) {
    const entry = avs.get(s.avs.toLowerCase()) ?? { avs: s.avs, atRiskEth: 0n };
    entry.atRiskEth += s.atRiskEth;
    avs.set(s.avs.toLowerCase(), entry);
  }
  const byAvs = [...avs.values()]
    .map((x) => ({ ...x, shareOfBackingWad: shareOf(x.atRiskEth, backingEth) }))
    .sort(desc((x) => x.atRiskEth));
  return {
    backingEth,
    restakedEth,
    undelegatedEth,
    byOperator,
    bySet,
    byAvs,
    topOperator,
    hhi,
    worstSet: bySet[0] ?? null,
    worstCaseEth,
  };
}

export type HolderLossParameters = { holderBalance: bigint; supply: bigint; protocolLossEth: bigint };

/** The holder's part of a protocol loss: balance / supply × loss (reference §6 step 6), floor. */
export function holderShareOfLoss({ holderBalance, supply, protocolLossEth }: HolderLossParameters): bigint {
  return lrtExposure({ holderBalance, totalSupply: supply, protocolAtRiskEth: protocolLossEth }).holderAtRiskEth;
}
