import '../../lib/polyfills';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { browserItems } from './browser-items';
import { ACCOUNT_0, TEST_MNEMONIC, createHarness } from './provider-harness';

const DAPP = 'https://dapp.example';
const CONTRACT = '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC';

/** An EIP-2612 permit as the MetaMask test dApp sends it, with `message` overrides. */
const permit = (message: Record<string, unknown> = {}) => ({
  types: {
    EIP712Domain: [
      { name: 'name', type: 'string' },
      { name: 'version', type: 'string' },
      { name: 'chainId', type: 'uint256' },
      { name: 'verifyingContract', type: 'address' },
    ],
    Permit: [
      { name: 'owner', type: 'address' },
      { name: 'spender', type: 'address' },
      { name: 'value', type: 'uint256' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint256' },
    ],
  },
  primaryType: 'Permit',
  domain: { name: 'MyToken', version: '1', chainId: 1, verifyingContract: CONTRACT },
  message: {
    owner: ACCOUNT_0,
    spender: '0x5B38Da6a701c568545dCfcB03FcB875f56beddC4',
    value: 3000,
    nonce: 0,
    deadline: 50000000000,
    ...message,
  },
});

describe('eth_signTypedData: typed data is canonical before it is queued', () => {
  const h = createHarness(undefined, browserItems());

  beforeAll(async () => {
    fakeBrowser.reset();
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    expect(await h.call(DAPP, 'eth_requestAccounts', [])).toMatchObject({ result: [ACCOUNT_0.toLowerCase()] });
    h.answerWith({ approved: true });
  });

  it('a decimal-string address → -32602 naming message.spender; nothing reaches the approval queue', async () => {
    const seenBefore = h.approvalsSeen.length;
    const decimal = '917551056842671309452305380979543736893630245704';
    const answer = await h.call(DAPP, 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(permit({ spender: decimal }))]);
    expect(answer).toEqual({
      error: {
        code: -32602,
        message: `Invalid params: typed data message.spender: expected an address (0x and 40 hex digits), got "${decimal}"`,
      },
    });
    expect(h.approvalsSeen.length).toBe(seenBefore);
    expect(await h.approvals.list()).toEqual([]);
  });

  it('other refusals name their field: a non-canonical integer, a missing field, arrays in v3', async () => {
    const cases: [string, unknown, string][] = [
      ['eth_signTypedData_v4', permit({ value: '1e18' }), 'message.value'],
      ['eth_signTypedData_v4', permit({ deadline: undefined }), 'message.deadline'],
      ['eth_signTypedData_v3', permit({ nonce: '007' }), 'message.nonce'],
      [
        'eth_signTypedData_v3',
        { ...permit(), types: { ...permit().types, Permit: [{ name: 'owner', type: 'address[]' }] } },
        'types.Permit.owner',
      ],
    ];
    for (const [method, typed, field] of cases) {
      const answer = await h.call(DAPP, method, [ACCOUNT_0, JSON.stringify(typed)]);
      expect(answer, field).toMatchObject({ error: { code: -32602, message: expect.stringContaining(`typed data ${field}: `) } });
    }
    expect(await h.approvals.list()).toEqual([]);
  });

  it('the same permit in canonical form is queued and signed', async () => {
    const seenBefore = h.approvalsSeen.length;
    const answer = await h.call(DAPP, 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(permit())]);
    expect(answer).toMatchObject({ result: expect.stringMatching(/^0x[0-9a-f]{130}$/) });
    expect(h.approvalsSeen.length).toBe(seenBefore + 1);
  });
});
