import { describe, expect, it } from 'vitest';
import type { Address } from 'viem';
import type { RiskFlag } from '../flag';
import { addressPoisoningFlags, lookalikesOf, type KnownAddress } from './address-poisoning';
import { checksumProblem, recipientFlags } from './recipient';

const summary = (flags: RiskFlag[]) => flags.map((f) => `${f.id}:${f.severity}`);

// Hand-made addresses: FRIEND's first 4 hex are "abcd", last 4 "1234".
const FRIEND = '0xabcd000000000000000000000000000000001234' as Address;
const POISON = '0xabcdffffffffffffffffffffffffffffffff1234' as Address; // same ends, other middle
const ONE_OFF_HEAD = '0xabce000000000000000000000000000000001234' as Address; // 4th char differs
const ONE_OFF_TAIL = '0xabcd000000000000000000000000000000001235' as Address; // last char differs
const THREE_THREE = '0xabc1ffffffffffffffffffffffffffffffff1234' as Address; // 3 of the first 4 match
const TOKEN = '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84' as Address;

const book: KnownAddress[] = [{ address: FRIEND, name: 'Friend', source: 'saved' }];

describe('address poisoning: first 4 and last 4 hex characters', () => {
  it('a different address with the same 4 + 4 characters is a lookalike, whatever the case', () => {
    expect(lookalikesOf(POISON, book)).toEqual(book);
    expect(lookalikesOf(POISON.toUpperCase().replace('0X', '0x') as Address, book)).toEqual(book);
  });
  it('the address itself (any case) and near misses on either end are not', () => {
    expect(lookalikesOf(FRIEND, book)).toEqual([]);
    expect(lookalikesOf(FRIEND.toUpperCase().replace('0X', '0x') as Address, book)).toEqual([]);
    expect(lookalikesOf(ONE_OFF_HEAD, book)).toEqual([]);
    expect(lookalikesOf(ONE_OFF_TAIL, book)).toEqual([]);
    expect(THREE_THREE.length).toBe(42);
    expect(lookalikesOf(THREE_THREE, book)).toEqual([]);
  });
  it('the danger flag names the lookalike and its name; an address only sent to is named as such', () => {
    const [flag, ...rest] = addressPoisoningFlags(POISON, book);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ id: 'recipient.poisoning', severity: 'danger', numbers: { lookalike: FRIEND, name: 'Friend' } });
    expect(flag!.title).toContain('"Friend" in your address book');
    expect(flag!.why).toContain('abcd…1234');
    const sent = addressPoisoningFlags(POISON, [{ address: FRIEND, source: 'sent' }]);
    expect(sent[0]!.title).toContain('an address you sent to before');
  });
  it('one flag per lookalike address, the named source kept', () => {
    const known: KnownAddress[] = [
      { address: FRIEND, source: 'sent' },
      { address: FRIEND, name: 'Friend', source: 'saved' },
    ];
    expect(lookalikesOf(POISON, known)).toEqual([{ address: FRIEND, name: 'Friend', source: 'saved' }]);
  });
});

describe('EIP-55 checksum of a typed address', () => {
  // The EIP's own examples.
  it.each([
    '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
    '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
    '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  ])('%s matches', (address) => expect(checksumProblem(address)).toBeUndefined());
  it('all lower or all upper case carries no checksum', () => {
    expect(checksumProblem('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed')).toBeUndefined();
    expect(checksumProblem('0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED')).toBeUndefined();
  });
  it('one letter in the wrong case is refused, naming the address', () => {
    const bad = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD';
    expect(checksumProblem(bad)).toMatch(/checksum \(EIP-55\) of 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD does not match/);
  });
});

describe('recipient flags', () => {
  const base = { recipient: POISON, recipientHasCode: false, transferReverted: false, known: [] as KnownAddress[] };
  it('a token sent to its own contract → danger (and no contract warning on top)', () => {
    const flags = recipientFlags({
      ...base,
      recipient: TOKEN,
      recipientHasCode: true,
      asset: { kind: 'token', token: TOKEN, symbol: 'stETH' },
    });
    expect(summary(flags)).toEqual(['recipient.token-contract:danger', 'recipient.first-time:info']);
  });
  it('a token sent to another contract → warn naming the token', () => {
    const flags = recipientFlags({ ...base, recipientHasCode: true, asset: { kind: 'token', token: TOKEN, symbol: 'stETH' } });
    expect(summary(flags)).toEqual(['recipient.contract:warn', 'recipient.first-time:info']);
    expect(flags[0]!.title).toContain('make sure it can handle stETH');
  });
  it('ETH to a contract: warn only when the transfer reverts', () => {
    expect(
      summary(recipientFlags({ ...base, recipientHasCode: true, asset: { kind: 'eth' }, known: [{ address: POISON, source: 'sent' }] })),
    ).toEqual([]);
    expect(
      summary(recipientFlags({ ...base, recipientHasCode: true, transferReverted: true, asset: { kind: 'eth' }, known: undefined })),
    ).toEqual(['recipient.contract-rejects:warn']);
  });
  it('first time → info; a known recipient → nothing; a lookalike of a known one → danger + info', () => {
    expect(summary(recipientFlags({ ...base, asset: { kind: 'eth' } }))).toEqual(['recipient.first-time:info']);
    expect(summary(recipientFlags({ ...base, recipient: FRIEND, asset: { kind: 'eth' }, known: book }))).toEqual([]);
    expect(summary(recipientFlags({ ...base, asset: { kind: 'eth' }, known: book }))).toEqual([
      'recipient.poisoning:danger',
      'recipient.first-time:info',
    ]);
  });
});
