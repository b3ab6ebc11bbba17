import '../../lib/polyfills';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { permissionsItem } from '../../lib/storage';
import { browserItems } from './browser-items';
import { ACCOUNT_0, ACCOUNT_1, TEST_MNEMONIC, createHarness } from './provider-harness';

// A chain per site (issue #18 item 1): each connected origin keeps its own chain with its permission.
const DAPP = 'https://dapp.example';
const OTHER = 'https://other.example';
const STRANGER = 'https://stranger.example';
const BASE = '0x2105'; // 8453
const ARBITRUM = '0xa4b1'; // 42161

describe('a chain per site', () => {
  let h: ReturnType<typeof createHarness>;

  beforeEach(async () => {
    fakeBrowser.reset();
    h = createHarness(undefined, browserItems());
    await h.wallet.importMnemonic(TEST_MNEMONIC, 'correct horse battery');
    await h.wallet.addHdAccount();
    h.answerWith({ approved: true, accounts: [ACCOUNT_0] });
    await h.call(DAPP, 'eth_requestAccounts', []);
    h.answerWith({ approved: true, accounts: [ACCOUNT_1] });
    await h.call(OTHER, 'eth_requestAccounts', []);
    h.events.length = 0;
    h.answerWith({ approved: true });
  });

  const chainOf = async (origin: string) => (await h.call(origin, 'eth_chainId')) as { result: string };

  it('a site switches to Base: it alone hears chainChanged, its chain id and net_version move, the other site stays on Ethereum', async () => {
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }])).toEqual({ result: null });
    expect(h.approvalsSeen.at(-1)).toMatchObject({ kind: 'switchChain', origin: DAPP, params: [{ chainId: BASE, name: 'Base' }] });
    expect(h.events).toEqual([{ origins: [DAPP], event: 'chainChanged', data: BASE }]);
    expect(await chainOf(DAPP)).toEqual({ result: BASE });
    expect(await h.call(DAPP, 'net_version', [])).toEqual({ result: '8453' });
    expect(await chainOf(OTHER)).toEqual({ result: '0x1' });
    expect(await h.call(OTHER, 'net_version', [])).toEqual({ result: '1' });
    // Stored with its permission, nothing else of the wallet changed.
    expect((await permissionsItem.getValue())[DAPP]).toMatchObject({ chainId: 8453, accounts: [ACCOUNT_0] });
    expect((await h.networks.active()).chainId).toBe(1);
    // Switching to the chain it is on asks nothing and says nothing.
    const asked = h.approvalsSeen.length;
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }])).toEqual({ result: null });
    expect(h.approvalsSeen.length).toBe(asked);
    expect(h.events).toHaveLength(1);
  });

  it("the wallet's network (popup) moves the sites that follow it, not a site on its own chain", async () => {
    await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }]);
    await h.networks.switchTo({ key: 'arbitrum' });
    expect(await chainOf(DAPP)).toEqual({ result: BASE });
    expect(await chainOf(OTHER)).toEqual({ result: ARBITRUM });
    // A site that never connected follows the wallet too.
    expect(await chainOf(STRANGER)).toEqual({ result: ARBITRUM });
  });

  it('a rejected switch changes nothing (4001); an unknown chain is 4902 with how to add it', async () => {
    h.answerWith({ approved: false });
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }])).toMatchObject({ error: { code: 4001 } });
    expect(await chainOf(DAPP)).toEqual({ result: '0x1' });
    expect(await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: '0x89' }])).toMatchObject({
      error: { code: 4902, message: expect.stringContaining('wallet_addEthereumChain') },
    });
    expect(h.events).toEqual([]);
  });

  it('a site that is not connected cannot switch (4100) but can add a network, and keeps following the wallet', async () => {
    expect(await h.call(STRANGER, 'wallet_switchEthereumChain', [{ chainId: BASE }])).toMatchObject({
      error: { code: 4100, message: expect.stringContaining('connect first') },
    });
    const polygon = {
      chainId: '0x89',
      chainName: 'Polygon',
      rpcUrls: ['https://polygon.example'],
      nativeCurrency: { name: 'POL', symbol: 'POL', decimals: 18 },
    };
    expect(await h.call(STRANGER, 'wallet_addEthereumChain', [polygon])).toEqual({ result: null });
    expect(await h.networks.findByChainId(137)).toMatchObject({ name: 'Polygon' });
    expect(await chainOf(STRANGER)).toEqual({ result: '0x1' });
    expect(await permissionsItem.getValue()).not.toHaveProperty(STRANGER);
    // A connected site that adds it is switched to it, alone.
    expect(await h.call(DAPP, 'wallet_addEthereumChain', [polygon])).toEqual({ result: null });
    expect(h.approvalsSeen.at(-1)).toMatchObject({ kind: 'switchChain', origin: DAPP });
    expect(h.events).toEqual([{ origins: [DAPP], event: 'chainChanged', data: '0x89' }]);
  });

  it('a transaction for another chain than the site’s is refused (-32602) naming both chains', async () => {
    await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }]);
    const response = await h.call(DAPP, 'eth_sendTransaction', [{ from: ACCOUNT_0, to: ACCOUNT_1, value: '0x1', chainId: '0x1' }]);
    expect(response).toMatchObject({ error: { code: -32602 } });
    if ('error' in response) expect(response.error.message).toMatch(/chainId 0x1 does not match this site's active chain 0x2105/);
  });

  it('connecting again keeps the chain; disconnecting forgets it', async () => {
    await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }]);
    h.answerWith({ approved: true, accounts: [ACCOUNT_0, ACCOUNT_1] });
    await h.call(DAPP, 'wallet_requestPermissions', [{ eth_accounts: {} }]);
    expect(await chainOf(DAPP)).toEqual({ result: BASE });
    expect(await h.call(DAPP, 'wallet_revokePermissions', [{ eth_accounts: {} }])).toEqual({ result: null });
    expect(await chainOf(DAPP)).toEqual({ result: '0x1' });
  });

  it('a damaged stored chain id falls back to the wallet network, keeps the connection and says so in the log', async () => {
    await h.call(DAPP, 'wallet_switchEthereumChain', [{ chainId: BASE }]);
    const stored = (await fakeBrowser.storage.local.get('ballast.permissions'))['ballast.permissions'] as Record<string, object>;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    for (const bad of ['0x2105', -1, 1.5, null, { id: 8453 }]) {
      warn.mockClear();
      await fakeBrowser.storage.local.set({ 'ballast.permissions': { ...stored, [DAPP]: { ...stored[DAPP], chainId: bad } } });
      expect(await chainOf(DAPP)).toEqual({ result: '0x1' });
      expect(await h.call(DAPP, 'eth_accounts', [])).toEqual({ result: [ACCOUNT_0.toLowerCase()] });
      expect(warn.mock.calls.flat().join(' ')).toContain('stored chain id is unreadable');
    }
    // A chain id no configured network has (a devnet saved by a test build) also falls back, logged.
    warn.mockClear();
    await fakeBrowser.storage.local.set({ 'ballast.permissions': { ...stored, [DAPP]: { ...stored[DAPP], chainId: 31337 } } });
    expect(await chainOf(DAPP)).toEqual({ result: '0x1' });
    expect(warn.mock.calls.flat().join(' ')).toContain('chose chain 31337, which is no longer configured');
    // The other site's entry was never touched.
    expect(await chainOf(OTHER)).toEqual({ result: '0x1' });
    expect(await h.call(OTHER, 'eth_accounts', [])).toEqual({ result: [ACCOUNT_1.toLowerCase()] });
    warn.mockRestore();
  });
});
