import { describe, expect, it } from 'vitest';
import { readAmountInput, readUsdAmountInput, unitsToUsdCents } from './amount-input';

const ETH = { decimals: 18, symbol: 'ETH' };
const USDC = { decimals: 6, symbol: 'USDC' };

describe('readAmountInput', () => {
  it('reads decimals into smallest units', () => {
    expect(readAmountInput('0.1', ETH)).toEqual({ ok: true, value: 100_000_000_000_000_000n });
    expect(readAmountInput(' .5 ', USDC)).toEqual({ ok: true, value: 500_000n });
    expect(readAmountInput('3.', USDC)).toEqual({ ok: true, value: 3_000_000n });
    expect(readAmountInput('0.000001', USDC)).toEqual({ ok: true, value: 1n });
  });
  it('refuses zero, too many decimals and what is not a number, saying why', () => {
    expect(readAmountInput('0.000', ETH)).toMatchObject({ ok: false, message: expect.stringMatching(/above zero/) });
    expect(readAmountInput('0.0000001', USDC)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/USDC has at most 6 decimals; "0.0000001" has 7/),
    });
    for (const bad of ['', '.', '1,5', '1e3', '-1', '0x10', '1.2.3']) expect(readAmountInput(bad, ETH).ok).toBe(false);
  });
});

describe('dollars ↔ units', () => {
  // ETH at $3,000.00 (8 decimals, as Chainlink answers).
  const price = 3_000n * 10n ** 8n;
  it('$300 at $3,000 is 0.1 ETH; rounding is down', () => {
    expect(readUsdAmountInput('300', price, ETH)).toEqual({ ok: true, value: 10n ** 17n });
    expect(readUsdAmountInput('$0.01', price, ETH)).toEqual({ ok: true, value: 3_333_333_333_333n }); // 1e16 / 3000, floored
    expect(readUsdAmountInput('1', 3n * 10n ** 8n, USDC)).toEqual({ ok: true, value: 333_333n });
  });
  it('refuses more than 2 decimals of dollars, zero, and a missing price', () => {
    expect(readUsdAmountInput('1.001', price, ETH)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 2 decimals/) });
    expect(readUsdAmountInput('0', price, ETH)).toMatchObject({ ok: false, message: expect.stringMatching(/above zero/) });
    expect(readUsdAmountInput('5', 0n, ETH)).toMatchObject({ ok: false, message: expect.stringMatching(/No USD price of ETH/) });
  });
  it('units to cents, rounded to the nearest cent', () => {
    expect(unitsToUsdCents(10n ** 17n, price, 18)).toBe(30_000n);
    expect(unitsToUsdCents(1n, price, 18)).toBe(0n);
    expect(unitsToUsdCents(1_666_666_666_666_667n, price, 18)).toBe(500n); // 0.0016666… ETH = $5.00
  });
});
