import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, parseEther, type PublicClient } from 'viem';
import { settledCallsStatus, waitMined } from './mined';
import { startAnvil, type AnvilInstance } from './anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from '../unit/provider-harness';

// The router against a real node: legacy and EIP-1559 sends, gas/gasLimit, EIP-5792 batch and status.
describe('eth_sendTransaction on anvil', () => {
  let anvil: AnvilInstance;
  let client: PublicClient;
  let h: ReturnType<typeof createHarness>;
  const DAPP = 'https://dapp.example';

  beforeAll(async () => {
    anvil = await startAnvil();
    client = createPublicClient({ transport: http(anvil.rpcUrl) }) as PublicClient;
    h = createHarness(client);
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    await h.call(DAPP, 'eth_requestAccounts', []);
  });
  afterAll(async () => anvil?.stop());

  it.each([
    ['legacy with gasLimit', { type: '0x0', gasLimit: '0x5208' }, 'legacy'],
    ['EIP-1559 with gas', { gas: '0x5208' }, 'eip1559'],
    ['EIP-1559 estimated', {}, 'eip1559'],
  ])('%s', async (_name, extra, expectedType) => {
    const before = await client.getBalance({ address: ACCOUNT_1 });
    const response = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '0xde0b6b3a7640000', ...extra }]);
    if (!('result' in response)) throw new Error(JSON.stringify(response));
    const receipt = await waitMined(client, response.result as `0x${string}`);
    expect(receipt.status).toBe('success');
    expect(receipt.type).toBe(expectedType);
    expect(receipt.from.toLowerCase()).toBe(ACCOUNT_0.toLowerCase());
    expect(await client.getBalance({ address: ACCOUNT_1 })).toBe(before + parseEther('1'));
  });

  it('wallet_sendCalls runs the calls in order and wallet_getCallsStatus reports 200 with receipts', async () => {
    const sent = await h.call(DAPP, 'wallet_sendCalls', [
      {
        version: '2.0.0',
        chainId: '0x1',
        from: ACCOUNT_0,
        atomicRequired: false,
        calls: [
          { to: ACCOUNT_1, value: '0x1' },
          { to: ACCOUNT_1, value: '0x2' },
        ],
      },
    ]);
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));
    const { id } = sent.result as { id: string };
    const status = await settledCallsStatus(() => h.call(DAPP, 'wallet_getCallsStatus', [id]), client);
    expect(status).toMatchObject({
      result: { version: '2.0.0', id, chainId: '0x1', status: 200, atomic: false, receipts: [{ status: '0x1' }, { status: '0x1' }] },
    });
  });

  it('read-only methods are forwarded to the node', async () => {
    const balance = await h.call(DAPP, 'eth_getBalance', [ACCOUNT_0, 'latest']);
    expect(balance).toEqual({ result: `0x${(await client.getBalance({ address: ACCOUNT_0 })).toString(16)}` });
  });
});
