import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { aggregateExposure, concentrationChange, lrtAmountByOperator, type ExposureHolding } from './portfolio-exposure';

const A = '0x0e7a000000000000000000000000000000000001' as Address;
const B = '0x0e7a000000000000000000000000000000000002' as Address;
const X = '0x0a75000000000000000000000000000000000001' as Address;
const Y = '0x0a75000000000000000000000000000000000002' as Address;
const E = 10n ** 18n;

const holdings: ExposureHolding[] = [
  {
    id: 'rs',
    label: 'rsETH',
    status: 'known',
    byOperator: [
      { operator: A, restakedEth: 3n * E },
      { operator: B, restakedEth: 2n * E },
    ],
    bySet: [{ avs: X, id: 1, atRiskEth: 2n * E }],
  },
  {
    id: 'ez',
    label: 'ezETH',
    status: 'known',
    byOperator: [{ operator: A, restakedEth: 4n * E }],
    bySet: [
      { avs: X, id: 1, atRiskEth: E },
      { avs: Y, id: 1, atRiskEth: (3n * E) / 2n },
    ],
  },
  { id: 'we', label: 'weETH', status: 'unknown', reason: 'no on-chain path' },
];

describe('aggregateExposure', () => {
  const r = aggregateExposure(holdings);
  test('sums the shared operator over both LRTs and shares of the total', () => {
    expect(r.restakedEth).toBe(9n * E);
    expect(r.byOperator.map((o) => [o.operator, o.restakedEth])).toEqual([
      [A, 7n * E],
      [B, 2n * E],
    ]);
    expect(r.byOperator[0]!.shareWad).toBe((7n * E * E) / (9n * E));
    expect(r.byOperator[0]!.holdings).toEqual(['rsETH', 'ezETH']);
  });
  test('the largest single slash is one set summed over every holding it reaches (3 ETH > 1.5 ETH)', () => {
    expect(r.largestSingleSlash).toMatchObject({ avs: X, id: 1, lossEth: 3n * E });
    expect(r.largestSingleSlash!.parts.map((p) => p.id)).toEqual(['rs', 'ez']);
    expect(r.byAvs).toEqual([
      { avs: X, atRiskEth: 3n * E },
      { avs: Y, atRiskEth: (3n * E) / 2n },
    ]);
  });
  test('unknown holdings are listed with their reason, not counted as 0', () => {
    expect(r.unknown).toEqual([{ id: 'we', label: 'weETH', reason: 'no on-chain path' }]);
    expect(r.counted).toBe(2);
  });
  test('nothing held: no largest slash', () => {
    expect(aggregateExposure([]).largestSingleSlash).toBeNull();
  });
});

describe('concentration after receiving an LRT', () => {
  test('amount / supply × each operator (floor) and the top share before → after', () => {
    const added = lrtAmountByOperator(E, {
      supply: 10n * E,
      byOperator: [
        { operator: A, restakedEth: 30n * E },
        { operator: B, restakedEth: 20n * E + 7n },
      ],
    });
    expect(added).toEqual([
      { operator: A, restakedEth: 3n * E },
      { operator: B, restakedEth: 2n * E },
    ]);
    const c = concentrationChange([{ operator: B, restakedEth: 5n * E }], added)!;
    // before: B 5 of 5 (A 0); after: B 7, A 3 of 10 → top is B at 70 %
    expect(c).toMatchObject({ operator: B, beforeEth: 5n * E, afterEth: 7n * E, totalBeforeEth: 5n * E, totalAfterEth: 10n * E });
    expect(c.beforeShareWad).toBe(E);
    expect(c.afterShareWad).toBe((7n * E) / 10n);
  });
  test('nothing before: the share before is 0', () => {
    const c = concentrationChange([], [{ operator: A, restakedEth: E }])!;
    expect(c.beforeShareWad).toBe(0n);
    expect(c.afterShareWad).toBe(E);
  });
});
