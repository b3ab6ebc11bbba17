import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { holderShareOfLoss, lrtLookThrough, type OperatorMagnitudes } from './lrt-lookthrough';

// Hand-computed example (numbers in the comments are worked out by hand, not by the code).
const E = 10n ** 18n;
const opA: Address = '0x000000000000000000000000000000000000000A';
const opB: Address = '0x000000000000000000000000000000000000000b';
const avs1: Address = '0x0000000000000000000000000000000000000AA1';
const avs2: Address = '0x0000000000000000000000000000000000000aa2';
const stETH: Address = '0x93c4b944D05dfe6df7645A86cd2206016c51564D';
const beacon: Address = '0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0';
const staker = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const set = (avs: Address, id: number, magnitude: bigint) => ({ operatorSet: { avs, id }, currentMagnitude: magnitude });

const positions = [
  { staker: staker(1), operator: opA, strategy: stETH, ethValue: 40n * E },
  { staker: staker(2), operator: opB, strategy: stETH, ethValue: 30n * E },
  { staker: staker(3), operator: opA, strategy: beacon, ethValue: 20n * E },
  { staker: staker(4), operator: null, strategy: stETH, ethValue: 10n * E },
];
const magnitudes: OperatorMagnitudes[] = [
  // A, stETH: untouched max 1.0; 30 % to (avs1, 1), 20 % to (avs1, 2).
  { operator: opA, strategy: stETH, maxMagnitude: E, allocations: [set(avs1, 1, (3n * E) / 10n), set(avs1, 2, (2n * E) / 10n)] },
  // A, beacon ETH: 50 % to (avs2, 1).
  { operator: opA, strategy: beacon, maxMagnitude: E, allocations: [set(avs2, 1, E / 2n)] },
  // B, stETH: slashed before, max 0.8; 0.4 to (avs1, 1) = half of what is left, 0.2 to (avs2, 1) = a quarter.
  {
    operator: opB,
    strategy: stETH,
    maxMagnitude: (8n * E) / 10n,
    allocations: [set(avs1, 1, (4n * E) / 10n), set(avs2, 1, (2n * E) / 10n)],
  },
];
const supply = 100n * E;
const fairRate = (105n * E) / 100n;

describe('lrtLookThrough', () => {
  const r = lrtLookThrough({ supply, fairRate, positions, magnitudes });

  test('backing, restaked and undelegated ETH', () => {
    expect(r.backingEth).toBe(105n * E); // 100 × 1.05
    expect(r.restakedEth).toBe(90n * E); // 40 + 30 + 20
    expect(r.undelegatedEth).toBe(10n * E);
  });

  test('restaked ETH by operator and concentration', () => {
    expect(r.byOperator.map((o) => [o.operator, o.restakedEth])).toEqual([
      [opA, 60n * E],
      [opB, 30n * E],
    ]);
    expect(r.topOperator?.operator).toBe(opA);
    expect(r.topOperator?.shareWad).toBe((2n * E) / 3n); // 60 / 90, floor
    expect(r.hhi).toBeCloseTo(5 / 9, 9); // (2/3)² + (1/3)²
  });

  test('ETH at risk per operator set and per AVS = allocated magnitude / max × stake', () => {
    expect(r.bySet.map((s) => [s.avs, s.id, s.atRiskEth])).toEqual([
      [avs1, 1, 27n * E], // A 40 × 0.3 = 12, B 30 × 0.4 / 0.8 = 15
      [avs2, 1, (35n * E) / 2n], // A 20 × 0.5 = 10, B 30 × 0.2 / 0.8 = 7.5
      [avs1, 2, 8n * E], // A 40 × 0.2
    ]);
    expect(r.byAvs.map((x) => [x.avs, x.atRiskEth])).toEqual([
      [avs1, 35n * E],
      [avs2, (35n * E) / 2n],
    ]);
    expect(r.worstCaseEth).toBe((105n * E) / 2n); // A 40×0.5 + 20×0.5 + B 30×0.6/0.8 = 20 + 10 + 22.5
  });

  test('worst single-set slash as a share of backing, and a holder’s part of it', () => {
    expect(r.worstSet).toMatchObject({ avs: avs1, id: 1, atRiskEth: 27n * E });
    expect(Number(r.worstSet!.shareOfBackingWad) / 1e18).toBeCloseTo(27 / 105, 9);
    expect(holderShareOfLoss({ holderBalance: 2n * E, supply, protocolLossEth: r.worstSet!.atRiskEth })).toBe((54n * E) / 100n); // 2 % of 27
  });

  test('an operator without magnitudes is an error, not a zero', () => {
    expect(() => lrtLookThrough({ supply, fairRate, positions, magnitudes: magnitudes.slice(1) })).toThrow(/magnitudes missing/);
  });

  test('nothing delegated: no sets, no top operator, HHI 0', () => {
    const none = lrtLookThrough({ supply, fairRate, positions: [positions[3]!], magnitudes: [] });
    expect([none.restakedEth, none.worstSet, none.topOperator, none.hhi, none.worstCaseEth]).toEqual([0n, null, null, 0, 0n]);
  });
});
