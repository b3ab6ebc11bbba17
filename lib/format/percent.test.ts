import { describe, expect, it } from 'vitest';
import { decimalOfNumber } from './decimal';
import { formatApr, formatBps, formatPercent, formatWadDeviation, formatWadPercent } from './percent';
import { formatHealthFactor, formatWadRatio } from './ratio';

const WAD = 10n ** 18n;

describe('formatPercent (a risk: away from zero by default)', () => {
  it.each([
    [0.0325, '3.25%'],
    [0.1, '10%'],
    [2.5, '250%'],
    [0, '0%'],
    [0.012345, '1.24%'], // 1.2345 % → up at the cut
    [0.0123, '1.23%'], // exact: nothing to round
    [-0.012341, '-1.24%'], // away from zero on the negative side too
    [-0.00001, '-0.01%'], // a tiny risk is never shown as 0
    [0.000001, '0.01%'],
  ])('%s → %s', (fraction, text) => expect(formatPercent(fraction)).toBe(text));

  it('reads a float as the decimal a person reads: 0.015 is a tie, not 0.01499…', () => {
    expect(formatPercent(0.00015, { rounding: 'halfExpand' })).toBe('0.02%');
    expect(formatPercent(0.00025, { rounding: 'halfEven' })).toBe('0.02%');
    expect(formatPercent(0.00035, { rounding: 'halfEven' })).toBe('0.04%');
    expect(formatPercent(0.00015, { rounding: 'trunc' })).toBe('0.01%');
  });

  it('options: digits, sign, other rounding, n/a', () => {
    expect(formatPercent(1, { maxFractionDigits: 0 })).toBe('100%');
    expect(formatPercent(-0.000012, { maxFractionDigits: 4 })).toBe('-0.0012%');
    expect(formatPercent(0.015, { signed: true })).toBe('+1.5%');
    expect(formatPercent(-0.015, { signed: true })).toBe('-1.5%');
    expect(formatPercent(0.05, { minFractionDigits: 2 })).toBe('5.00%');
    expect(formatPercent(0.000001, { rounding: 'trunc' })).toBe('<0.01%');
    expect(formatPercent(Number.NaN)).toBe('n/a');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('n/a');
    expect(formatPercent(1e-7, { maxFractionDigits: 6 })).toBe('0.00001%');
    expect(formatPercent(1.5e21)).toBe('150,000,000,000,000,000,000,000%'); // 1.5e23 %
  });
});

describe('formatWadPercent and formatBps (bigint-exact)', () => {
  it.each([
    [15n * 10n ** 16n, '15%'],
    [123_456_000_000_000_00n, '1.24%'], // 1.23456 % → up
    [-123_456_000_000_000_00n, '-1.24%'],
    [10n ** 16n, '1%'],
    [1n, '0.01%'], // 1e-16 %: up, never 0
    [0n, '0%'],
  ])('WAD %s → %s', (wad, text) => expect(formatWadPercent(wad)).toBe(text));

  it('formatWadDeviation: signed, two fixed digits, away from zero (the Portfolio style)', () => {
    expect(formatWadDeviation(-5n * 10n ** 16n)).toBe('-5.00%');
    expect(formatWadDeviation(3n * 10n ** 15n)).toBe('+0.30%');
    expect(formatWadDeviation(0n)).toBe('0.00%');
    // -1.23456 %: the Portfolio used to cut this to -1.23% while the preview flag showed -1.23% by float
    // rounding and -1.24% is what "never smaller" gives; every screen now shows -1.24%.
    expect(formatWadDeviation(-123_456_000_000_000_00n)).toBe('-1.24%');
    expect(formatWadDeviation(-123_450_000_000_000_00n)).toBe('-1.24%'); // -1.2345: a 5 at the cut, up
    expect(formatWadDeviation(-123_400_000_000_000_00n)).toBe('-1.24%'); // -1.234: anything past the cut, up
    expect(formatWadDeviation(-123_000_000_000_000_00n)).toBe('-1.23%'); // exact: stays
  });

  it('bps', () => {
    expect(formatBps(325n)).toBe('3.25%');
    expect(formatBps(-680n)).toBe('-6.8%');
    expect(formatBps(5n, { maxFractionDigits: 1 })).toBe('0.1%'); // 0.05 % → up
    expect(formatBps(30n)).toBe('0.3%');
  });
});

describe('formatApr (an estimate: nearest, ties to even)', () => {
  it.each([
    [5n * 10n ** 16n, '5.00 %'],
    [31_250_000_000_000_000n, '3.12 %'], // 3.125 %: tie → even 2
    [31_350_000_000_000_000n, '3.14 %'], // 3.135 %: tie → even 4
    [31_250_000_000_000_001n, '3.13 %'], // just above the tie
    [12_345_678_901_234_567n, '1.23 %'],
    [12_355_000_000_000_000n, '1.24 %'], // 1.2355: above the half
    [49n * 10n ** 12n, '<0.01 %'], // 0.0049 %: tiny, non-zero
    [-15n * 10n ** 15n, '-1.50 %'],
    [0n, '0.00 %'],
    [1234n * 10n ** 16n, '1,234.00 %'],
  ])('%s → %s', (wad, text) => expect(formatApr(wad)).toBe(text));

  it('takes the decimal string the protocol carries', () => {
    expect(formatApr('31250000000000000')).toBe('3.12 %');
  });
});

describe('ratios (lower is worse: toward zero)', () => {
  it('health factor', () => {
    expect(formatHealthFactor((WAD * 1459n) / 1000n)).toBe('1.45'); // 1.459: never shown healthier
    expect(formatHealthFactor(WAD)).toBe('1.00');
    expect(formatHealthFactor(WAD * 1234n)).toBe('1,234.00');
    expect(formatHealthFactor(0n)).toBe('0.00');
  });

  it('market ÷ fair', () => {
    expect(formatWadRatio(999_950_000_000_000_000n, 4)).toBe('0.9999'); // 0.99995: the peg never shown closer
    expect(formatWadRatio(WAD, 4)).toBe('1.0000');
  });
});

describe('decimalOfNumber', () => {
  it.each([
    [0.015, 15n, 3],
    [2.5, 25n, 1],
    [100, 100n, 0],
    [-0.25, -25n, 2],
    [1e-7, 1n, 7],
    [1.5e21, 1_500_000_000_000_000_000_000n, 0],
    [0, 0n, 0],
  ])('%s → %s × 10^-%s', (x, value, decimals) => expect(decimalOfNumber(x)).toEqual({ value, decimals }));
});
