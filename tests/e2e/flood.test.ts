import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Ballast } from './harness';
import { expectOk, waitForClose, waitForPage } from './harness';
import type { TwoSites } from './isolation-sites';
import {
  ACCOUNT_0,
  PASSWORD,
  answerApproval,
  openSite,
  startCall,
  startIsolationWorld,
  stopIsolationWorld,
  waitOutcome,
} from './isolation-helpers';

/**
 * A page floods Ballast with fifty requests that would each wait in the approval queue (session
 * storage, 10 MB for the whole extension, shared with the unlocked session's secrets). The queue keeps
 * a few, refuses the rest with EIP-1193 codes, stays small, and the wallet still locks and unlocks.
 */
let ballast: Ballast;
let ui: Page;
let sites: TwoSites;

beforeAll(async () => {
  ({ ballast, ui, sites } = await startIsolationWorld());
});
afterAll(() => stopIsolationWorld({ ballast, sites }));

const sessionBytes = () =>
  ballast.serviceWorker.evaluate(() =>
    (
      globalThis as unknown as { chrome: { storage: { session: { getBytesInUse(keys: null): Promise<number> } } } }
    ).chrome.storage.session.getBytesInUse(null),
  );

describe('fifty requests from one page', () => {
  it('keep storage.session under 1 MB, get clear refusals, and leave the vault unlockable', async () => {
    const site = await openSite(ballast, `${sites.a.origin}/`);
    await startCall(site, 'connect', 'eth_requestAccounts');
    await answerApproval(ballast, sites.a.origin, 'Connect');
    expect(await waitOutcome(site, 'connect')).toMatchObject({ result: [ACCOUNT_0.toLowerCase()] });

    // ~100 KB each: without limits fifty of them would be 5 MB of session storage.
    const bigMessage = (n: number) => `0x${n.toString(16).padStart(4, '0')}${'ab'.repeat(50_000)}`;
    const hugeImage = `data:image/png;base64,${'A'.repeat(200_000)}`;
    const keys: { key: string; kind: 'sign' | 'asset' | 'chain' }[] = [];
    for (let n = 0; n < 50; n++) {
      const key = `flood-${n}`;
      if (n % 5 === 3) {
        keys.push({ key, kind: 'asset' });
        await startCall(site, key, 'wallet_watchAsset', {
          type: 'ERC20',
          options: { address: '0x6B175474E89094C44Da98b954EedeAC495271d0F', symbol: 'DAI', decimals: 18, image: hugeImage },
        });
      } else if (n % 5 === 4) {
        keys.push({ key, kind: 'chain' });
        await startCall(site, key, 'wallet_addEthereumChain', [
          {
            chainId: '0xa',
            chainName: 'OP Mainnet',
            nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
            rpcUrls: Array.from({ length: 1_000 }, (_, i) => `https://rpc-${i}.example/${'x'.repeat(100)}`),
          },
        ]);
      } else {
        keys.push({ key, kind: 'sign' });
        await startCall(site, key, 'personal_sign', [bigMessage(n), ACCOUNT_0]);
      }
    }
    const approval = await waitForPage(ballast.context, 'approval.html');
    const refusals = { '-32602': 0, '-32005': 0 };
    let waiting = 0;
    for (const { key, kind } of keys) {
      if (kind === 'sign') {
        // Signatures either wait (no outcome yet once the queue settled) or were refused at the door.
        continue;
      }
      const outcome = await waitOutcome(site, key);
      expect(outcome.error?.code, `${key} ${kind}`).toBe(-32602);
      refusals['-32602']++;
    }
    const signKeys = keys.filter((k) => k.kind === 'sign');
    /** Signature requests accounted for: waiting in the queue, or refused at the door (-32005). */
    const signaturesSettled = async () => {
      const pending = (await expectOk(ui, 'pending:list')) as { origin: string; method: string }[];
      const outcomes = await site.evaluate(
        (list) => list.map((k) => (window as unknown as { __pending?: Record<string, { error?: { code: number } }> }).__pending?.[k]),
        signKeys.map((k) => k.key),
      );
      const refused = outcomes.filter((o) => o !== undefined);
      return { pending, refused, accounted: pending.length + refused.length };
    };
    await expect.poll(async () => (await signaturesSettled()).accounted, { timeout: 30_000 }).toBe(signKeys.length);
    const { pending, refused } = await signaturesSettled();
    waiting = pending.length;
    for (const outcome of refused) expect(outcome?.error?.code).toBe(-32005);
    refusals['-32005'] = refused.length;
    expect(refusals['-32602']).toBe(20);
    expect(waiting + refusals['-32005']).toBe(signKeys.length);
    expect(waiting).toBeLessThanOrEqual(10);
    expect(pending.every((p) => p.origin === sites.a.origin && p.method === 'personal_sign')).toBe(true);

    const bytes = await sessionBytes();
    expect(bytes).toBeLessThan(1_000_000);

    // The wallet still locks and unlocks (the session secrets are written again on unlock).
    expect(await expectOk(ui, 'wallet:lock')).toBe(true);
    expect(await expectOk(ui, 'wallet:unlock', { password: PASSWORD })).toBe(true);
    expect(((await expectOk(ui, 'wallet:getState')) as { status: string }).status).toBe('unlocked');

    // Closing the window rejects what still waits: every page request gets exactly one answer.
    const closed = waitForClose(approval);
    await approval.close();
    await closed;
    for (const { key } of signKeys) expect((await waitOutcome(site, key)).error?.code, key).toBeOneOf([4001, -32005]);
  });
});
