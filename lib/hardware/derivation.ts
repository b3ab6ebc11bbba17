/**
 * The three derivation schemes Ethereum wallets use on a Ledger. The same seed gives different accounts under
 * each, so an import page lists a few accounts of every scheme and the user picks the ones that hold funds:
 *
 * - `ledger-live`: m/44'/60'/x'/0/0, the account index in the hardened account level (Ledger Live, current Ledger apps);
 * - `legacy`: m/44'/60'/0'/x, the scheme of Ledger's old Chrome app and MyEtherWallet's "Ledger (legacy)";
 * - `bip44`: m/44'/60'/0'/0/x, the BIP-44 address index (MetaMask, most software wallets, Trezor).
 *
 * Paths are written as hw-app-eth takes them, without the leading `m/`.
 */
export const DERIVATION_SCHEMES = ['ledger-live', 'legacy', 'bip44'] as const;
export type DerivationScheme = (typeof DERIVATION_SCHEMES)[number];

/** The largest index a hardened or plain BIP-32 level holds (2^31 - 1). */
export const MAX_ACCOUNT_INDEX = 0x7fffffff;

export function derivationPath(scheme: DerivationScheme, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > MAX_ACCOUNT_INDEX)
    throw new RangeError(`Account index must be an integer from 0 to ${MAX_ACCOUNT_INDEX}, got ${index}`);
  switch (scheme) {
    case 'ledger-live':
      return `44'/60'/${index}'/0/0`;
    case 'legacy':
      return `44'/60'/0'/${index}`;
    case 'bip44':
      return `44'/60'/0'/0/${index}`;
  }
}

/** The first `count` paths of a scheme from `start` (an import page's page of accounts). */
export function derivationPaths(scheme: DerivationScheme, start: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => derivationPath(scheme, start + i));
}

const HARDENED = 0x80000000;

/**
 * A path (`44'/60'/0'/0/0`, with or without `m/`, `'` or `h` for hardened) as the BIP-32 indexes the device reads,
 * hardened ones with the top bit set. Throws on anything that is not 1 to 10 levels of indexes below 2^31.
 */
export function parseDerivationPath(path: string): number[] {
  const body = path.startsWith('m/') ? path.slice(2) : path;
  const levels = body.split('/');
  if (levels.length < 1 || levels.length > 10) throw new RangeError(`A derivation path has 1 to 10 levels: ${path}`);
  return levels.map((level) => {
    const m = /^(\d+)(['hH]?)$/.exec(level);
    if (!m) throw new RangeError(`Not a derivation path level: "${level}" in ${path}`);
    const n = Number(m[1]);
    if (n > MAX_ACCOUNT_INDEX) throw new RangeError(`Derivation index too large: ${level} in ${path}`);
    return m[2] ? n + HARDENED : n;
  });
}

/** BIP-32 indexes back to the written form (`44'/60'/0'/0/0`). */
export function formatDerivationPath(indexes: readonly number[]): string {
  return indexes.map((i) => (i >= HARDENED ? `${i - HARDENED}'` : String(i))).join('/');
}

/** Which scheme and index a path belongs to, or null for a path none of the three would give. */
export function schemeOfPath(path: string): { scheme: DerivationScheme; index: number } | null {
  const written = formatDerivationPath(parseDerivationPath(path));
  let m = /^44'\/60'\/(\d+)'\/0\/0$/.exec(written);
  if (m) return { scheme: 'ledger-live', index: Number(m[1]) };
  m = /^44'\/60'\/0'\/(\d+)$/.exec(written);
  if (m) return { scheme: 'legacy', index: Number(m[1]) };
  m = /^44'\/60'\/0'\/0\/(\d+)$/.exec(written);
  if (m) return { scheme: 'bip44', index: Number(m[1]) };
  return null;
}
