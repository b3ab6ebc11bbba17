import { describe, expect, it } from 'vitest';
import {
  newDepositScalingFactor,
  operatorSharesSlashed,
  realisedLoss,
  slashMagnitude,
  slashingFactor,
  withdrawableShares,
} from './slashing';

const WAD = 10n ** 18n;
const e18 = (n: number) => BigInt(Math.round(n * 1e6)) * 10n ** 12n;

describe('withdrawableShares (SlashingLib.calcWithdrawable)', () => {
  it('scales deposit shares by dsf and slashing factor', () => {
    expect(withdrawableShares(100n * WAD, WAD, e18(0.9))).toBe(90n * WAD);
  });
  it('floors each multiplication: 3 × 1.0 × 0.5 = 1.5 → 1', () => {
    expect(withdrawableShares(3n, WAD, e18(0.5))).toBe(1n);
  });
  it('floors after dsf first: 3 shares × dsf 0.5 → 1, × sf 0.99 → 0', () => {
    // Order matters: (3·0.5)=1 then (1·0.99)=0; doing sf first would give (3·0.99)=2, (2·0.5)=1.
    expect(withdrawableShares(3n, e18(0.5), e18(0.99))).toBe(0n);
  });
  it('reads a stored dsf of 0 as 1 WAD (never set)', () => {
    expect(withdrawableShares(7n * WAD, 0n, WAD)).toBe(7n * WAD);
  });
});

describe('slashingFactor', () => {
  it('is WAD when not delegated, m when delegated, m·l for native ETH', () => {
    expect(slashingFactor({ delegated: false, maxMagnitude: e18(0.5) })).toBe(WAD);
    expect(slashingFactor({ delegated: true, maxMagnitude: e18(0.5) })).toBe(e18(0.5));
    expect(slashingFactor({ delegated: true, maxMagnitude: e18(0.5), beaconChainSlashingFactor: e18(0.8) })).toBe(e18(0.4));
  });
});

describe('slashMagnitude (AllocationManager._slashOperator)', () => {
  it('slashes 10 % of a full allocation (1e18 → 0.9e18)', () => {
    const r = slashMagnitude({ currentMagnitude: WAD, maxMagnitude: WAD, wadToSlash: e18(0.1), encumberedMagnitude: WAD });
    expect(r).toEqual({
      slashedMagnitude: e18(0.1),
      wadSlashed: e18(0.1),
      newMax: e18(0.9),
      newCurrent: e18(0.9),
      newEncumbered: e18(0.9),
      newPendingDiff: undefined,
    });
  });
  it('rounds the slashed magnitude UP: 3 × 0.5 = 1.5 → 2, wadSlashed = 2/10 floored', () => {
    const r = slashMagnitude({ currentMagnitude: 3n, maxMagnitude: 10n, wadToSlash: e18(0.5) });
    expect(r.slashedMagnitude).toBe(2n);
    expect(r.wadSlashed).toBe(e18(0.2));
    expect(r.newMax).toBe(8n);
    expect(r.newCurrent).toBe(1n);
  });
  it('never rounds a tiny slash to zero', () => {
    expect(slashMagnitude({ currentMagnitude: 1n, maxMagnitude: WAD, wadToSlash: 1n }).slashedMagnitude).toBe(1n);
  });
  it('wadSlashed floors: 1 of 3 max magnitude = 333…333', () => {
    expect(slashMagnitude({ currentMagnitude: 1n, maxMagnitude: 3n, wadToSlash: WAD }).wadSlashed).toBe(333_333_333_333_333_333n);
  });
  it('a slash on a partial allocation takes its share of the whole stake', () => {
    // 30 % allocated to the set, slashed 50 % → 15 % of the operator's stake.
    const r = slashMagnitude({ currentMagnitude: e18(0.3), maxMagnitude: WAD, wadToSlash: e18(0.5) });
    expect(r.wadSlashed).toBe(e18(0.15));
  });
  it('reduces a pending deallocation proportionally, rounding the reduction up', () => {
    expect(
      slashMagnitude({ currentMagnitude: e18(0.5), maxMagnitude: WAD, wadToSlash: e18(0.1), pendingDiff: -e18(0.3) }).newPendingDiff,
    ).toBe(-e18(0.27));
    expect(slashMagnitude({ currentMagnitude: 10n, maxMagnitude: 10n, wadToSlash: e18(0.5), pendingDiff: -3n }).newPendingDiff).toBe(-1n);
    // A pending allocation (positive) is not touched.
    expect(slashMagnitude({ currentMagnitude: 10n, maxMagnitude: 20n, wadToSlash: e18(0.5), pendingDiff: 4n }).newPendingDiff).toBe(4n);
  });
  it('skips an empty allocation and rejects out-of-range fractions', () => {
    expect(slashMagnitude({ currentMagnitude: 0n, maxMagnitude: WAD, wadToSlash: WAD }).slashedMagnitude).toBe(0n);
    expect(() => slashMagnitude({ currentMagnitude: 1n, maxMagnitude: WAD, wadToSlash: 0n })).toThrow(/out of range/);
    expect(() => slashMagnitude({ currentMagnitude: 1n, maxMagnitude: WAD, wadToSlash: WAD + 1n })).toThrow(/out of range/);
  });
});

