import type { RiskFlag } from '../flag';

/**
 * Characters that change how a message reads without showing themselves: bidirectional controls reorder
 * the text around them ("Trojan Source"), zero-width ones split or join words invisibly. A message that
 * carries them can read as something else than the bytes the user signs.
 */
export const HIDDEN_CHARACTERS: ReadonlyMap<number, { short: string; name: string; kind: 'bidi' | 'zero-width' }> = new Map([
  [0x202a, { short: 'LRE', name: 'LEFT-TO-RIGHT EMBEDDING', kind: 'bidi' }],
  [0x202b, { short: 'RLE', name: 'RIGHT-TO-LEFT EMBEDDING', kind: 'bidi' }],
  [0x202c, { short: 'PDF', name: 'POP DIRECTIONAL FORMATTING', kind: 'bidi' }],
  [0x202d, { short: 'LRO', name: 'LEFT-TO-RIGHT OVERRIDE', kind: 'bidi' }],
  [0x202e, { short: 'RLO', name: 'RIGHT-TO-LEFT OVERRIDE', kind: 'bidi' }],
  [0x2066, { short: 'LRI', name: 'LEFT-TO-RIGHT ISOLATE', kind: 'bidi' }],
  [0x2067, { short: 'RLI', name: 'RIGHT-TO-LEFT ISOLATE', kind: 'bidi' }],
  [0x2068, { short: 'FSI', name: 'FIRST STRONG ISOLATE', kind: 'bidi' }],
  [0x2069, { short: 'PDI', name: 'POP DIRECTIONAL ISOLATE', kind: 'bidi' }],
  [0x200e, { short: 'LRM', name: 'LEFT-TO-RIGHT MARK', kind: 'bidi' }],
  [0x200f, { short: 'RLM', name: 'RIGHT-TO-LEFT MARK', kind: 'bidi' }],
  [0x061c, { short: 'ALM', name: 'ARABIC LETTER MARK', kind: 'bidi' }],
  [0x200b, { short: 'ZWSP', name: 'ZERO WIDTH SPACE', kind: 'zero-width' }],
  [0x200c, { short: 'ZWNJ', name: 'ZERO WIDTH NON-JOINER', kind: 'zero-width' }],
  [0x200d, { short: 'ZWJ', name: 'ZERO WIDTH JOINER', kind: 'zero-width' }],
  [0x2060, { short: 'WJ', name: 'WORD JOINER', kind: 'zero-width' }],
  [0xfeff, { short: 'ZWNBSP', name: 'ZERO WIDTH NO-BREAK SPACE', kind: 'zero-width' }],
]);

export type HiddenCharacter = {
  /** Position in the text, counted in characters (code points) from 0. */
  index: number;
  codePoint: string;
  short: string;
  name: string;
  kind: 'bidi' | 'zero-width';
};

const codePointOf = (cp: number) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

/** Every hidden character of `text`, in order. */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const found: HiddenCharacter[] = [];
  let index = 0;
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const known = HIDDEN_CHARACTERS.get(cp);
    if (known) found.push({ index, codePoint: codePointOf(cp), ...known });
    index += 1;
  }
  return found;
}

/** The text with each hidden character replaced by a visible marker, e.g. "pay ⟦RLO U+202E⟧…". */
export function revealHiddenCharacters(text: string): string {
  let out = '';
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const known = HIDDEN_CHARACTERS.get(cp);
    out += known ? `⟦${known.short} ${codePointOf(cp)}⟧` : char;
  }
  return out;
}

/** How many are listed one by one in the flag; the rest are counted. */
const LISTED = 10;
const SHOWN_CHARACTERS = 500;

/** personal_sign text with bidirectional or zero-width characters → warn, naming each and where it is. */
export function hiddenCharacterFlags(text: string): RiskFlag[] {
  const found = findHiddenCharacters(text);
  if (found.length === 0) return [];
  const kinds = new Set(found.map((c) => c.kind));
  const noun = found.length === 1 ? 'character' : 'characters';
  const what =
    kinds.size === 2 ? `text-direction and invisible ${noun}` : kinds.has('bidi') ? `text-direction ${noun}` : `invisible ${noun}`;
  const listed = found.slice(0, LISTED).map((c) => `${c.codePoint} ${c.name} at index ${c.index}`);
  if (found.length > LISTED) listed.push(`and ${found.length - LISTED} more`);
  const visible = revealHiddenCharacters(text);
  return [
    {
      id: 'signature.hidden-characters',
      severity: 'warn',
      title: `Message contains ${found.length} hidden ${what}`,
      numbers: {
        characters: listed.join('; '),
        visible: visible.length > SHOWN_CHARACTERS ? `${visible.slice(0, SHOWN_CHARACTERS)}…` : visible,
      },
      why:
        'Text-direction controls reorder how the message is displayed and zero-width characters do not show at all, so what you read may not be what you sign. ' +
        'They are marked ⟦…⟧ above; a sign-in or agreement text has no reason to contain them.',
    },
  ];
}
