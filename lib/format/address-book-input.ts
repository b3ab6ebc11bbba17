import { checksumAddress, type Address } from 'viem';

/**
 * What the user types into the address book (and, later, a recipient field), read into stored values or
 * refused with a message that says what is wrong and what to do. Pure, so the form checks a field as it is
 * typed with exactly the rules the background enforces when it stores it.
 */
export type InputReading<T> = { ok: true; value: T } | { ok: false; message: string };

/** Longest name, in characters as a person counts them (code points, so an emoji is one). */
export const ENTRY_NAME_MAX = 40;
export const ENTRY_NOTE_MAX = 200;

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
// Control and format characters (zero-width spaces, right-to-left overrides): a name made of them, or
// hiding them, would read as another name on screen.
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
// A name such as "0xd8dA…6045" would pass for an address wherever names are shown instead of addresses.
const LOOKS_LIKE_HEX = /^0x[0-9a-f]/i;

const characters = (text: string) => [...text].length;

/**
 * A 0x-prefixed 20-byte address, answered in its checksummed form (EIP-55). Mixed case is a checksum and
 * must match: a changed or mistyped character is refused instead of saved. All lower or all upper case
 * carries no checksum and is accepted.
 */
export function readAddressInput(text: string): InputReading<Address> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'Enter an address: 0x followed by 40 hexadecimal characters.' };
  if (!HEX_ADDRESS.test(trimmed)) {
    return { ok: false, message: `"${preview(trimmed)}" is not an address. An address is 0x followed by 40 hexadecimal characters.` };
  }
  const digits = trimmed.slice(2);
  const checksummed = checksumAddress(trimmed as Address);
  const carriesChecksum = digits !== digits.toLowerCase() && digits !== digits.toUpperCase();
  if (carriesChecksum && checksummed !== trimmed) {
    return {
      ok: false,
      message:
        'The address checksum does not match: some letters have the wrong case, as when a character was mistyped or changed. Copy the address again from its source.',
    };
  }
  return { ok: true, value: checksummed };
}

/** A name for an address: 1–40 characters, nothing invisible, nothing that reads as an address. */
export function readEntryName(text: string): InputReading<string> {
  const name = text.trim();
  if (name === '') return { ok: false, message: 'Give the address a name.' };
  const length = characters(name);
  if (length > ENTRY_NAME_MAX) return { ok: false, message: `A name is at most ${ENTRY_NAME_MAX} characters (this one has ${length}).` };
  if (INVISIBLE.test(name)) return { ok: false, message: 'The name contains invisible or control characters. Type it again.' };
  if (LOOKS_LIKE_HEX.test(name))
    return { ok: false, message: 'A name cannot start with 0x: it would read as an address where it is shown.' };
  return { ok: true, value: name };
}

/** An optional note: empty is none; at most 200 characters, one line, nothing invisible. */
export function readEntryNote(text: string | undefined): InputReading<string | undefined> {
  const note = (text ?? '').trim();
  if (note === '') return { ok: true, value: undefined };
  const length = characters(note);
  if (length > ENTRY_NOTE_MAX) return { ok: false, message: `A note is at most ${ENTRY_NOTE_MAX} characters (this one has ${length}).` };
  if (INVISIBLE.test(note))
    return { ok: false, message: 'The note contains invisible or control characters (a line break counts). Type it again.' };
  return { ok: true, value: note };
}

/** The start of what was typed, for a message: enough to recognise it, never a wall of text. */
function preview(text: string): string {
  return characters(text) > 24 ? `${[...text].slice(0, 20).join('')}…` : text;
}
