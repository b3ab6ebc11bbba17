import { describe, expect, it } from 'vitest';
import { stringToHex, type Client } from 'viem';
import type { StoredPending } from '../storage/items';
import { toPreviewRequest } from './request';
import { personalSignRule } from './rules/personal-sign';
import { createPreviewService } from './service';

const ACCOUNT = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const SITE = 'https://dapp.example';
const siwe = (domain: string) =>
  `${domain} wants you to sign in with your Ethereum account:
${ACCOUNT}

Sign in to the dApp.

URI: https://${domain}
Version: 1
Chain ID: 1
Nonce: 32891757
Issued At: 2021-09-30T16:25:24.000Z`;
const ids = (flags: { id: string; severity: string }[]) => flags.map((f) => `${f.id}:${f.severity}`);

describe('personal_sign preview', () => {
  it('hex text with a right-to-left override: shown as text with the character made visible, and warned about', () => {
    const { output, decoded } = personalSignRule(stringToHex('Send to \u202E1234\u202C please'));
    expect(ids(output.flags)).toEqual(['signature.message:info', 'signature.hidden-characters:warn']);
    expect(decoded.args[0]).toEqual({ name: 'message', type: 'string', value: 'Send to ⟦RLO U+202E⟧1234⟦PDF U+202C⟧ please' });
    expect(output.flags[0]?.numbers.message).toBe('Send to ⟦RLO U+202E⟧1234⟦PDF U+202C⟧ please');
    expect(output.flags[1]?.numbers.characters).toBe(
      'U+202E RIGHT-TO-LEFT OVERRIDE at index 8; U+202C POP DIRECTIONAL FORMATTING at index 13',
    );
  });

  it('plain text without hidden characters → the info flag alone', () => {
    expect(ids(personalSignRule('Sign in to Restake Demo').output.flags)).toEqual(['signature.message:info']);
  });

  it('a sign-in for the requesting site → no danger; for another domain → danger with both names', () => {
    const context = { from: ACCOUNT as `0x${string}`, origin: SITE, chainId: 1 } as const;
    const same = personalSignRule(stringToHex(siwe('dapp.example')), context).output;
    expect(ids(same.flags)).toEqual(['signature.message:info']);
    expect(same.checked).toContain('Sign-In With Ethereum: dapp.example is the requesting site');
    const other = personalSignRule(stringToHex(siwe('wallet-drainer.example')), context).output;
    expect(ids(other.flags)).toEqual(['signature.message:info', 'siwe.domain-mismatch:danger']);
    expect(other.flags[1]?.numbers).toMatchObject({ signsInTo: 'wallet-drainer.example', requestedBy: SITE });
    // Without the origin the domain cannot be checked: said so, not passed as fine.
    const unknown = personalSignRule(stringToHex(siwe('wallet-drainer.example')), { from: context.from, chainId: 1 }).output;
    expect(ids(unknown.flags)).toEqual(['signature.message:info']);
    expect(unknown.notChecked).toContain('Sign-In With Ethereum for wallet-drainer.example: the requesting site is unknown');
  });

  it('the origin reaches the preview request of personal_sign', () => {
    expect(toPreviewRequest('personal_sign', ['0x68', ACCOUNT], undefined, SITE)).toEqual({
      kind: 'personalSign',
      message: '0x68',
      from: ACCOUNT,
      origin: SITE,
    });
  });

  it('the preview service checks a queued request against its origin, and a guard ask against the asking page', async () => {
    const params = [stringToHex(siwe('wallet-drainer.example')), ACCOUNT];
    const entry: StoredPending = { id: 'p1', origin: SITE, kind: 'signature', method: 'personal_sign', params, createdAt: 0, chainId: 1 };
    const service = createPreviewService({
      client: async () => ({}) as Client,
      network: async () => ({ chainId: 1, rpcUrls: ['http://127.0.0.1:8545'] }),
      pending: async () => [entry],
      watchPending: () => () => {},
      selectedAddress: async () => undefined,
      onReady: () => {},
    });
    const queued = (await service.get('p1', true)).preview!;
    expect(queued.worst).toBe('danger');
    expect(queued.flags[0]).toMatchObject({ id: 'siwe.domain-mismatch', numbers: { requestedBy: SITE } });
    const guard = (await service.forGuard('personal_sign', [stringToHex(siwe('dapp.example')), ACCOUNT], SITE)).preview;
    expect(ids(guard.flags)).toEqual(['signature.message:info']);
    const guardElsewhere = (await service.forGuard('personal_sign', params, 'https://other.example')).preview;
    expect(guardElsewhere.flags[0]).toMatchObject({ id: 'siwe.domain-mismatch', numbers: { requestedBy: 'https://other.example' } });
  });
});
