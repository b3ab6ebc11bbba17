import '../../lib/polyfills';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SUPPORTED_METHODS } from '../../lib/provider';
import { browserItems } from './browser-items';
import { ACCOUNT_0, TEST_MNEMONIC, createHarness } from './provider-harness';

const CONNECTED = 'https://connected.example';
const STRANGER = 'https://stranger.example';

async function snapshot() {
  return JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);
}

const hexish = fc.oneof(
  fc.constant('0x'),
  fc.constant('0x1'),
  fc.constant(ACCOUNT_0),
  fc.string(),
  fc.stringMatching(/^0x[0-9a-f]{0,70}$/),
);
const nearValid = fc.oneof(
  fc.record({ from: hexish, to: hexish, value: hexish, data: hexish, gas: hexish, chainId: hexish }, { requiredKeys: [] }),
  fc.record({ chainId: hexish, chainName: fc.string(), rpcUrls: fc.array(fc.string()) }, { requiredKeys: [] }),
  fc.record(
    {
      types: fc.anything(),
      primaryType: fc.string(),
      domain: fc.record({ chainId: fc.oneof(fc.integer(), hexish) }),
      message: fc.anything(),
    },
    { requiredKeys: [] },
  ),
  fc.record({
    type: fc.constantFrom('ERC20', 'ERC721'),
    options: fc.record({ address: hexish, symbol: fc.string(), decimals: fc.integer() }),
  }),
);
const params = fc.oneof(
  fc.constant(undefined),
  fc.anything(),
  fc.array(fc.oneof(hexish, nearValid, fc.anything()), { maxLength: 4 }),
  nearValid,
);
const method = fc.oneof(
  fc.constantFrom(...SUPPORTED_METHODS, 'eth_sign', 'eth_foo', '__proto__', 'constructor', 'hasOwnProperty'),
  fc.string({ maxLength: 40 }),
);

describe('provider router fuzz', () => {
  const h = createHarness(undefined, browserItems());

  beforeAll(async () => {
    fakeBrowser.reset();
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    await h.call(CONNECTED, 'eth_requestAccounts', []);
    // From here on the "user" rejects everything, so no request may change any state.
    h.answerWith({ approved: false });
  });

  it('answers 10,000 generated requests with a result or a well-formed error, and changes nothing', async () => {
    const before = await snapshot();
    let errors = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(CONNECTED, STRANGER), method, params, async (origin, m, p) => {
        if (m === 'wallet_revokePermissions' && origin === CONNECTED) return; // the one intended state change
        total++;
        const response = await h.router.handle({ origin, method: m, params: p });
        if ('error' in response) {
          errors++;
          expect(Number.isInteger(response.error.code)).toBe(true);
          expect(typeof response.error.message).toBe('string');
          expect(response.error.message.length).toBeGreaterThan(0);
          expect(() => JSON.stringify(response)).not.toThrow();
        } else {
          expect(response).toHaveProperty('result');
        }
      }),
      { numRuns: 10_000, seed: 1_234_567 },
    );
    expect(total).toBeGreaterThan(9_000);
    expect(errors).toBeGreaterThan(total / 2);
    expect(await snapshot()).toBe(before);
    expect(await h.approvals.list()).toEqual([]);
  }, 120_000);
});
