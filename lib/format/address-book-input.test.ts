import { describe, expect, it } from 'vitest';
import { readAddressInput, readEntryName, readEntryNote } from './address-book-input';

const CHECKSUMMED = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
/** The same address with one letter's case flipped: a checksum that no longer matches. */
const BAD_CHECKSUM = '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('readAddressInput', () => {
  it('answers the checksummed form of a valid address, whatever case it was typed in', () => {
    expect(readAddressInput(CHECKSUMMED)).toEqual({ ok: true, value: CHECKSUMMED });
    expect(readAddressInput(`  ${CHECKSUMMED.toLowerCase()} `)).toEqual({ ok: true, value: CHECKSUMMED });
    expect(readAddressInput(`0x${CHECKSUMMED.slice(2).toUpperCase()}`)).toEqual({ ok: true, value: CHECKSUMMED });
  });

  it('refuses a mixed-case address whose checksum does not match', () => {
    const r = readAddressInput(BAD_CHECKSUM);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/checksum does not match/);
  });

  it.each([
    ['', /Enter an address/],
    ['0x1234', /not an address/],
    [`${CHECKSUMMED}00`, /not an address/],
    ['vitalik.eth', /not an address/],
    [`0x${'g'.repeat(40)}`, /not an address/],
  ])('refuses %j with a message', (text, message) => {
    const r = readAddressInput(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('readEntryName', () => {
  it('trims and keeps a name of 1 to 40 characters, counting an emoji as one', () => {
    expect(readEntryName('  Alice  ')).toEqual({ ok: true, value: 'Alice' });
    expect(readEntryName('x')).toEqual({ ok: true, value: 'x' });
    expect(readEntryName('🐳'.repeat(40))).toEqual({ ok: true, value: '🐳'.repeat(40) });
  });

  it.each([
    ['', /Give the address a name/],
    ['   ', /Give the address a name/],
    ['a'.repeat(41), /at most 40 characters \(this one has 41\)/],
    ['Ali\u200Bce', /invisible or control characters/],
    ['\u202EecilA', /invisible or control characters/],
    ['0xd8dA…6045', /cannot start with 0x/],
  ])('refuses %j', (text, message) => {
    const r = readEntryName(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('readEntryNote', () => {
  it('reads an empty note as none, and keeps a short one trimmed', () => {
    expect(readEntryNote(undefined)).toEqual({ ok: true, value: undefined });
    expect(readEntryNote('  ')).toEqual({ ok: true, value: undefined });
    expect(readEntryNote(' cold storage ')).toEqual({ ok: true, value: 'cold storage' });
  });

  it('refuses a note over 200 characters or with a line break', () => {
    expect(readEntryNote('n'.repeat(201)).ok).toBe(false);
    expect(readEntryNote('line\nbreak').ok).toBe(false);
  });
});
