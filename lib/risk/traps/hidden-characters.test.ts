import { describe, expect, it } from 'vitest';
import { findHiddenCharacters, hiddenCharacterFlags, revealHiddenCharacters } from './hidden-characters';

describe('hidden characters in a message', () => {
  it('finds every bidirectional control and zero-width character, by code point index', () => {
    const all = '\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C\u200B\u200C\u200D\u2060\uFEFF';
    expect(findHiddenCharacters(all).map((c) => c.codePoint)).toEqual([
      'U+202A',
      'U+202B',
      'U+202C',
      'U+202D',
      'U+202E',
      'U+2066',
      'U+2067',
      'U+2068',
      'U+2069',
      'U+200E',
      'U+200F',
      'U+061C',
      'U+200B',
      'U+200C',
      'U+200D',
      'U+2060',
      'U+FEFF',
    ]);
    // An emoji before it is one character (two UTF-16 units): the index counts characters.
    expect(findHiddenCharacters('🙂a\u200Bb')).toEqual([
      { index: 2, codePoint: 'U+200B', short: 'ZWSP', name: 'ZERO WIDTH SPACE', kind: 'zero-width' },
    ]);
    expect(findHiddenCharacters('Plain text, émigré, 日本語, new\nline')).toEqual([]);
  });

  it('plain text → no flag', () => {
    expect(hiddenCharacterFlags('Sign in to Restake Demo')).toEqual([]);
  });

  it('a right-to-left override → warn naming it, where it is, and the text with it made visible', () => {
    // Displayed, it reads "Approve cloud transfer": the override shows "duolc" backwards.
    const text = 'Approve \u202Eduolc\u202C transfer';
    const [flag, ...rest] = hiddenCharacterFlags(text);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      id: 'signature.hidden-characters',
      severity: 'warn',
      title: 'Message contains 2 hidden text-direction characters',
      numbers: {
        characters: 'U+202E RIGHT-TO-LEFT OVERRIDE at index 8; U+202C POP DIRECTIONAL FORMATTING at index 14',
        visible: 'Approve ⟦RLO U+202E⟧duolc⟦PDF U+202C⟧ transfer',
      },
    });
  });

  it('zero-width characters, and both kinds together', () => {
    expect(hiddenCharacterFlags('pay\u200Bpal')[0]).toMatchObject({
      title: 'Message contains 1 hidden invisible character',
      numbers: { characters: 'U+200B ZERO WIDTH SPACE at index 3', visible: 'pay⟦ZWSP U+200B⟧pal' },
    });
    expect(hiddenCharacterFlags('\uFEFFa\u200Fb')[0]?.title).toBe('Message contains 2 hidden text-direction and invisible characters');
  });

  it('lists ten, counts the rest, and keeps the visible text short', () => {
    const flag = hiddenCharacterFlags('x\u200B'.repeat(300))[0]!;
    expect(flag.numbers.characters?.split('; ')).toHaveLength(11);
    expect(flag.numbers.characters).toMatch(/; and 290 more$/);
    expect(flag.numbers.visible?.length).toBe(501);
    expect(revealHiddenCharacters('a\u2066b')).toBe('a⟦LRI U+2066⟧b');
  });
});
