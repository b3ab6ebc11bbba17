import '../../lib/polyfills';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { recoverPersonalSignature, recoverTypedSignature, SignTypedDataVersion } from '@metamask/eth-sig-util';
import { hashMessage, recoverMessageAddress, stringToHex } from 'viem';
import { browserItems } from './browser-items';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from './provider-harness';
import { etherMail } from './ether-mail';

const DAPP = 'https://dapp.example';
const OTHER = 'https://other.example';
/** Pages see addresses in lowercase, as MetaMask reports them. */
const lower = (address: string) => address.toLowerCase();

// EIP-712's "Mail" example, on the chain a test names.
const mail = (chainId: number | string) => etherMail(chainId);

describe('EIP-1193 router', () => {
  const h = createHarness(undefined, browserItems());

  beforeAll(async () => {
    fakeBrowser.reset();
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    await h.wallet.addHdAccount();
  });

  it('unknown method → 4200; eth_sign refused with 4200', async () => {
    expect(await h.call(DAPP, 'eth_foo', [])).toMatchObject({ error: { code: 4200 } });
    expect(await h.call(DAPP, 'eth_sign', [ACCOUNT_0, '0xdeadbeef'])).toMatchObject({
      error: { code: 4200, message: expect.stringContaining('refused') },
    });
    expect(await h.call(DAPP, 'toString', [])).toMatchObject({ error: { code: 4200 } });
  });

  it('chain id and net_version come from the active network (devnet, chain 1)', async () => {
    expect(await h.call(DAPP, 'eth_chainId')).toEqual({ result: '0x1' });
    expect(await h.call(DAPP, 'net_version', [])).toEqual({ result: '1' });
  });

  it('a site sees no account until connected; rejecting gives 4001; connecting is per origin', async () => {
    expect(await h.call(DAPP, 'eth_accounts', [])).toEqual({ result: [] });
    expect(await h.call(DAPP, 'personal_sign', ['0x68656c6c6f', ACCOUNT_0])).toMatchObject({ error: { code: 4100 } });
    h.answerWith({ approved: false });
    expect(await h.call(DAPP, 'eth_requestAccounts', [])).toMatchObject({ error: { code: 4001 } });
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    expect(await h.call(DAPP, 'eth_requestAccounts', [])).toEqual({ result: [lower(ACCOUNT_0)] });
    expect(h.events.at(-1)).toEqual({ origins: [DAPP], event: 'accountsChanged', data: [lower(ACCOUNT_0)] });
    // The other origin is untouched and cannot use DAPP's account.
    expect(await h.call(OTHER, 'eth_accounts', [])).toEqual({ result: [] });
    expect(await h.call(OTHER, 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(mail(1))])).toMatchObject({ error: { code: 4100 } });
    expect(await h.call(OTHER, 'wallet_getPermissions', [])).toEqual({ result: [] });
    // Revoking OTHER (never connected) leaves DAPP connected.
    expect(await h.call(OTHER, 'wallet_revokePermissions', [{ eth_accounts: {} }])).toEqual({ result: null });
    expect(await h.call(DAPP, 'eth_accounts', [])).toEqual({ result: [lower(ACCOUNT_0)] });
    // OTHER connects a different account; each origin sees only its own.
    h.answerWith({ approved: true, accounts: [ACCOUNT_1] });
    expect(await h.call(OTHER, 'wallet_requestPermissions', [{ eth_accounts: {} }])).toMatchObject({
      result: [{ parentCapability: 'eth_accounts', caveats: [{ value: [lower(ACCOUNT_1)] }] }],
    });
    expect(await h.call(DAPP, 'eth_accounts', [])).toEqual({ result: [lower(ACCOUNT_0)] });
    expect(await h.call(DAPP, 'personal_sign', ['0x68656c6c6f', ACCOUNT_1])).toMatchObject({ error: { code: 4100 } });
    // Revoking OTHER does not touch DAPP.
    expect(await h.call(OTHER, 'wallet_revokePermissions', [{ eth_accounts: {} }])).toEqual({ result: null });
    expect(await h.call(OTHER, 'eth_accounts')).toEqual({ result: [] });
    expect(await h.call(DAPP, 'eth_accounts')).toEqual({ result: [lower(ACCOUNT_0)] });
  });

  it('personal_sign (2 and 3 params, either order) round-trips through personal_ecRecover and viem', async () => {
    const text = 'Example `personal_sign` message';
    const hex = stringToHex(text);
    const two = await h.call(DAPP, 'personal_sign', [hex, ACCOUNT_0]);
    const three = await h.call(DAPP, 'personal_sign', [hex, ACCOUNT_0, 'Example password']);
    const swapped = await h.call(DAPP, 'personal_sign', [ACCOUNT_0, text]);
    if (!('result' in two) || !('result' in three) || !('result' in swapped)) throw new Error(JSON.stringify([two, three, swapped]));
    expect(three.result).toBe(two.result);
    expect(swapped.result).toBe(two.result);
    const signature = two.result as `0x${string}`;
    expect(await recoverMessageAddress({ message: text, signature })).toBe(ACCOUNT_0);
    expect(await h.call(DAPP, 'personal_ecRecover', [hex, signature])).toEqual({ result: lower(ACCOUNT_0) });
    // The MetaMask test dApp verifies with eth-sig-util (lowercase) and compares with === to eth_accounts[0].
    const [shown] = ((await h.call(DAPP, 'eth_accounts')) as { result: string[] }).result;
    expect(recoverPersonalSignature({ data: hex, signature })).toBe(shown);
    expect(hashMessage(text)).not.toBe(hashMessage(hex)); // sanity: text and hex differ as messages
  });

  it('typed data v4 and v3 signatures recover with eth-sig-util; a foreign domain chain is rejected', async () => {
    for (const [method, version] of [
      ['eth_signTypedData_v4', SignTypedDataVersion.V4],
      ['eth_signTypedData_v3', SignTypedDataVersion.V3],
    ] as const) {
      const data = mail(1);
      const response = await h.call(DAPP, method, [ACCOUNT_0, JSON.stringify(data)]);
      if (!('result' in response)) throw new Error(JSON.stringify(response));
      const recovered = recoverTypedSignature({ data: data as never, signature: response.result as string, version });
      expect(recovered.toLowerCase()).toBe(ACCOUNT_0.toLowerCase());
    }
    // Typed data as an object (not a JSON string) with a hex domain chainId is accepted too.
    const asObject = await h.call(DAPP, 'eth_signTypedData_v4', [ACCOUNT_0, mail('0x1')]);
    expect('result' in asObject).toBe(true);
    for (const chainId of [5, '0x5', '137']) {
      expect(await h.call(DAPP, 'eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify(mail(chainId))])).toMatchObject({
        error: { code: -32602, message: expect.stringContaining('does not match the active chain') },
      });
    }
  });

  it('watch-only and add-chain validations; switch to an unknown chain → 4902', async () => {
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: '0x89' }])).toMatchObject({ error: { code: 4902 } });
    expect(
      await h.call(DAPP, 'wallet_addEthereumChain', [
        {
          chainId: '0x89',
          chainName: 'Polygon',
          rpcUrls: ['javascript:alert(1)'],
          nativeCurrency: { name: 'POL', symbol: 'POL', decimals: 18 },
        },
      ]),
    ).toMatchObject({ error: { code: -32602 } });
    h.answerWith({ approved: true });
    expect(
      await h.call(DAPP, 'wallet_addEthereumChain', [
        {
          chainId: '0x89',
          chainName: 'Polygon',
          rpcUrls: ['https://polygon-rpc.example'],
          nativeCurrency: { name: 'POL', symbol: 'POL', decimals: 18 },
        },
      ]),
    ).toEqual({ result: null });
    expect(await h.call(DAPP, 'eth_chainId')).toEqual({ result: '0x89' });
    // The switch is DAPP's alone: only it hears chainChanged, OTHER stays on the wallet's chain.
    expect(h.events.at(-1)).toEqual({ origins: [DAPP], event: 'chainChanged', data: '0x89' });
    expect(await h.call(OTHER, 'eth_chainId')).toEqual({ result: '0x1' });
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: '0x1' }])).toEqual({ result: null });
    expect(await h.call(OTHER, 'eth_chainId')).toEqual({ result: '0x1' });
  });

  it('wallet_addEthereumChain rpcUrls: https, or plain http only to this computer; anything else -32602 naming https', async () => {
    const chain = (rpcUrls: string[]) => [
      { chainId: '0x53a', chainName: 'Localhost 8546', rpcUrls, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
    ];
    for (const url of ['http://rpc.example', 'http://10.0.0.5:8545', 'http://127.0.0.1.nip.io:8545', 'http://localhost.evil.example']) {
      expect(await h.call(DAPP, 'wallet_addEthereumChain', chain([url]))).toMatchObject({
        error: { code: -32602, message: expect.stringContaining('Use https://') },
      });
    }
    h.answerWith({ approved: true });
    const loopback = ['http://localhost:8546', 'http://127.0.0.1:8546', 'http://[::1]:8546'];
    expect(await h.call(DAPP, 'wallet_addEthereumChain', chain(loopback))).toEqual({ result: null });
    expect(await h.call(DAPP, 'eth_chainId')).toEqual({ result: '0x53a' });
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: '0x1' }])).toEqual({ result: null });
  });

  it('wallet_watchAsset takes decimals as a number or a decimal string, and refuses anything else', async () => {
    h.answerWith({ approved: true });
    const token = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
    expect(await h.call(DAPP, 'wallet_watchAsset', { type: 'ERC20', options: { address: token, symbol: 'TST', decimals: '4' } })).toEqual({
      result: true,
    });
    expect(await h.call(DAPP, 'wallet_watchAsset', { type: 'ERC20', options: { address: token, symbol: 'TST', decimals: 6 } })).toEqual({
      result: true,
    });
    for (const decimals of ['4.5', '-1', '37', 'four', 4.5]) {
      expect(
        await h.call(DAPP, 'wallet_watchAsset', { type: 'ERC20', options: { address: token, symbol: 'TST', decimals } }),
      ).toMatchObject({ error: { code: -32602 } });
    }
  });

  it('EIP-5792 capabilities report atomic as unsupported; atomicRequired is refused', async () => {
    expect(await h.call(DAPP, 'wallet_getCapabilities', [ACCOUNT_0, ['0x1']])).toEqual({
      result: { '0x1': { atomic: { status: 'unsupported' } } },
    });
    expect(
      await h.call(DAPP, 'wallet_sendCalls', [
        { version: '2.0.0', chainId: '0x1', from: ACCOUNT_0, atomicRequired: true, calls: [{ to: ACCOUNT_1, value: '0x1' }] },
      ]),
    ).toMatchObject({ error: { code: 5760 } });
    expect(await h.call(DAPP, 'wallet_getCallsStatus', ['0x1234'])).toMatchObject({ error: { code: 5730 } });
  });

  describe('param validation → -32602 with what to fix', () => {
    const cases: [string, unknown, RegExp?][] = [
      ['eth_accounts', [1]],
      ['eth_requestAccounts', ['x']],
      ['eth_chainId', [{}]],
      ['personal_sign', ['0x68656c6c6f']],
      ['personal_sign', ['0x68656c6c6f', '0x1234'], /neither param is an address/],
      ['personal_sign', 'not an array'],
      ['personal_ecRecover', ['0x68', '0xzz']],
      ['personal_ecRecover', ['0x68', '0x1234'], /65 bytes/],
      ['eth_signTypedData_v4', ['0x123', '{}'], /address/],
      ['eth_signTypedData_v4', [ACCOUNT_0, '{not json'], /not valid JSON/],
      ['eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify({ types: {}, primaryType: 'X', domain: {}, message: {} })], /EIP712Domain/],
      ['eth_signTypedData_v4', [ACCOUNT_0, JSON.stringify({ types: { EIP712Domain: [] }, domain: {}, message: {} })], /primaryType/],
      ['eth_signTypedData_v3', [ACCOUNT_0]],
      ['eth_sendTransaction', [{ to: ACCOUNT_1 }], /from/],
      ['eth_sendTransaction', [{ from: '0xnope', to: ACCOUNT_1 }], /address/],
      ['eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '100' }], /hex quantity/],
      ['eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '0x01' }], /leading zeros/],
      ['eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, data: '0x123' }], /even number/],
      ['eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, type: '0x3' }], /type/],
      ['eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, chainId: '0x5' }], /active chain/],
      ['eth_sendTransaction', [{ from: ACCOUNT_0 }], /needs "data"/],
      ['eth_sendTransaction', []],
      ['wallet_switchEthereumChain', [{}], /chainId/],
      ['wallet_switchEthereumChain', [{ chainId: 1 }]],
      [
        'wallet_addEthereumChain',
        [{ chainId: '0x2', chainName: 'X', rpcUrls: [], nativeCurrency: { name: 'X', symbol: 'X', decimals: 18 } }],
        /rpcUrls/,
      ],
      [
        'wallet_addEthereumChain',
        [{ chainId: '0x2', chainName: 'X', rpcUrls: ['https://x.example'], nativeCurrency: { name: 'X', symbol: 'X', decimals: 6 } }],
        /decimals/,
      ],
      ['wallet_watchAsset', { type: 'ERC721', options: {} }],
      ['wallet_watchAsset', { type: 'ERC20', options: { address: '0x12', symbol: 'X', decimals: 18 } }],
      ['wallet_requestPermissions', [{}], /eth_accounts/],
      ['wallet_revokePermissions', []],
      ['wallet_sendCalls', [{ chainId: '0x1', calls: [] }], /at least one call/],
      ['wallet_sendCalls', [{ chainId: '0x1', calls: [{ to: '0x1' }] }]],
      ['wallet_getCallsStatus', []],
      ['wallet_getCapabilities', ['0xabc']],
      ['eth_getBalance', { address: ACCOUNT_0 }, /array/],
    ];
    it.each(cases)('%s %j', async (method, params, message) => {
      const response = await h.call(DAPP, method, params);
      expect(response).toMatchObject({ error: { code: -32602 } });
      if (message && 'error' in response) expect(response.error.message).toMatch(message);
    });
  });
});
