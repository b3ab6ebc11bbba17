import { describe, expect, it } from 'vitest';
import { sameAddress } from './address';

const CHECKSUMMED = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('sameAddress', () => {
  it('compares addresses whatever their case', () => {
    expect(sameAddress(CHECKSUMMED, CHECKSUMMED.toLowerCase())).toBe(true);
    expect(sameAddress(CHECKSUMMED.toLowerCase(), `0x${CHECKSUMMED.slice(2).toUpperCase()}`)).toBe(true);
    expect(sameAddress(CHECKSUMMED, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8')).toBe(false);
  });

  it('is false, not a throw, for a missing or malformed side', () => {
    expect(sameAddress(undefined, CHECKSUMMED)).toBe(false);
    expect(sameAddress(CHECKSUMMED, null)).toBe(false);
    expect(sameAddress('', '')).toBe(false);
    expect(sameAddress('0x1234', '0x1234')).toBe(false); // too short, even if equal as text
    expect(sameAddress(`${CHECKSUMMED}00`, `${CHECKSUMMED}00`)).toBe(false);
    expect(sameAddress('not an address', CHECKSUMMED)).toBe(false);
  });
});
