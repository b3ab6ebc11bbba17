import { describe, expect, test } from 'vitest';
import type { Address } from 'viem';
import { operatorConcentration } from './operator-concentration';

const a = '0x00000000000000000000000000000000000000aA' as Address;
const b = '0x00000000000000000000000000000000000000bb' as Address;
const c = '0x00000000000000000000000000000000000000cc' as Address;
const E = 10n ** 18n;

describe('operatorConcentration', () => {
  test('adds parts of one operator (any case), shares of the total, top operator and HHI = Σ share²', () => {
    const r = operatorConcentration([
      { operator: a, restakedEth: 2n * E },
      { operator: b, restakedEth: 3n * E },
      { operator: a.toLowerCase() as Address, restakedEth: 3n * E },
      { operator: c, restakedEth: 2n * E },
    ]);
    expect(r.totalEth).toBe(10n * E);
    expect(r.byOperator.map((o) => [o.operator, o.restakedEth, o.shareWad])).toEqual([
      [a, 5n * E, E / 2n],
      [b, 3n * E, (3n * E) / 10n],
      [c, 2n * E, E / 5n],
    ]);
    expect(r.topOperator?.operator).toBe(a);
    // 0.5² + 0.3² + 0.2² = 0.38
    expect(Math.abs(r.hhi - 0.38)).toBeLessThan(1e-12);
  });

  test('one operator is HHI 1; nothing is no top operator and HHI 0; all-zero parts share 0', () => {
    expect(operatorConcentration([{ operator: a, restakedEth: 7n }]).hhi).toBe(1);
    expect(operatorConcentration([])).toEqual({ totalEth: 0n, byOperator: [], topOperator: null, hhi: 0 });
    expect(operatorConcentration([{ operator: a, restakedEth: 0n }]).byOperator[0]!.shareWad).toBe(0n);
  });
});
