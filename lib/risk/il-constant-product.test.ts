import { describe, expect, it } from 'vitest';
import { ilConstantProduct } from './il-constant-product';
import { ilTable } from './il-table';

// Reference §5(a), printed to 4 decimals of a percent (depeg 0.22 to 2 decimals).
const PRICE_MOVES: [number, string][] = [
  [1.01, '-0.0012'],
  [1.05, '-0.0297'],
  [1.1, '-0.1134'],
  [1.25, '-0.6192'],
  [1.5, '-2.0204'],
  [2, '-5.7191'],
  [3, '-13.3975'],
  [4, '-20.0000'],
  [5, '-25.4644'],
];
const DEPEG_RATIOS: [number, string, number][] = [
  [0.99, '-0.0013', 4],
  [0.97, '-0.0116', 4],
  [0.95, '-0.0329', 4],
  [0.93, '-0.0658', 4],
  [0.9, '-0.1386', 4],
  [0.8, '-0.6192', 4],
  [0.22, '-23.11', 2],
];

describe('ilConstantProduct', () => {
  it.each(PRICE_MOVES)('r = %s gives %s %% (reference §5a)', (r, printed) => {
    expect((ilConstantProduct(r) * 100).toFixed(4)).toBe(printed);
  });

  it.each(DEPEG_RATIOS)('depeg ratio %s gives %s %% (reference §5a)', (r, printed, digits) => {
    expect((ilConstantProduct(r) * 100).toFixed(digits)).toBe(printed);
  });

  it('is symmetric: IL(r) = IL(1/r)', () => {
    for (const [r] of PRICE_MOVES) expect(ilConstantProduct(1 / r)).toBeCloseTo(ilConstantProduct(r), 14);
  });

  it('matches the closed values 4x → exactly −20 % and no move → 0', () => {
    expect(ilConstantProduct(4)).toBeCloseTo(-0.2, 15);
    expect(ilConstantProduct(1)).toBe(0);
  });

  it('agrees with a direct x·y = k pool simulation', () => {
    // Pool of 100 X and 100 Y at price 1; external price of X moves to r; arbitrage to x = √(k/r).
    for (const r of [0.5, 0.93, 1.7]) {
      const k = 100 * 100;
      const x = Math.sqrt(k / r);
      const y = k / x;
      const lp = x * r + y;
      const hodl = 100 * r + 100;
      expect(ilConstantProduct(r)).toBeCloseTo(lp / hodl - 1, 12);
    }
  });

  it('rejects non-positive ratios', () => {
    expect(() => ilConstantProduct(0)).toThrow(/positive/);
    expect(() => ilConstantProduct(Number.NaN)).toThrow(/positive/);
  });

  it('ilTable uses 1 − depeg as the ratio with the default depegs', () => {
    const rows = ilTable({ kind: 'constant-product' });
    expect(rows.map((row) => row.depeg)).toEqual([0.01, 0.03, 0.05, 0.1]);
    expect((rows[1]!.il * 100).toFixed(4)).toBe('-0.0116'); // 0.97 from §5a
    expect((rows[3]!.il * 100).toFixed(4)).toBe('-0.1386'); // 0.90 from §5a
  });
});
