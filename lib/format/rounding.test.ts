import { describe, expect, it } from 'vitest';
import { divideRounded, type Rounding } from './rounding';

// Hand-computed: n / 10 for the values around a cut, in every mode (ECMA-402 table, 1 digit).
const TABLE: [bigint, Record<Rounding, bigint>][] = [
  [14n, { trunc: 1n, expand: 2n, floor: 1n, ceil: 2n, halfExpand: 1n, halfEven: 1n }],
  [15n, { trunc: 1n, expand: 2n, floor: 1n, ceil: 2n, halfExpand: 2n, halfEven: 2n }],
  [25n, { trunc: 2n, expand: 3n, floor: 2n, ceil: 3n, halfExpand: 3n, halfEven: 2n }],
  [16n, { trunc: 1n, expand: 2n, floor: 1n, ceil: 2n, halfExpand: 2n, halfEven: 2n }],
  [-15n, { trunc: -1n, expand: -2n, floor: -2n, ceil: -1n, halfExpand: -2n, halfEven: -2n }],
  [-25n, { trunc: -2n, expand: -3n, floor: -3n, ceil: -2n, halfExpand: -3n, halfEven: -2n }],
  [-14n, { trunc: -1n, expand: -2n, floor: -2n, ceil: -1n, halfExpand: -1n, halfEven: -1n }],
  [20n, { trunc: 2n, expand: 2n, floor: 2n, ceil: 2n, halfExpand: 2n, halfEven: 2n }],
  [0n, { trunc: 0n, expand: 0n, floor: 0n, ceil: 0n, halfExpand: 0n, halfEven: 0n }],
];

describe('divideRounded', () => {
  for (const [n, byMode] of TABLE)
    for (const [mode, expected] of Object.entries(byMode) as [Rounding, bigint][])
      it(`${n} / 10, ${mode} → ${expected}`, () => expect(divideRounded(n, 10n, mode)).toBe(expected));

  it('is exact far beyond float precision', () => {
    const huge = 10n ** 40n + 5n;
    expect(divideRounded(huge, 10n, 'halfEven')).toBe(10n ** 39n); // …0.5 → even 0
    expect(divideRounded(huge, 10n, 'halfExpand')).toBe(10n ** 39n + 1n);
  });

  it('refuses a denominator that is not positive', () => {
    expect(() => divideRounded(1n, 0n, 'trunc')).toThrow(RangeError);
  });
});
