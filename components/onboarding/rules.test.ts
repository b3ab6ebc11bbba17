import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkNewPassword, normalizePhrase, phraseWordCountError, pickBackupPositions } from './rules';

describe('checkNewPassword', () => {
  it('requires 8 characters and two equal entries', () => {
    expect(checkNewPassword('1234567', '1234567').password).toBeDefined();
    expect(checkNewPassword('12345678', '12345678')).toEqual({});
    expect(checkNewPassword('12345678', '12345679').confirm).toBeDefined();
  });
});

describe('pickBackupPositions', () => {
  it('returns distinct sorted positions inside the phrase (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 0.999999, noNaN: true }), { minLength: 3, maxLength: 3 }), (draws) => {
        let i = 0;
        const picked = pickBackupPositions(12, 3, () => draws[i++]!);
        expect(new Set(picked).size).toBe(3);
        expect(picked.every((p) => p >= 0 && p < 12)).toBe(true);
        expect([...picked].sort((a, b) => a - b)).toEqual(picked);
      }),
    );
  });

  it('reaches every position over many draws', () => {
    const seen = new Set<number>();
    let seed = 1;
    const lcg = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 200; k++) pickBackupPositions(12, 3, lcg).forEach((p) => seen.add(p));
    expect(seen.size).toBe(12);
  });
});

describe('recovery phrase input', () => {
  it('normalises spacing and case and checks the word count', () => {
    const phrase = normalizePhrase('  Test test\ttest test test test test test test test test   JUNK ');
    expect(phrase).toBe('test test test test test test test test test test test junk');
    expect(phraseWordCountError(phrase)).toBeUndefined();
    expect(phraseWordCountError('one two')).toContain('2');
  });
});