describe('operatorSharesSlashed (SlashingLib.calcSlashedAmount)', () => {
  it('10 000 shares, max 1 → 0.9: burns 1 000', () => {
    expect(operatorSharesSlashed({ operatorShares: 10_000n, prevMaxMagnitude: WAD, newMaxMagnitude: e18(0.9) })).toBe(1000n);
  });
  it('keeps the ceiling: 7 × 2/3 = 4.67 → keep 5, burn 2', () => {
    expect(operatorSharesSlashed({ operatorShares: 7n, prevMaxMagnitude: 3n, newMaxMagnitude: 2n })).toBe(2n);
  });
});

describe('newDepositScalingFactor and the §6 flow', () => {
  it('first deposit under a slashed operator: k = WAD / m (floor)', () => {
    expect(
      newDepositScalingFactor({ existingDepositShares: 0n, addedShares: WAD, depositScalingFactor: 0n, slashingFactor: e18(0.9) }),
    ).toBe(1_111_111_111_111_111_111n);
  });

  it('deposit → slash 50 % → deposit → slash 10 %: earlier slashes never touch new money', () => {
    // 1. Deposit 100 with m = 1: k = 1, a = 100.
    let k = newDepositScalingFactor({ existingDepositShares: 0n, addedShares: 100n * WAD, depositScalingFactor: 0n, slashingFactor: WAD });
    expect(k).toBe(WAD);
    let m = WAD;
    expect(withdrawableShares(100n * WAD, k, m)).toBe(100n * WAD);

    // 2. The operator (fully allocated to one set) is slashed 50 %: m = 0.5, a = 50.
    const first = slashMagnitude({ currentMagnitude: m, maxMagnitude: m, wadToSlash: e18(0.5) });
    m = first.newMax;
    expect(m).toBe(e18(0.5));
    expect(withdrawableShares(100n * WAD, k, m)).toBe(50n * WAD);

    // 3. Deposit 50 more: k' = (100·1·0.5 + 50) / (150·0.5) = 4/3, computed as two floored divWads:
    //    100e18·1e18/150e18 = 666 666 666 666 666 666; ·1e18/0.5e18 = 1 333 333 333 333 333 332.
    k = newDepositScalingFactor({ existingDepositShares: 100n * WAD, addedShares: 50n * WAD, depositScalingFactor: k, slashingFactor: m });
    expect(k).toBe(1_333_333_333_333_333_332n);
    // a = 150e18 · k = 199 999 999 999 999 999 800 → · 0.5 = 99 999 999 999 999 999 900 (100 ETH − 100 wei dust).
    expect(withdrawableShares(150n * WAD, k, m)).toBe(99_999_999_999_999_999_900n);

    // 4. Slash 10 % more: current 0.5 → slashed 0.05, wadSlashed = 0.05 / 0.5 = 10 %, m = 0.45.
    const second = slashMagnitude({ currentMagnitude: m, maxMagnitude: m, wadToSlash: e18(0.1) });
    expect(second.wadSlashed).toBe(e18(0.1));
    m = second.newMax;
    expect(m).toBe(e18(0.45));
    // 199 999 999 999 999 999 800 · 0.45 = 89 999 999 999 999 999 910.
    expect(withdrawableShares(150n * WAD, k, m)).toBe(89_999_999_999_999_999_910n);
  });

  it('rejects a fully slashed operator', () => {
    expect(() =>
      newDepositScalingFactor({ existingDepositShares: 1n, addedShares: 1n, depositScalingFactor: WAD, slashingFactor: 0n }),
    ).toThrow(/fully slashed/);
  });
});

describe('realisedLoss', () => {
  it('10 ETH slashed 10 % loses 1 ETH', () => {
    expect(realisedLoss({ ethValue: 10n * WAD, wadSlashed: e18(0.1) })).toEqual({
      lossWei: WAD,
      remainingWei: 9n * WAD,
      lossFraction: 0.1,
    });
  });
  it('rounds the loss up: 3 wei × 50 % = 2 wei', () => {
    expect(realisedLoss({ ethValue: 3n, wadSlashed: e18(0.5) }).lossWei).toBe(2n);
  });
});
