import { describe, expect, it } from 'vitest';
import { formatEther, formatUnits, parseEther } from 'viem';
import fc from 'fast-check';
import { formatAmount, formatAmountExact } from './format-amount';

describe('formatAmount', () => {
  it('shows at most 4 fraction digits for values of one unit or more, truncated', () => {
    expect(formatAmount(parseEther('1.23456789'))).toBe('1.2345');
    expect(formatAmount(parseEther('1.99999'))).toBe('1.9999');
    expect(formatAmount(parseEther('2'))).toBe('2');
    expect(formatAmount(parseEther('1234567.5'))).toBe('1,234,567.5');
  });

  it('keeps 4 significant digits for small values, up to 8 places', () => {
    expect(formatAmount(parseEther('0.000123456'))).toBe('0.0001234');
    expect(formatAmount(parseEther('0.5'))).toBe('0.5');
    expect(formatAmount(1n)).toBe('<0.00000001');
    expect(formatAmount(0n)).toBe('0');
  });

  it('handles other decimals and negatives', () => {
    expect(formatAmount(1_500_000n, { decimals: 6 })).toBe('1.5');
    expect(formatAmount(-parseEther('3.14159'))).toBe('-3.1415');
  });

  it('never exceeds the true value and stays within 0.01% for amounts of 1 or more (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 10n ** 18n, max: 10n ** 30n }), (wei) => {
        const shown = parseEther(formatAmount(wei).replace(/,/g, ''));
        expect(shown <= wei).toBe(true);
        expect((wei - shown) * 10_000n <= wei).toBe(true);
      }),
    );
  });
});

describe('formatAmountExact', () => {
  it('matches viem formatEther / formatUnits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), (wei) => {
        expect(formatAmountExact(wei)).toBe(formatEther(wei));
        expect(formatAmountExact(wei, 6)).toBe(formatUnits(wei, 6));
      }),
    );
  });
});
