/** Password rule shown during onboarding and password change: at least 8 characters, typed twice alike. */
export const MIN_PASSWORD_LENGTH = 8;

export type PasswordErrors = { password?: string; confirm?: string };

export function checkNewPassword(password: string, confirm: string): PasswordErrors {
  const errors: PasswordErrors = {};
  if (password.length < MIN_PASSWORD_LENGTH) errors.password = `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (confirm !== password) errors.confirm = 'The two passwords differ. Type the same password twice.';
  return errors;
}

/**
 * Picks `count` distinct word positions (0-based, sorted) out of `total` for the backup check.
 * `random` returns a float in [0, 1); crypto-backed in the UI, seeded in tests.
 */
export function pickBackupPositions(total: number, count: number, random: () => number): number[] {
  if (count > total) throw new RangeError(`Cannot pick ${count} of ${total} words`);
  const positions = Array.from({ length: total }, (_, i) => i);
  // Partial Fisher–Yates: the first `count` slots end up a uniform random sample.
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (total - i));
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  return positions.slice(0, count).sort((a, b) => a - b);
}

export function cryptoRandom(): number {
  const buffer = new Uint32Array(1);
  crypto.getRandomValues(buffer);
  return buffer[0]! / 2 ** 32;
}

/** Normalises a typed recovery phrase: lower case, single spaces. */
export function normalizePhrase(text: string): string {
  return text.trim().toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

export function phraseWordCountError(phrase: string): string | undefined {
  const count = phrase ? phrase.split(' ').length : 0;
  return [12, 15, 18, 21, 24].includes(count) ? undefined : `A recovery phrase has 12, 15, 18, 21 or 24 words; this has ${count}.`;
}
