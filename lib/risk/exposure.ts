import type { Address } from 'viem';
import { AppError } from '../errors';
import { mulWadUp, mulDiv, WAD } from './wad';

export type OperatorSet = { avs: Address; id: number };

export type AllocationInput = {
  operatorSet: OperatorSet;
  currentMagnitude: bigint;
  /** Signed pending change; negative = deallocation (still slashable until effectBlock). */
  pendingDiff?: bigint;
  effectBlock?: bigint;
};

export type EthAtRiskPerSetParameters = {
  /** ETH value of the staker's withdrawable shares in this strategy, wei. */
  ethValue: bigint;
  maxMagnitude: bigint;
  allocations: readonly AllocationInput[];
  /** Slash size to price, WAD fraction of each set's allocation (1e17 = 10 %). */
  fraction: bigint;
  /** Block the allocations were read at; decides whether pending changes already took effect. */
  currentBlock?: bigint;
};

export type SetExposure = {
  operatorSet: OperatorSet;
  /** Magnitude slashable now (AllocationManager._getUpdatedAllocation semantics). */
  slashableMagnitude: bigint;
  /** ETH lost if this set slashes `fraction`. */
  ethAtRisk: bigint;
  /** ETH lost if this set slashes 100 %. */
  ethAtRiskFull: bigint;
};

export type EthAtRiskPerSetReturnType = {
  perSet: SetExposure[];
  /** Every set slashes 100 %: Σ max(current, current + pending) / m, i.e. encumbered / max. */
  worstCase: { magnitude: bigint; ethAtRisk: bigint; fraction: number };
};

/**
 * A pending change applies once `effectBlock` is reached. Without `currentBlock` the change is
 * treated as not yet applied, which keeps a pending deallocation slashable (the conservative side).
 */
function slashableNow({ currentMagnitude, pendingDiff = 0n, effectBlock }: AllocationInput, currentBlock?: bigint): bigint {
  const applied = pendingDiff !== 0n && effectBlock !== undefined && currentBlock !== undefined && currentBlock >= effectBlock;
  return applied ? currentMagnitude + pendingDiff : currentMagnitude;
}

/** Mirrors the contract: magnitude slashed rounds up, then ETH value scales by slashed/max (floor). */
function ethForSlash(ethValue: bigint, magnitude: bigint, fraction: bigint, maxMagnitude: bigint): bigint {
  if (magnitude === 0n) return 0n;
  return mulDiv(ethValue, mulWadUp(magnitude, fraction), maxMagnitude);
}

/** Reference §6 wallet algorithm step 4: ETH at risk = value × (mag_i / m) × p, per operator set. */
export function ethAtRiskPerSet({
  ethValue,
  maxMagnitude,
  allocations,
  fraction,
  currentBlock,
}: EthAtRiskPerSetParameters): EthAtRiskPerSetReturnType {
  if (maxMagnitude === 0n)
    throw new AppError('Operator has no magnitude left', {
      details: 'maxMagnitude is 0: the operator was slashed fully, the delegated stake is already gone.',
    });
  if (fraction < 0n || fraction > WAD)
    throw new AppError('Slash fraction out of range', { details: `fraction must be a WAD value in [0, 1e18]; got ${fraction}.` });
  const perSet = allocations.map((allocation) => {
    const slashableMagnitude = slashableNow(allocation, currentBlock);
    return {
      operatorSet: allocation.operatorSet,
      slashableMagnitude,
      ethAtRisk: ethForSlash(ethValue, slashableMagnitude, fraction, maxMagnitude),
      ethAtRiskFull: ethForSlash(ethValue, slashableMagnitude, WAD, maxMagnitude),
    };
  });
  let magnitude = 0n;
  for (const { currentMagnitude, pendingDiff = 0n } of allocations) {
    const withPending = currentMagnitude + pendingDiff;
    magnitude += withPending > currentMagnitude ? withPending : currentMagnitude;
  }
  const capped = magnitude > maxMagnitude ? maxMagnitude : magnitude;
  return {
    perSet,
    worstCase: { magnitude: capped, ethAtRisk: mulDiv(ethValue, capped, maxMagnitude), fraction: Number(capped) / Number(maxMagnitude) },
  };
}

export type LrtExposureParameters = { holderBalance: bigint; totalSupply: bigint; protocolAtRiskEth: bigint };
export type LrtExposureReturnType = { holderAtRiskEth: bigint; shareOfSupplyWad: bigint };

/** Reference §6 step 6: a holder carries balance / supply of everything the LRT has at risk (floor). */
export function lrtExposure({ holderBalance, totalSupply, protocolAtRiskEth }: LrtExposureParameters): LrtExposureReturnType {
  if (totalSupply <= 0n)
    throw new AppError('Token supply is zero', { details: 'totalSupply() returned 0; the exposure cannot be split. Re-read the token.' });
  if (holderBalance > totalSupply)
    throw new AppError('Balance exceeds total supply', {
      details: 'balanceOf and totalSupply were probably read at different blocks; read both in one multicall.',
    });
  return {
    holderAtRiskEth: mulDiv(protocolAtRiskEth, holderBalance, totalSupply),
    shareOfSupplyWad: mulDiv(holderBalance, WAD, totalSupply),
  };
}
