import { describe, expect, it } from 'vitest';
import { formatBps, formatEth, formatPercent, formatWadPercent } from './format';

describe('formatEth', () => {
  it.each([
    [0n, '0 ETH'],
    [10n ** 18n, '1 ETH'],
    [1_234_567_800_000_000_000_000n, '1,234.5678 ETH'],
    [1_234_560_000_000_000_000n, '1.2346 ETH'], // 1.23456 rounds up
    [1_000_050_000_000_000_000n, '1.0001 ETH'], // exact half rounds away from zero
    [1_000_049_999_999_999_999n, '1 ETH'],
    [-1_500_000_000_000_000_000n, '-1.5 ETH'],
    [1n, '<0.0001 ETH'],
    [-1n, '>-0.0001 ETH'],
  ])('%s wei → %s', (wei, text) => {
    expect(formatEth(wei)).toBe(text);
  });
  it('honours maxDecimals, unit and decimals', () => {
    expect(formatEth(123_456_789_000_000_000n, { maxDecimals: 6 })).toBe('0.123457 ETH');
    expect(formatEth(2_500_000n, { decimals: 6, unit: 'USDC', maxDecimals: 2 })).toBe('2.5 USDC');
    expect(formatEth(10n ** 18n, { unit: '' })).toBe('1');
    expect(formatEth(1_600_000_000_000_000_000n, { maxDecimals: 0 })).toBe('2 ETH');
  });
});

describe('percent helpers', () => {
  it('formatPercent', () => {
    expect(formatPercent(0.0325)).toBe('3.25%');
    expect(formatPercent(0.1)).toBe('10%');
    expect(formatPercent(1, { maxDecimals: 0 })).toBe('100%');
    expect(formatPercent(2.5)).toBe('250%');
    expect(formatPercent(-0.000012, { maxDecimals: 4 })).toBe('-0.0012%');
    expect(formatPercent(0.015, { signed: true })).toBe('+1.5%');
    expect(formatPercent(-0.00001)).toBe('0%');
    expect(formatPercent(Number.NaN)).toBe('n/a');
  });
  it('formatWadPercent and formatBps', () => {
    expect(formatWadPercent(15n * 10n ** 16n)).toBe('15%');
    expect(formatBps(325n)).toBe('3.25%');
    expect(formatBps(-680n)).toBe('-6.8%');
  });
});
