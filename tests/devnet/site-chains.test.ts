import '../../lib/polyfills';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, http, type Hex, type PublicClient } from 'viem';
import type { StoredNetwork } from '../../lib/storage';
import { settledCallsStatus } from './mined';
import { startAnvil, type AnvilInstance } from './anvil';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from '../unit/provider-harness';
import { waitMined } from './mined';

// A chain per site against two real nodes: anvil as Ethereum (chain 1) and anvil as Base (chain 8453). One site
// switches to Base; every request it sends goes to the Base node, the other site's to the Ethereum node.
describe('a chain per site on two anvils (chain 1 and 8453)', () => {
  let ethereum: AnvilInstance;
  let base: AnvilInstance;
  let onEthereum: PublicClient;
  let onBase: PublicClient;
  let h: ReturnType<typeof createHarness>;
  const DAPP = 'https://dapp.example';
  const OTHER = 'https://other.example';
  // A balance only the Base node has, to tell where a read went.
  const MARKER = 12_345_678_901_234_567_890n; // ~12.3 ETH: enough for the gas of the sends below

  beforeAll(async () => {
    [ethereum, base] = await Promise.all([startAnvil(), startAnvil({ chainId: 8453 })]);
    onEthereum = createPublicClient({ transport: http(ethereum.rpcUrl) }) as PublicClient;
    onBase = createPublicClient({ transport: http(base.rpcUrl) }) as PublicClient;
    const clientOf = (n: StoredNetwork) => createPublicClient({ transport: http(n.rpcUrls[0]) }) as PublicClient;
    h = createHarness(onEthereum, undefined, { clientFor: async (n) => clientOf(n) });
    await h.networks.setRpcUrls({ key: 'mainnet' }, [ethereum.rpcUrl]);
    await h.networks.setRpcUrls({ key: 'base' }, [base.rpcUrl]);
    await onBase.request({ method: 'anvil_setBalance', params: [ACCOUNT_0, `0x${MARKER.toString(16)}`] } as never);
    await onBase.request({ method: 'anvil_mine', params: ['0x7'] } as never);
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    await h.wallet.addHdAccount();
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    await h.call(DAPP, 'eth_requestAccounts', []);
    h.answerWith({ approved: true, accounts: [ACCOUNT_1] });
    await h.call(OTHER, 'eth_requestAccounts', []);
    h.events.length = 0;
    h.answerWith({ approved: true });
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: '0x2105' }])).toEqual({ result: null });
  });
  afterAll(async () => Promise.all([ethereum?.stop(), base?.stop()]));

  it('only the switching site hears chainChanged; reads go to its node, the other site’s to Ethereum', async () => {
    expect(h.events).toEqual([{ origins: [DAPP], event: 'chainChanged', data: '0x2105' }]);
    expect(await h.call(DAPP, 'eth_chainId')).toEqual({ result: '0x2105' });
    expect(await h.call(OTHER, 'eth_chainId')).toEqual({ result: '0x1' });
    // Each answer is compared with the node itself, asked directly.
    expect(await h.call(DAPP, 'eth_getBalance', [ACCOUNT_0, 'latest'])).toEqual({ result: `0x${MARKER.toString(16)}` });
    const ethBalance = await onEthereum.getBalance({ address: ACCOUNT_0 });
    expect(ethBalance).not.toBe(MARKER);
    expect(await h.call(OTHER, 'eth_getBalance', [ACCOUNT_0, 'latest'])).toEqual({ result: `0x${ethBalance.toString(16)}` });
    const [baseHeight, ethHeight] = await Promise.all([onBase.getBlockNumber(), onEthereum.getBlockNumber()]);
    expect(baseHeight).not.toBe(ethHeight);
    expect(await h.call(DAPP, 'eth_blockNumber', [])).toEqual({ result: `0x${baseHeight.toString(16)}` });
    expect(await h.call(OTHER, 'eth_blockNumber', [])).toEqual({ result: `0x${ethHeight.toString(16)}` });
  });

  it('a transaction from the site on Base is signed for chain 8453 and lands on the Base node only', async () => {
    const [ethNonce, baseNonce] = await Promise.all([
      onEthereum.getTransactionCount({ address: ACCOUNT_0 }),
      onBase.getTransactionCount({ address: ACCOUNT_0 }),
    ]);
    const sent = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '0x2a' }]);
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));
    const hash = sent.result as Hex;
    const receipt = await waitMined(onBase, hash);
    expect(receipt.status).toBe('success');
    expect((await onBase.getTransaction({ hash })).chainId).toBe(8453);
    expect(await onBase.getTransactionCount({ address: ACCOUNT_0 })).toBe(baseNonce + 1);
    expect(await onEthereum.getTransactionCount({ address: ACCOUNT_0 })).toBe(ethNonce);
    await expect(onEthereum.getTransaction({ hash })).rejects.toThrow();
    // Activity records it on the chain it was sent on.
    expect((await h.activity.list()).find((a) => a.hash === hash)).toMatchObject({ chainId: 8453, origin: DAPP });
  });

  it('a transaction naming chain 1 from the site on Base is refused (-32602) and nothing is sent anywhere', async () => {
    const nonces = () =>
      Promise.all([onEthereum.getTransactionCount({ address: ACCOUNT_0 }), onBase.getTransactionCount({ address: ACCOUNT_0 })]);
    const before = await nonces();
    const response = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '0x1', chainId: '0x1' }]);
    expect(response).toMatchObject({ error: { code: -32602, message: expect.stringContaining("this site's active chain 0x2105") } });
    expect(await nonces()).toEqual(before);
  });

  it('the other site’s transaction lands on Ethereum; a batch from the Base site runs on Base', async () => {
    const sent = await h.call(OTHER, 'eth_sendTransaction', [{ from: ACCOUNT_1, to: ACCOUNT_0, value: '0x7' }]);
    if (!('result' in sent)) throw new Error(JSON.stringify(sent));
    expect((await waitMined(onEthereum, sent.result as Hex)).status).toBe('success');
    expect((await onEthereum.getTransaction({ hash: sent.result as Hex })).chainId).toBe(1);

    const baseNonce = await onBase.getTransactionCount({ address: ACCOUNT_0 });
    const wrong = await h.call(DAPP, 'wallet_sendCalls', [
      { version: '2.0.0', chainId: '0x1', from: ACCOUNT_0, atomicRequired: false, calls: [{ to: ACCOUNT_1, value: '0x1' }] },
    ]);
    expect(wrong).toMatchObject({ error: { code: 5710 } });
    const batch = await h.call(DAPP, 'wallet_sendCalls', [
      {
        version: '2.0.0',
        chainId: '0x2105',
        from: ACCOUNT_0,
        atomicRequired: false,
        calls: [
          { to: ACCOUNT_1, value: '0x1' },
          { to: ACCOUNT_1, value: '0x2' },
        ],
      },
    ]);
    if (!('result' in batch)) throw new Error(JSON.stringify(batch));
    const status = await settledCallsStatus(() => h.call(DAPP, 'wallet_getCallsStatus', [(batch.result as { id: string }).id]), onBase);
    expect(status).toMatchObject({ result: { chainId: '0x2105', status: 200, receipts: [{ status: '0x1' }, { status: '0x1' }] } });
    expect(await onBase.getTransactionCount({ address: ACCOUNT_0 })).toBe(baseNonce + 2);
  });

  it("the wallet's own network change leaves the Base site on Base", async () => {
    await h.networks.switchTo({ key: 'base' });
    await h.networks.switchTo({ key: 'mainnet' });
    expect(await h.call(DAPP, 'eth_chainId')).toEqual({ result: '0x2105' });
    expect(await h.call(DAPP, 'eth_getBalance', [ACCOUNT_1, 'latest'])).toEqual({
      result: `0x${(await onBase.getBalance({ address: ACCOUNT_1 })).toString(16)}`,
    });
    expect(h.events.filter((e) => e.event === 'chainChanged')).toHaveLength(1);
  });
});
