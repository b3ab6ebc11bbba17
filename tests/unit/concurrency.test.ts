import '../../lib/polyfills';
import { beforeAll, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { recoverMessageAddress, stringToHex, type Hex } from 'viem';
import { createNetworkService } from '../../lib/chain/networks';
import { createApprovalQueue, createProviderRouter, type ProviderEvent, type ProviderResponse } from '../../lib/provider';
import { MAX_PENDING_PER_ORIGIN } from '../../lib/provider/approvals';
import { createActivityService } from '../../lib/wallet/activity';
import { createPermissionService } from '../../lib/wallet/permissions';
import { createWalletService } from '../../lib/wallet/wallet-service';
import { browserItems } from './browser-items';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC } from './provider-harness';

const ORIGINS = ['https://a.example', 'https://b.example', 'https://c.example', 'https://d.example', 'https://e.example'] as const;
/** a–c are connected before the burst (to different accounts), d and e are not. */
const CONNECTED: Record<string, string> = { [ORIGINS[0]]: ACCOUNT_0, [ORIGINS[1]]: ACCOUNT_1, [ORIGINS[2]]: ACCOUNT_0 };

/** The real router over WXT's fake storage; approvals wait for the test to answer them (no auto-answer). */
function createRouter() {
  const items = browserItems();
  const events: { origins: string[] | '*'; event: ProviderEvent; data: unknown }[] = [];
  const changeListeners = new Set<() => void>();
  const wallet = createWalletService({ vault: items.vault, accounts: items.accounts, meta: items.meta, session: items.session });
  const approvals = createApprovalQueue({
    item: items.pending,
    openWindow: async () => undefined,
    onChange: () => changeListeners.forEach((l) => l()),
  });
  const router = createProviderRouter({
    wallet,
    approvals,
    networks: createNetworkService({ item: items.networks }),
    permissions: createPermissionService({ item: items.permissions }),
    activity: createActivityService({ item: items.activity }),
    callBundles: items.callBundles,
    watchedAssets: items.watchedAssets,
    client: async () => {
      throw new Error('no RPC in unit tests');
    },
    emit: (origins, event, data) => events.push({ origins, event, data }),
  });
  /** Resolves once `n` requests wait for the user (driven by the queue's change events, not a timer). */
  const untilPending = (n: number) =>
    new Promise<void>((resolve) => {
      const check = () =>
        void approvals.list().then((l) => {
          if (l.length >= n) {
            changeListeners.delete(check);
            resolve();
          }
        });
      changeListeners.add(check);
      check();
    });
  return { wallet, approvals, router, events, untilPending };
}

/** Deterministic Fisher–Yates with a small LCG, so a failure replays the same order. */
function shuffled<T>(list: readonly T[], seed = 20240611): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

type Sent = { origin: string; method: string; params: unknown[]; key: string; message?: string };

