import { AppError } from '../errors';
import { WAD, divWad, mulDiv, mulWad, mulWadUp } from './wad';

/**
 * EigenLayer slashing accounting, reproduced bit-for-bit from SlashingLib.sol and
 * AllocationManager._slashOperator (reference §6). Rounding direction matters: magnitude slashed
 * rounds UP (an operator cannot dodge a slash by dust), everything a staker can withdraw rounds DOWN.
 */

/** DepositScalingFactor storage of 0 means "never set" and reads as 1 WAD (SlashingLib.scalingFactor). */
const scalingFactorOf = (dsf: bigint): bigint => (dsf === 0n ? WAD : dsf);

/** SlashingLib.calcWithdrawable: depositShares.mulWad(dsf).mulWad(slashingFactor), both floors. */
export function withdrawableShares(depositShares: bigint, dsf: bigint, slashingFactor: bigint): bigint {
  return mulWad(mulWad(depositShares, scalingFactorOf(dsf)), slashingFactor);
}

export type SlashingFactorParameters = {
  /** false when the staker is not delegated: then m = WAD (no AVS slashing applies). */
  delegated: boolean;
  maxMagnitude: bigint;
  /** Only for the beacon-chain ETH strategy (EigenPods); omit for ERC-20 strategies. */
  beaconChainSlashingFactor?: bigint;
};

/** DelegationManager._getSlashingFactor: m, times l for native ETH, m = WAD when not delegated. */
export function slashingFactor({ delegated, maxMagnitude, beaconChainSlashingFactor }: SlashingFactorParameters): bigint {
  const m = delegated ? maxMagnitude : WAD;
  return beaconChainSlashingFactor === undefined ? m : mulWad(m, beaconChainSlashingFactor);
}

export type NewDepositScalingFactorParameters = {
  existingDepositShares: bigint;
  addedShares: bigint;
  /** The staker's current dsf (0 reads as WAD). */
  depositScalingFactor: bigint;
  slashingFactor: bigint;
};

/**
 * SlashingLib.update: k' = (s·k·sf + d) / ((s + d)·sf), so slashes before a deposit never touch it.
 * First deposit: k' = WAD / sf. Each division is a floor, in the contract's order.
 */
export function newDepositScalingFactor({
  existingDepositShares,
  addedShares,
  depositScalingFactor,
  slashingFactor: sf,
}: NewDepositScalingFactorParameters): bigint {
  if (sf === 0n)
    throw new AppError('Operator is fully slashed', {
      details: 'A slashing factor of 0 means deposits to this operator cannot be credited; choose another operator.',
    });
  if (existingDepositShares === 0n) return divWad(WAD, sf);
  const currentShares = withdrawableShares(existingDepositShares, depositScalingFactor, sf);
  return divWad(divWad(currentShares + addedShares, existingDepositShares + addedShares), sf);
}

export type SlashMagnitudeParameters = {
  currentMagnitude: bigint;
  maxMagnitude: bigint;
  /** Fraction of the allocation to slash, WAD, in (0, 1e18]. */
  wadToSlash: bigint;
  encumberedMagnitude?: bigint;
  /** Pending change of the allocation; negative is a deallocation still in its delay. */
  pendingDiff?: bigint;
};

export type SlashMagnitudeReturnType = {
  slashedMagnitude: bigint;
  /** Share of the operator's whole stake that is gone, WAD (emitted in OperatorSlashed). */
  wadSlashed: bigint;
  newMax: bigint;
  newCurrent: bigint;
  newEncumbered?: bigint;
  newPendingDiff?: bigint;
};

/** AllocationManager._slashOperator for one strategy. */
export function slashMagnitude({
  currentMagnitude,
  maxMagnitude,
  wadToSlash,
  encumberedMagnitude,
  pendingDiff,
}: SlashMagnitudeParameters): SlashMagnitudeReturnType {
  if (wadToSlash <= 0n || wadToSlash > WAD)
    throw new AppError('Slash fraction out of range', { details: `wadToSlash must be in (0, 1e18]; got ${wadToSlash}.` });
  if (currentMagnitude > maxMagnitude)
    throw new AppError('Allocation exceeds max magnitude', {
      details: 'currentMagnitude must not exceed maxMagnitude; re-read both at the same block.',
    });
  // The contract skips an allocation of 0: nothing is slashable there.
  const slashedMagnitude = currentMagnitude === 0n ? 0n : mulWadUp(currentMagnitude, wadToSlash);
  const wadSlashed = slashedMagnitude === 0n ? 0n : divWad(slashedMagnitude, maxMagnitude);
  const newPendingDiff =
    pendingDiff !== undefined && pendingDiff < 0n && slashedMagnitude > 0n ? pendingDiff + mulWadUp(-pendingDiff, wadToSlash) : pendingDiff;
  return {
    slashedMagnitude,
    wadSlashed,
    newMax: maxMagnitude - slashedMagnitude,
    newCurrent: currentMagnitude - slashedMagnitude,
    newEncumbered: encumberedMagnitude === undefined ? undefined : encumberedMagnitude - slashedMagnitude,
    newPendingDiff,
  };
}

export type OperatorSharesSlashedParameters = { operatorShares: bigint; prevMaxMagnitude: bigint; newMaxMagnitude: bigint };

/** SlashingLib.calcSlashedAmount: the kept part rounds up, so the burnt part rounds down. */
export function operatorSharesSlashed({ operatorShares, prevMaxMagnitude, newMaxMagnitude }: OperatorSharesSlashedParameters): bigint {
  return operatorShares - mulDiv(operatorShares, newMaxMagnitude, prevMaxMagnitude, 'ceil');
}

export type RealisedLossParameters = {
  /** ETH value of the position before the slash, wei. */
  ethValue: bigint;
  /** From OperatorSlashed.wadSlashed for the strategy. */
  wadSlashed: bigint;
};

export type RealisedLossReturnType = { lossWei: bigint; remainingWei: bigint; lossFraction: number };

/**
 * Withdrawable shares scale by 1 − wadSlashed for every delegated staker. The loss is rounded UP here
 * (a wallet should not understate a loss); the on-chain balance may differ by a wei of rounding.
 */
export function realisedLoss({ ethValue, wadSlashed }: RealisedLossParameters): RealisedLossReturnType {
  if (wadSlashed < 0n || wadSlashed > WAD)
    throw new AppError('wadSlashed out of range', { details: `Expected a WAD fraction in [0, 1e18]; got ${wadSlashed}.` });
  const lossWei = mulWadUp(ethValue, wadSlashed);
  return { lossWei, remainingWei: ethValue - lossWei, lossFraction: Number(wadSlashed) / Number(WAD) };
}
