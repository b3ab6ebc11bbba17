import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { RESTAKING_SYMBOLS, TOKENS } from '../../lib/restaking';
import type { Ballast } from './harness';
import { expectNoAxeViolations, screenshot, waitForClose, waitForPage } from './harness';
import type { TwoSites } from './isolation-sites';
import {
  ACCOUNT_0,
  answerApproval,
  call,
  openSite,
  startCall,
  startIsolationWorld,
  stopIsolationWorld,
  waitOutcome,
} from './isolation-helpers';
import { stringToHex } from 'viem';

const PERMIT2 = '0x000000000022D473030F116dDEE9F6B43aC78BA3';
const SPENDER = '0x1111111254EEB25477B68fb85Ed929f73A960582';
const MAX_UINT160 = `0x${'f'.repeat(40)}`;
const NEVER_48 = String(2 ** 48 - 1);

/**
 * The approval window leads with its verdict: a Permit2 batch over every registry token (a long typed-data
 * tree) still shows its danger banner on the first screen, above the raw request, and the raw values read
 * as a person reads them (amounts with their token, "unlimited", expiries as dates or "never").
 */
let ballast: Ballast;
let sites: TwoSites;
let site: Page;

beforeAll(async () => {
  ({ ballast, sites } = await startIsolationWorld());
  site = await openSite(ballast, `${sites.a.origin}/`);
  await startCall(site, 'connect', 'eth_requestAccounts');
  await answerApproval(ballast, sites.a.origin, 'Connect');
  expect(await waitOutcome(site, 'connect')).toMatchObject({ result: [ACCOUNT_0.toLowerCase()] });
});
afterAll(() => stopIsolationWorld({ ballast, sites }));

function permitBatch() {
  const deadline = Math.floor(Date.now() / 1000) + 3 * 86_400;
  return {
    types: {
      EIP712Domain: [
        { name: 'name', type: 'string' },
        { name: 'chainId', type: 'uint256' },
        { name: 'verifyingContract', type: 'address' },
      ],
      PermitBatch: [
        { name: 'details', type: 'PermitDetails[]' },
        { name: 'spender', type: 'address' },
        { name: 'sigDeadline', type: 'uint256' },
      ],
      PermitDetails: [
        { name: 'token', type: 'address' },
        { name: 'amount', type: 'uint160' },
        { name: 'expiration', type: 'uint48' },
        { name: 'nonce', type: 'uint48' },
      ],
    },
    primaryType: 'PermitBatch',
    domain: { name: 'Permit2', chainId: 1, verifyingContract: PERMIT2 },
    message: {
      details: RESTAKING_SYMBOLS.map((symbol, i) => ({
        token: TOKENS[symbol],
        amount: i === 0 ? '1500000000000000000' : MAX_UINT160,
        expiration: NEVER_48,
        nonce: String(i),
      })),
      spender: SPENDER,
      sigDeadline: String(deadline),
    },
  };
}

describe('the verdict first', () => {
  it('a long Permit2 batch shows its danger verdict on the first screen, and its values in words', async () => {
    const batch = permitBatch();
    await startCall(site, 'permit', 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(batch)]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    const banner = approval.getByTestId('risk-banner');
    await banner.waitFor();
    await expect.poll(() => approval.getByTestId('risk-preview').getAttribute('data-worst')).toBe('danger');

    // On the first screen of the 400×640 window, and above the raw request in reading order.
    const box = await banner.boundingBox();
    const viewport = await approval.evaluate(() => ({ height: window.innerHeight }));
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
    const order = await approval.evaluate(() => {
      const verdict = document.querySelector('[data-testid="risk-preview"]')!;
      const details = document.querySelector('[data-testid="request-details"]')!;
      return verdict.compareDocumentPosition(details) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    expect(order).toBeTruthy();

    // Values in words, computed independently here: 1.5 of the first registry token, unlimited for the rest, never for the expiries.
    const readable = approval.getByTestId('typed-readable');
    const texts = await readable.allTextContents();
    expect(texts).toContain(`1.5 ${RESTAKING_SYMBOLS[0]}`);
    expect(texts.filter((t) => t.startsWith('unlimited')).length).toBe(RESTAKING_SYMBOLS.length - 1);
    expect(texts.filter((t) => t === 'never').length).toBe(RESTAKING_SYMBOLS.length);
    expect(texts.some((t) => /UTC \(in 3 days\)$/.test(t))).toBe(true);
    // The raw value is one click away.
    await approval.getByRole('button', { name: 'Show the raw value of sigDeadline' }).click();
    await approval.getByText(batch.message.sigDeadline, { exact: true }).waitFor();
    await expectNoAxeViolations(approval, 'approval window, Permit2 batch');
    await screenshot(approval, 'approval-verdict-permit2');

    const closed = waitForClose(approval);
    await approval.close();
    await closed;
    expect((await waitOutcome(site, 'permit')).error?.code).toBe(4001);
  });

  it('typed data with a decimal-string address is refused with -32602 naming the field, and never queued', async () => {
    const batch = permitBatch();
    const bad = { ...batch, message: { ...batch.message, spender: BigInt(SPENDER).toString() } };
    const outcome = await call(site, 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(bad)]);
    expect(outcome.error?.code).toBe(-32602);
    expect(outcome.error?.message).toContain('message.spender');
    expect(await ballast.context.pages().filter((p) => p.url().includes('approval.html'))).toHaveLength(0);
  });

  it('a Sign-In-With-Ethereum message for another domain is danger, naming both', async () => {
    const siwe = [
      'evil.example wants you to sign in with your Ethereum account:',
      ACCOUNT_0,
      '',
      'Sign in to claim your airdrop.',
      '',
      'URI: https://evil.example/login',
      'Version: 1',
      'Chain ID: 1',
      'Nonce: 32891756',
      'Issued At: 2026-12-06T20:00:00.000Z',
    ].join('\n');
    await startCall(site, 'siwe', 'personal_sign', [stringToHex(siwe), ACCOUNT_0]);
    const approval = await waitForPage(ballast.context, 'approval.html');
    const flag = approval.locator('[data-testid="risk-flag"][data-flag-id="siwe.domain-mismatch"]');
    await flag.waitFor();
    expect(await flag.getAttribute('data-severity')).toBe('danger');
    const text = await flag.textContent();
    expect(text).toContain('evil.example');
    expect(text).toContain(new URL(sites.a.origin).host);
    await expect.poll(() => approval.getByTestId('risk-preview').getAttribute('data-worst')).toBe('danger');
    const closed = waitForClose(approval);
    await approval.close();
    await closed;
    expect((await waitOutcome(site, 'siwe')).error?.code).toBe(4001);
  });
});
