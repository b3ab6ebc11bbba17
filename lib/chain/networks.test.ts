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
  it('lists Ethereum and four L2s by chain id, each with its explorer and ETH, no RPC URL until the user sets one, no local node', () => {
    expect(BUILT_IN_NETWORKS.map((n) => [n.chainId, n.name, n.explorerUrl, n.nativeSymbol])).toEqual([
      [1, 'Ethereum', 'https://etherscan.io', 'ETH'],
      [42161, 'Arbitrum One', 'https://arbiscan.io', 'ETH'],
      [8453, 'Base', 'https://basescan.org', 'ETH'],
      [10, 'Optimism', 'https://optimistic.etherscan.io', 'ETH'],
      [59144, 'Linea', 'https://lineascan.build', 'ETH'],
    ]);
    expect(BUILT_IN_NETWORKS.every((n) => n.rpcUrls.length === 0 && n.builtIn)).toBe(true);
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
    expect((await service.list()).networks.map((n) => n.key)).toEqual(['mainnet', 'arbitrum', 'base', 'optimism', 'linea']);
    expect(await service.active()).toMatchObject({ key: 'mainnet', rpcUrls: ['https://eth.example'] });
  });

  it('a build with the devnet keeps it (the built-ins are passed in)', async () => {
    const builtIns = { networks: [devnet, BUILT_IN_NETWORKS[0]!], activeKey: 'devnet' };
    const service = createNetworkService({ item: memoryItem(), builtIns });
    expect(await service.active()).toMatchObject({ key: 'devnet', rpcUrls: ['http://127.0.0.1:8545'] });
  });
});

describe('networks by chain id', () => {
  const devnetBase: StoredNetwork = {
    ...devnet,
    key: 'devnet-base',
    chainId: 8453,
    name: 'Ballast devnet (Base)',
    rpcUrls: ['http://127.0.0.1:8547'],
  };
  const devBuild = { networks: [devnet, devnetBase, ...BUILT_IN_NETWORKS], activeKey: 'devnet' };

  it('a chain id names one network: in a dev build the devnet twin shadows the real one, even while the wallet is on the real one', async () => {
    const service = createNetworkService({ item: memoryItem(), builtIns: devBuild });
    expect((await service.findByChainId(1))?.key).toBe('devnet');
    expect((await service.findByChainId(8453))?.key).toBe('devnet-base');
    expect((await service.findByChainId(42161))?.key).toBe('arbitrum');
    await service.switchTo({ key: 'mainnet' });
    expect((await service.active()).name).toBe('Ethereum');
    expect((await service.findByChainId(1))?.key).toBe('devnet');
    expect(await service.findByChainId(137)).toBeUndefined();
  });

  it('a profile saved before the L2s were built in gains them, keeping its RPC URLs and active network', async () => {
    const mainnet = { ...BUILT_IN_NETWORKS[0]!, rpcUrls: ['https://eth.example'] };
    const service = createNetworkService({ item: memoryItem({ networks: [mainnet], activeKey: 'mainnet' }) });
    const { networks, activeKey } = await service.list();
    expect(networks.map((n) => [n.chainId, n.rpcUrls])).toEqual([
      [1, ['https://eth.example']],
      [42161, []],
      [8453, []],
      [10, []],
      [59144, []],
    ]);
    expect(activeKey).toBe('mainnet');
  });

  it('a custom network a site added under a chain id that is now built in folds into the built-in with its RPC URLs', async () => {
    const opBySite: StoredNetwork = {
      key: 'chain-10',
      chainId: 10,
      name: 'OP Mainnet',
      rpcUrls: ['https://op.example'],
      nativeSymbol: 'ETH',
      builtIn: false,
    };
    const custom: StoredNetwork = { ...opBySite, key: 'chain-137', chainId: 137, name: 'Polygon', rpcUrls: ['https://polygon.example'] };
    const service = createNetworkService({
      item: memoryItem({ networks: [BUILT_IN_NETWORKS[0]!, opBySite, custom], activeKey: 'chain-10' }),
    });
    const { networks } = await service.list();
    expect(networks.filter((n) => n.chainId === 10)).toEqual([
      expect.objectContaining({ key: 'optimism', name: 'Optimism', rpcUrls: ['https://op.example'] }),
    ]);
    expect(networks.at(-1)).toMatchObject({ key: 'chain-137', rpcUrls: ['https://polygon.example'] });
    expect(await service.active()).toMatchObject({ key: 'optimism', chainId: 10 });
  });

  it('the user sets RPC URLs of an L2 by key (tried in order) and the wallet can switch to it', async () => {
    const service = createNetworkService({ item: memoryItem() });
    await service.setRpcUrls({ key: 'base' }, ['https://base-a.example', 'https://base-b.example']);
    expect(await service.switchTo({ chainId: 8453 })).toBe(true);
    expect(await service.active()).toMatchObject({ name: 'Base', rpcUrls: ['https://base-a.example', 'https://base-b.example'] });
    await expect(service.switchTo({ chainId: 137 })).rejects.toMatchObject({ code: 'network.unknown' });
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