describe('100 requests at once from 5 origins through the real router', () => {
  const r = createRouter();
  const sent: Sent[] = [];
  const answers = new Map<string, ProviderResponse[]>();

  beforeAll(async () => {
    fakeBrowser.reset();
    await r.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    await r.wallet.addHdAccount();
    // Pre-connect a–c through the router itself, answering each connect prompt as it appears.
    for (const [origin, account] of Object.entries(CONNECTED)) {
      const pending = r.router.handle({ origin, method: 'eth_requestAccounts', params: [] });
      await r.untilPending(1);
      const [p] = await r.approvals.list();
      await r.approvals.resolve(p!.id, { approved: true, accounts: [account as Hex] });
      expect(await pending).toEqual({ result: [account.toLowerCase()] });
    }
    r.events.length = 0;
    for (const origin of ORIGINS) {
      for (let i = 0; i < 20; i++) {
        const key = `${origin}#${i}`;
        if (CONNECTED[origin]) {
          const message = `sign ${key}`;
          if (i < 12) sent.push({ origin, key, message, method: 'personal_sign', params: [stringToHex(message), CONNECTED[origin]] });
          else sent.push({ origin, key, method: 'eth_accounts', params: [] });
        } else if (i < 4) sent.push({ origin, key, method: 'eth_requestAccounts', params: [] });
        else sent.push({ origin, key, method: 'eth_accounts', params: [] });
      }
    }
  });

  test('each request is answered once, by its own origin’s approval, whatever the approval order', async () => {
    expect(sent).toHaveLength(100);
    const inFlight = sent.map(async (s) => {
      const response = await r.router.handle({ origin: s.origin, method: s.method, params: s.params, dedupeKey: s.key });
      answers.set(s.key, [...(answers.get(s.key) ?? []), response]);
    });
    const all = Promise.all(inFlight);
    const waiting = sent.filter((s) => s.method !== 'eth_accounts');
    // Flood limits: a connected origin's 12 signatures fill its 10 places (2 refused), an unconnected
    // origin's 4 connects leave one waiting (3 refused). Which ones get in depends on arrival, not index.
    const expectedPending = ORIGINS.reduce((n, o) => n + (CONNECTED[o] ? MAX_PENDING_PER_ORIGIN : 1), 0);
    await r.untilPending(expectedPending);
    // The reads need no user: they are all answered while every prompt still waits.
    await Promise.all(inFlight.filter((_p, i) => sent[i]!.method === 'eth_accounts'));
    const pending = await r.approvals.list();
    expect(pending).toHaveLength(expectedPending);

    // Each pending entry sits under the origin that sent it; signature prompts carry that origin's own message.
    for (const p of pending) {
      expect(ORIGINS).toContain(p.origin);
      if (p.kind === 'signature') {
        const [data, address] = p.params as [Hex, string];
        const source = waiting.find((s) => s.method === 'personal_sign' && s.params[0] === data);
        expect(source?.origin).toBe(p.origin);
        expect(address.toLowerCase()).toBe(CONNECTED[p.origin]!.toLowerCase());
      } else {
        expect(p.kind).toBe('connect');
        expect(CONNECTED[p.origin]).toBeUndefined();
      }
    }

    // Answer in a shuffled order: signatures with an even index approved, odd rejected; d's connects approved with account 1, e's rejected.
    const decisionFor = (p: (typeof pending)[number]) => {
      if (p.kind === 'connect') return p.origin === ORIGINS[3] ? { approved: true, accounts: [ACCOUNT_1 as Hex] } : { approved: false };
      const source = waiting.find((s) => s.params[0] === (p.params as Hex[])[0])!;
      return { approved: Number(source.key.split('#')[1]) % 2 === 0 };
    };
    for (const p of shuffled(pending)) await r.approvals.resolve(p.id, decisionFor(p));
    // A second answer to the same entry is refused: it cannot reach anyone twice.
    await expect(r.approvals.resolve(pending[0]!.id, { approved: true })).rejects.toThrow(/already answered/i);
    await all;

    expect([...answers.values()].every((a) => a.length === 1)).toBe(true);
    expect(answers.size).toBe(100);
    expect(await r.approvals.list()).toEqual([]);

    const refused: Record<string, number> = {};
    for (const s of sent) {
      const [response] = answers.get(s.key)!;
      const index = Number(s.key.split('#')[1]);
      const code = response && 'error' in response ? response.error.code : undefined;
      if (code === -32005 || code === -32002) {
        // Refused at the door, never shown to the user: the limit that applies to its kind.
        expect(code, s.key).toBe(s.method === 'personal_sign' ? -32005 : -32002);
        refused[s.origin] = (refused[s.origin] ?? 0) + 1;
        continue;
      }
      if (s.method === 'personal_sign') {
        if (index % 2 === 1) {
          expect(response, s.key).toMatchObject({ error: { code: 4001 } });
        } else {
          if (!response || !('result' in response)) throw new Error(`${s.key}: ${JSON.stringify(response)}`);
          // The signature is over this request's message by this origin's account: it reached the right requester.
          expect(await recoverMessageAddress({ message: s.message!, signature: response.result as Hex })).toBe(CONNECTED[s.origin]);
        }
      } else if (s.method === 'eth_requestAccounts') {
        if (s.origin === ORIGINS[3]) expect(response, s.key).toEqual({ result: [ACCOUNT_1.toLowerCase()] });
        else expect(response, s.key).toMatchObject({ error: { code: 4001 } });
      } else {
        // eth_accounts answered before any approval: the origin's own accounts at that moment, nobody else's.
        expect(response, s.key).toEqual({ result: CONNECTED[s.origin] ? [CONNECTED[s.origin]!.toLowerCase()] : [] });
      }
    }
    expect(refused).toEqual(Object.fromEntries(ORIGINS.map((o) => [o, CONNECTED[o] ? 12 - MAX_PENDING_PER_ORIGIN : 3])));
  });

  test('afterwards every origin sees only its own accounts, and events went only to their origin', async () => {
    const expected: Record<string, string[]> = {
      [ORIGINS[0]]: [ACCOUNT_0.toLowerCase()],
      [ORIGINS[1]]: [ACCOUNT_1.toLowerCase()],
      [ORIGINS[2]]: [ACCOUNT_0.toLowerCase()],
      [ORIGINS[3]]: [ACCOUNT_1.toLowerCase()],
      [ORIGINS[4]]: [],
    };
    for (const origin of ORIGINS)
      expect(await r.router.handle({ origin, method: 'eth_accounts', params: [] }), origin).toEqual({ result: expected[origin] });
    expect(r.events.length).toBeGreaterThan(0);
    for (const e of r.events) {
      expect(e.origins).toEqual([ORIGINS[3]]);
      expect(e).toMatchObject({ event: 'accountsChanged', data: [ACCOUNT_1.toLowerCase()] });
    }
  });
});
