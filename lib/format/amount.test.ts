import { describe, expect, it } from 'vitest';
import { formatEther, formatUnits, parseEther } from 'viem';
import fc from 'fast-check';
import { formatAmount, formatAmountExact, formatEth, formatGas, formatGwei } from './amount';

const ETH = 10n ** 18n;

describe('formatEth (a holding: toward zero by default)', () => {
  it.each([
    [0n, '0 ETH'],
    [ETH, '1 ETH'],
    [1_234_567_800_000_000_000_000n, '1,234.5678 ETH'],
    [1_234_560_000_000_000_000n, '1.2345 ETH'], // 1.23456: the 6 is cut, not rounded up
    [1_000_050_000_000_000_000n, '1 ETH'], // 1.00005: a 5 at the cut is cut too
    [1_999_999_999_999_999_999n, '1.9999 ETH'], // never "2 ETH" for less than 2
    [-1_500_000_000_000_000_000n, '-1.5 ETH'],
    [-1_234_560_000_000_000_000n, '-1.2345 ETH'], // toward zero on the negative side too
    [1n, '<0.0001 ETH'], // tiny, non-zero: never "0"
    [99_999_999_999_999n, '<0.0001 ETH'], // 0.0000999…
    [100_000_000_000_000n, '0.0001 ETH'],
    [-1n, '>-0.0001 ETH'],
    [123_456_789n * 10n ** 30n, '123,456,789,000,000,000,000 ETH'], // huge: bigint, no float
  ])('%s wei → %s', (wei, text) => expect(formatEth(wei)).toBe(text));

  it('rounds as told, at the …5 cut and around it', () => {
    const v = 1_234_550_000_000_000_000n; // 1.23455
    expect(formatEth(v, { rounding: 'trunc' })).toBe('1.2345 ETH');
    expect(formatEth(v, { rounding: 'expand' })).toBe('1.2346 ETH');
    expect(formatEth(v, { rounding: 'halfExpand' })).toBe('1.2346 ETH');
    expect(formatEth(v, { rounding: 'halfEven' })).toBe('1.2346 ETH'); // 5 after an odd 5 → up to 6
    expect(formatEth(1_234_450_000_000_000_000n, { rounding: 'halfEven' })).toBe('1.2344 ETH'); // tie after an even 4 stays
    expect(formatEth(1_234_450_000_000_000_001n, { rounding: 'halfEven' })).toBe('1.2345 ETH'); // just above the tie
    expect(formatEth(-v, { rounding: 'floor' })).toBe('-1.2346 ETH'); // a spend shows at least its size
    expect(formatEth(v, { rounding: 'floor' })).toBe('1.2345 ETH'); // a receipt at most its size
    expect(formatEth(1n, { rounding: 'expand' })).toBe('0.0001 ETH'); // away from zero: no "<" needed
    expect(formatEth(-1n, { rounding: 'expand' })).toBe('-0.0001 ETH');
  });

  it('carries a rounded-up fraction into the whole part', () => {
    expect(formatEth(999_990_000_000_000_000n, { rounding: 'expand', maxFractionDigits: 2 })).toBe('1 ETH'); // 0.99999
    expect(formatEth(999_999_999_950_000_000_000_000n, { rounding: 'halfExpand' })).toBe('1,000,000 ETH'); // 999,999.99995
  });

  it('signs a change when asked', () => {
    expect(formatEth(ETH / 2n, { signed: true })).toBe('+0.5 ETH');
    expect(formatEth(-ETH / 2n, { signed: true })).toBe('-0.5 ETH');
    expect(formatEth(0n, { signed: true })).toBe('0 ETH');
  });
});

describe('formatAmount', () => {
  it('takes the decimals and the symbol of the token', () => {
    expect(formatAmount(2_500_000n, 6, 'USDC', { maxFractionDigits: 2 })).toBe('2.5 USDC');
    expect(formatAmount(1_234_567n, 6, 'USDC', { maxFractionDigits: 2 })).toBe('1.23 USDC');
    expect(formatAmount(ETH, 18)).toBe('1');
    expect(formatAmount(1_600_000_000_000_000_000n, 18, 'ETH', { maxFractionDigits: 0, rounding: 'halfExpand' })).toBe('2 ETH');
    expect(formatAmount(1_600_000_000_000_000_000n, 18, 'ETH', { maxFractionDigits: 0 })).toBe('1 ETH');
    expect(formatAmount(7n, 0, 'NFT')).toBe('7 NFT');
  });

  it('keeps significant digits below 1 when asked (the UI Amount style: 4 significant, up to 8 places)', () => {
    const style = { maxFractionDigits: 8, significantFractionDigits: 4 };
    expect(formatAmount(parseEther('0.000123456'), 18, undefined, style)).toBe('0.0001234');
    expect(formatAmount(parseEther('1.23456789'), 18, undefined, style)).toBe('1.2345');
    expect(formatAmount(parseEther('0.5'), 18, undefined, style)).toBe('0.5');
    expect(formatAmount(parseEther('0.000000001'), 18, undefined, style)).toBe('<0.00000001');
    expect(formatAmount(0n, 18, undefined, style)).toBe('0');
  });

  it('never shows a holding larger than it is, and within 0.01% for amounts of 1 or more (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: ETH, max: 10n ** 30n }), (wei) => {
        const shown = parseEther(formatAmount(wei, 18).replace(/,/g, ''));
        expect(shown <= wei).toBe(true);
        expect((wei - shown) * 10_000n <= wei).toBe(true);
      }),
    );
  });

  it('never shows a risk smaller than it is (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 30n }), (wei) => {
        const shown = parseEther(formatAmount(wei, 18, undefined, { rounding: 'expand' }).replace(/,/g, ''));
        expect(shown >= wei).toBe(true);
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

describe('gas', () => {
  it('formatGwei: what the user pays at most, never shown smaller', () => {
    expect(formatGwei(1_500_000_000n)).toBe('1.5 gwei');
    expect(formatGwei(12_345_678_901n)).toBe('12.3457 gwei'); // 12.345678901 → up
    expect(formatGwei(12_345_600_000n)).toBe('12.3456 gwei'); // exact: nothing to round
    expect(formatGwei(1n)).toBe('0.0001 gwei'); // 1 wei is 0.000000001 gwei: up, not "0"
    expect(formatGwei(0n)).toBe('0 gwei');
  });

  it('formatGas: a count, grouped and exact', () => {
    expect(formatGas(0n)).toBe('0');
    expect(formatGas(21_000n)).toBe('21,000');
    expect(formatGas(1_234_567n)).toBe('1,234,567');
    expect(formatGas(30_000_000_000n)).toBe('30,000,000,000');
  });
});
