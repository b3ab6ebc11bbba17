import { describe, expect, it } from 'vitest';
import { parseSiwe, siweDomainMatches, siweFlags } from './siwe';

const ACCOUNT = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
const OTHER_ACCOUNT = '0x0000000000000000000000000000000000000000';

/** The MetaMask test dApp's "Sign In With Ethereum" message (src/components/signatures/siwe.js), for `domain`. */
const siweMessage = (domain: string, { address = ACCOUNT, chainId = 1, uri = `https://${domain}` } = {}) =>
  `${domain} wants you to sign in with your Ethereum account:
${address}

I accept the MetaMask Terms of Service: https://community.metamask.io/tos

URI: ${uri}
Version: 1
Chain ID: ${chainId}
Nonce: 32891757
Issued At: 2021-09-30T16:25:24.000Z`;

const ids = (flags: { id: string; severity: string }[]) => flags.map((f) => `${f.id}:${f.severity}`);

describe('Sign-In With Ethereum', () => {
  it('parses the domain, address, URI and chain id; plain text is not a sign-in', () => {
    expect(parseSiwe(siweMessage('127.0.0.1:5173'))).toEqual({
      domain: '127.0.0.1:5173',
      address: ACCOUNT,
      uri: 'https://127.0.0.1:5173',
      chainId: 1,
      missing: [],
    });
    expect(parseSiwe(`https://${siweMessage('dapp.example')}`)).toMatchObject({ scheme: 'https', domain: 'dapp.example' });
    expect(parseSiwe('Sign in to Restake Demo')).toBeUndefined();
    expect(parseSiwe(`Hello\n${siweMessage('dapp.example')}`)).toBeUndefined();
  });

  it('the domain matches the requesting site by host and port, case and default port aside', () => {
    const matches = (domain: string, origin: string) => siweDomainMatches(parseSiwe(siweMessage(domain))!, origin);
    expect(matches('dapp.example', 'https://dapp.example')).toBe(true);
    expect(matches('DApp.Example', 'https://dapp.example')).toBe(true);
    expect(matches('dapp.example:443', 'https://dapp.example')).toBe(true);
    expect(matches('127.0.0.1:5173', 'http://127.0.0.1:5173')).toBe(true);
    expect(matches('127.0.0.1:5174', 'http://127.0.0.1:5173')).toBe(false);
    expect(matches('dapp.example', 'https://app.dapp.example')).toBe(false);
    expect(matches('dapp.example.evil.io', 'https://dapp.example')).toBe(false);
    // Userinfo would make a URL parser read the host after "@"; the verifier compares the string as written.
    expect(matches('evil.io@dapp.example', 'https://dapp.example')).toBe(false);
    expect(matches('dapp.example\u200B', 'https://dapp.example')).toBe(false);
    expect(siweDomainMatches(parseSiwe(`http://${siweMessage('dapp.example')}`)!, 'https://dapp.example')).toBe(false);
    expect(matches('dapp.example', 'null')).toBe(false);
  });

  it('matching domain, account and chain → no flag', () => {
    const message = parseSiwe(siweMessage('dapp.example'))!;
    expect(
      siweFlags({ message, origin: 'https://dapp.example', account: ACCOUNT.toUpperCase().replace('0X', '0x'), activeChainId: 1 }),
    ).toEqual([]);
  });

  it('another domain → danger saying which domain asks and which site sent it', () => {
    // The test dApp's "Bad Domain" button.
    const message = parseSiwe(siweMessage('metamask.badactor.io'))!;
    const flags = siweFlags({ message, origin: 'http://127.0.0.1:5173', account: ACCOUNT, activeChainId: 1 });
    expect(ids(flags)).toEqual(['siwe.domain-mismatch:danger']);
    expect(flags[0]).toMatchObject({
      title: 'Sign-in to metamask.badactor.io, but 127.0.0.1:5173 is asking',
      numbers: { signsInTo: 'metamask.badactor.io', requestedBy: 'http://127.0.0.1:5173', uri: 'https://metamask.badactor.io' },
    });
  });

  it('another account → danger; another chain → warn; unknown origin, account or chain → not checked here', () => {
    const message = parseSiwe(siweMessage('dapp.example', { address: OTHER_ACCOUNT, chainId: 10 }))!;
    const flags = siweFlags({ message, origin: 'https://dapp.example', account: ACCOUNT, activeChainId: 1 });
    expect(ids(flags)).toEqual(['siwe.address-mismatch:danger', 'siwe.chain-mismatch:warn']);
    expect(flags[0]?.numbers).toEqual({ messageAccount: OTHER_ACCOUNT, signingAccount: ACCOUNT });
    expect(flags[1]?.numbers).toEqual({ messageChain: '10', activeChain: '1' });
    expect(siweFlags({ message })).toEqual([]);
  });

  it('a message that only looks like a sign-in is still checked against the site, and warned about', () => {
    // The test dApp's "Malformed" button: no URI, no Chain ID.
    const malformed = `dapp.example wants you to sign in with your Ethereum account:
${ACCOUNT}

I accept the MetaMask Terms of Service: https://community.metamask.io/tos

Version: 1
Nonce: 32891757
Issued At: 2021-09-30T16:25:24Z`;
    const message = parseSiwe(malformed)!;
    expect(message.missing).toEqual(['URI', 'Chain ID']);
    expect(ids(siweFlags({ message, origin: 'https://dapp.example', account: ACCOUNT, activeChainId: 1 }))).toEqual([
      'siwe.malformed:warn',
    ]);
    // A first line viem's grammar rejects (a character outside its domain set) still names the domain.
    const odd = parseSiwe(siweMessage('evil_site.io'))!;
    expect(odd.domain).toBe('evil_site.io');
    expect(ids(siweFlags({ message: odd, origin: 'https://dapp.example', account: ACCOUNT, activeChainId: 1 }))).toEqual([
      'siwe.domain-mismatch:danger',
    ]);
  });
});
