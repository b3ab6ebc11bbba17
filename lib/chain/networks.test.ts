import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import type { NetworkState, StoredNetwork } from '../storage/items';
import type { Item } from '../storage/item';
import { BUILT_IN_NETWORKS, DEFAULT_ACTIVE_KEY, createNetworkService, validateRpcUrl } from './networks';
import { checkRpcUrlRule, isLoopbackHost } from './rpc-url';

function memoryItem(initial: NetworkState | null = null): Item<NetworkState | null> {
  let value = initial;
  return { getValue: async () => value, setValue: async (next) => void (value = next) };
}

const devnet: StoredNetwork = {
  key: 'devnet',
  chainId: 1,
  name: 'Ballast devnet',
  rpcUrls: ['http://127.0.0.1:8545'],
  nativeSymbol: 'ETH',
  builtIn: true,
};

describe('built-in networks of a build without the devnet flag (production; unit tests build no devnet)', () => {
  it('lists Ethereum only, with no RPC URL until the user picks one, and no local node anywhere', () => {
    expect(BUILT_IN_NETWORKS.map((n) => n.key)).toEqual(['mainnet']);
    expect(BUILT_IN_NETWORKS[0]).toMatchObject({ chainId: 1, name: 'Ethereum', rpcUrls: [] });
    expect(JSON.stringify(BUILT_IN_NETWORKS)).not.toContain('127.0.0.1');
    expect(DEFAULT_ACTIVE_KEY).toBe('mainnet');
  });

  it('first run: Ethereum is active and has no RPC', async () => {
    const service = createNetworkService({ item: memoryItem() });
    expect(await service.list()).toMatchObject({ activeKey: 'mainnet', activeChainId: 1 });
    expect((await service.active()).rpcUrls).toEqual([]);
  });

  it('a devnet saved by a test build of the same profile is dropped, and Ethereum becomes active', async () => {
    const mainnet = { ...BUILT_IN_NETWORKS[0]!, rpcUrls: ['https://eth.example'] };
    const service = createNetworkService({ item: memoryItem({ networks: [devnet, mainnet], activeKey: 'devnet' }) });
    expect((await service.list()).networks.map((n) => n.key)).toEqual(['mainnet']);
    expect(await service.active()).toMatchObject({ key: 'mainnet', rpcUrls: ['https://eth.example'] });
  });

  it('a build with the devnet keeps it (the built-ins are passed in)', async () => {
    const builtIns = { networks: [devnet, BUILT_IN_NETWORKS[0]!], activeKey: 'devnet' };
    const service = createNetworkService({ item: memoryItem(), builtIns });
    expect(await service.active()).toMatchObject({ key: 'devnet', rpcUrls: ['http://127.0.0.1:8545'] });
  });
});

describe('RPC URLs: https, or http to this computer only', () => {
  it.each([
    ['https://eth.example/v2/key', 'https://eth.example/v2/key'],
    ['https://eth.example', 'https://eth.example'],
    ['http://localhost:8545', 'http://localhost:8545'],
    ['http://LOCALHOST:8545', 'http://localhost:8545'],
    ['http://127.0.0.1:8545', 'http://127.0.0.1:8545'],
    ['http://127.45.3.9', 'http://127.45.3.9'],
    ['http://127.1:8545', 'http://127.0.0.1:8545'],
    ['http://[::1]:8545', 'http://[::1]:8545'],
    ['http://[0:0:0:0:0:0:0:1]:8545', 'http://[::1]:8545'],
  ])('accepts %s', (input, stored) => {
    expect(validateRpcUrl(input)).toBe(stored);
  });

  it.each([
    ['http://eth.example', 'Use https:// for eth.example'],
    ['http://10.0.0.5:8545', 'Use https://'],
    ['http://192.168.1.2:8545', 'Use https://'],
    ['http://128.0.0.1:8545', 'Use https://'],
    ['http://127.0.0.1.nip.io:8545', 'Use https://'],
    ['http://localhost.evil.example:8545', 'Use https://'],
    ['http://[::2]:8545', 'Use https://'],
    ['ws://localhost:8546', 'https://'],
    ['javascript:alert(1)', 'https://'],
    ['file:///etc/passwd', 'https://'],
    ['https://user:secret@eth.example', 'user name'],
    ['not a url', 'Not a URL'],
  ])('refuses %s', (input, reason) => {
    const checked = checkRpcUrlRule(input);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.reason).toContain(reason);
    expect(() => validateRpcUrl(input)).toThrow(AppError);
  });

  it('loopback hosts are exactly localhost, 127.0.0.0/8 and [::1]', () => {
    expect(['localhost', '127.0.0.1', '127.255.255.254', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.', 'mylocalhost', '126.0.0.1', '0.0.0.0', '[::]', '127.0.0.1.example'].some(isLoopbackHost)).toBe(false);
  });

  it('setRpcUrls refuses a plain-http URL to another computer and stores nothing', async () => {
    const item = memoryItem();
    const service = createNetworkService({ item });
    await expect(service.setRpcUrls({ key: 'mainnet' }, ['http://eth.example'])).rejects.toMatchObject({ code: 'rpc.bad-url' });
    expect(await item.getValue()).toBeNull();
    await service.setRpcUrls({ key: 'mainnet' }, ['https://eth.example']);
    expect((await service.active()).rpcUrls).toEqual(['https://eth.example']);
  });
});
