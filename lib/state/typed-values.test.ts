import { describe, expect, it } from 'vitest';
import { TOKENS } from '../restaking';
import { readTypedValue, tokenOfDomain, tokenOfStruct } from './typed-values';

const NOW = Date.UTC(2026, 11, 6, 20, 0, 0);
const rsETH = { symbol: 'rsETH', decimals: 18 };

describe('typed-data values as a person reads them', () => {
  it('amounts with symbol and decimals, unlimited for the maximum of the type', () => {
    expect(readTypedValue({ name: 'value', type: 'uint256' }, '1500000000000000000', { token: rsETH, nowMs: NOW })).toEqual({
      text: '1.5 rsETH',
      raw: '1500000000000000000',
    });
    const max256 = ((1n << 256n) - 1n).toString();
    expect(readTypedValue({ name: 'amount', type: 'uint256' }, max256, { token: rsETH, nowMs: NOW })).toMatchObject({
      text: 'unlimited rsETH',
      tone: 'danger',
    });
    // Permit2's amount is uint160; its max is "unlimited" too, even with no known token.
    expect(readTypedValue({ name: 'amount', type: 'uint160' }, `0x${'f'.repeat(40)}`, { nowMs: NOW })).toMatchObject({ text: 'unlimited' });
    // No token known: the raw value says as much as anything.
    expect(readTypedValue({ name: 'value', type: 'uint256' }, '5', { nowMs: NOW })).toBeUndefined();
  });

  it('expiries as a UTC date with how far away, and never for the maximum', () => {
    const inThreeDays = Math.floor(NOW / 1000) + 3 * 86_400;
    expect(readTypedValue({ name: 'deadline', type: 'uint256' }, String(inThreeDays), { nowMs: NOW })).toEqual({
      text: '2026-12-09 20:00 UTC (in 3 days)',
      raw: String(inThreeDays),
    });
    expect(readTypedValue({ name: 'expiration', type: 'uint48' }, (2 ** 48 - 1).toString(), { nowMs: NOW })).toMatchObject({
      text: 'never',
      tone: 'warn',
    });
    expect(readTypedValue({ name: 'sigDeadline', type: 'uint256' }, ((1n << 256n) - 1n).toString(), { nowMs: NOW })).toMatchObject({
      text: 'never',
    });
  });

  it('leaves other fields alone', () => {
    expect(readTypedValue({ name: 'nonce', type: 'uint256' }, '7', { token: rsETH, nowMs: NOW })).toBeUndefined();
    expect(readTypedValue({ name: 'spender', type: 'address' }, TOKENS.rsETH, { nowMs: NOW })).toBeUndefined();
    expect(readTypedValue({ name: 'value', type: 'uint256' }, 'not a number', { token: rsETH, nowMs: NOW })).toBeUndefined();
  });

  it('finds the token of a permit domain and of a Permit2 details struct', () => {
    expect(tokenOfDomain({ verifyingContract: TOKENS.weETH.toLowerCase() })).toEqual({ symbol: 'weETH', decimals: 18 });
    expect(tokenOfStruct({ token: TOKENS.ezETH }, undefined)).toEqual({ symbol: 'ezETH', decimals: 18 });
    expect(tokenOfStruct({ token: '0x000000000000000000000000000000000000dEaD' }, rsETH)).toBeUndefined();
    expect(tokenOfStruct({ spender: TOKENS.rsETH }, rsETH)).toEqual(rsETH);
  });
});
