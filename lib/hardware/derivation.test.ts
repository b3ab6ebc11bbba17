import { describe, expect, it } from 'vitest';
import { mnemonicToAccount } from 'viem/accounts';
import { derivationPath, derivationPaths, formatDerivationPath, parseDerivationPath, schemeOfPath } from './derivation';

const JUNK = 'test test test test test test test test test test test junk';

describe('Ledger derivation paths', () => {
  it('writes the three schemes at index 0, 1 and 7', () => {
    expect([0, 1, 7].map((i) => derivationPath('ledger-live', i))).toEqual(["44'/60'/0'/0/0", "44'/60'/1'/0/0", "44'/60'/7'/0/0"]);
    expect([0, 1, 7].map((i) => derivationPath('legacy', i))).toEqual(["44'/60'/0'/0", "44'/60'/0'/1", "44'/60'/0'/7"]);
    expect([0, 1, 7].map((i) => derivationPath('bip44', i))).toEqual(["44'/60'/0'/0/0", "44'/60'/0'/0/1", "44'/60'/0'/0/7"]);
    expect(derivationPaths('legacy', 3, 2)).toEqual(["44'/60'/0'/3", "44'/60'/0'/4"]);
  });

  it('the BIP-44 paths give the accounts anvil funds from its dev mnemonic (its addresses, as anvil prints them)', () => {
    const at = (path: string) => mnemonicToAccount(JUNK, { path: `m/${path}` as `m/44'/60'/${string}` }).address;
    expect(at(derivationPath('bip44', 0))).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(at(derivationPath('bip44', 1))).toBe('0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
    // Ledger Live index 1 is another account than BIP-44 index 1 of the same seed.
    expect(at(derivationPath('ledger-live', 1))).not.toBe(at(derivationPath('bip44', 1)));
  });

  it('refuses indexes a BIP-32 level cannot hold', () => {
    for (const bad of [-1, 1.5, 2 ** 31, Number.NaN]) expect(() => derivationPath('bip44', bad)).toThrow(RangeError);
    expect(derivationPath('bip44', 2 ** 31 - 1)).toBe(`44'/60'/0'/0/${2 ** 31 - 1}`);
  });

  it('parses a path into the indexes the device reads (hardened = top bit) and back', () => {
    expect(parseDerivationPath("m/44'/60'/0'/0/5")).toEqual([0x8000002c, 0x8000003c, 0x80000000, 0, 5]);
    expect(parseDerivationPath('44h/60h/1h/0/0')).toEqual([0x8000002c, 0x8000003c, 0x80000001, 0, 0]);
    expect(formatDerivationPath(parseDerivationPath("44'/60'/0'/0/5"))).toBe("44'/60'/0'/0/5");
    for (const bad of ['', "44'/x/0", "44''/60'", `44'/${2 ** 31}`, '1/2/3/4/5/6/7/8/9/10/11'])
      expect(() => parseDerivationPath(bad), bad).toThrow(RangeError);
  });

  it('names the scheme of a path (the shared first account reads as Ledger Live)', () => {
    expect(schemeOfPath("44'/60'/4'/0/0")).toEqual({ scheme: 'ledger-live', index: 4 });
    expect(schemeOfPath("m/44'/60'/0'/9")).toEqual({ scheme: 'legacy', index: 9 });
    expect(schemeOfPath("44'/60'/0'/0/3")).toEqual({ scheme: 'bip44', index: 3 });
    expect(schemeOfPath("44'/60'/0'/0/0")).toEqual({ scheme: 'ledger-live', index: 0 });
    expect(schemeOfPath("44'/61'/0'/0/0")).toBeNull();
  });
});
