import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createPublicClient, erc20Abi, getAddress, http, parseEther, type Address } from 'viem';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount, type DevnetContext } from './context';
import { curveGetDy } from './seed/defi-curve';
import { DEVNET_ETH_USD } from './seed/eth-usd';
import { CHAINLINK_ETH_USD, CURVE, MULTICALL3, TOKENS } from '../../lib/restaking/addresses';
import { chainOf } from '../../lib/chain/clients';
import { createBalancesService } from '../../lib/balances/service';
import type { StoredNetwork, WatchedAsset } from '../../lib/storage';
import type { StoredBalances, StoredCustomToken } from '../../lib/storage/balances';

const WAD = 10n ** 18n;
// Indexes 1–3 are the demo users, 5–7 the EigenLayer operators/AVS: this test's holder is 30 (impersonated).
const holder = devAccount(30).address;
const demo = devAccount(1).address; // holds stETH and weETH from the seed
const FOO: Address = getAddress('0x000000000000000000000000000000000000f00d'); // a dApp's watchAsset token
const BAR: Address = getAddress('0x000000000000000000000000000000000000ba12'); // added by address on Home
const chainlinkAbi = [
  {
    type: 'function',
    name: 'latestRoundData',
    stateMutability: 'view',
    inputs: [],
    outputs: ['uint80', 'int256', 'uint256', 'uint256', 'uint80'].map((type) => ({ type, name: '' })),
  },
] as const;

let devnet: Devnet;
let ctx: DevnetContext;
const memory = <T>(value: T) => ({
  value,
  async getValue() {
    return structuredClone(this.value);
  },
  async setValue(v: T) {
    this.value = structuredClone(v);
  },
});
const watched = memory<WatchedAsset[]>([]);
const custom = memory<StoredCustomToken[]>([]);
const snapshots = memory<Record<string, StoredBalances>>({});
/** Every JSON-RPC call the service's client sent (one entry per HTTP request, batched calls together). */
const httpRequests: { method: string; params?: unknown[] }[][] = [];
let service: ReturnType<typeof createBalancesService>;

const balanceOf = (token: Address, account: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] });

beforeAll(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  await ctx.client.impersonateAccount({ address: holder });
  await ctx.client.setBalance({ address: holder, value: parseEther('2.5') });
  // stETH and weETH from a seeded holder; a dApp's token and a custom one, minted.
  await ctx.write({ address: TOKENS.stETH, abi: erc20Abi, functionName: 'transfer', args: [holder, parseEther('3')], from: demo });
  await ctx.write({ address: TOKENS.weETH, abi: erc20Abi, functionName: 'transfer', args: [holder, parseEther('2')], from: demo });
  for (const [address, name, symbol, amount] of [
    [FOO, 'Foo Dollar', 'FOO', parseEther('1234.5')],
    [BAR, 'Bar Token', 'BAR', parseEther('7')],
  ] as const) {
    await ctx.place('TestToken', address);
    const abi = artifact('TestToken').abi;
    await ctx.write({ address, abi, functionName: 'initialize', args: [name, symbol] });
    await ctx.write({ address, abi, functionName: 'mint', args: [holder, amount] });
  }
  // 0.0001 WETH is $0.30 at the devnet's $3,000: a small balance. The holder pays the gas, so ETH is read after.
  await ctx.write({ address: TOKENS.WETH, abi: artifact('WETH9').abi, functionName: 'deposit', value: parseEther('0.0001'), from: holder });
  watched.value = [{ chainId: 1, address: FOO, symbol: 'FOO', decimals: 18 }];

  const network: StoredNetwork = {
    key: 'devnet',
    chainId: 1,
    name: 'Ballast devnet',
    rpcUrls: [devnet.rpcUrl],
    nativeSymbol: 'ETH',
    builtIn: true,
  };
  // As createNetworkClient builds it (JSON-RPC batching, Multicall3 batching), with every HTTP body recorded.
  const client = createPublicClient({
    chain: chainOf(network),
    batch: { multicall: true },
    transport: http(devnet.rpcUrl, {
      batch: true,
      retryCount: 0,
      onFetchRequest: (_request, init) => {
        const body = JSON.parse(String(init.body)) as { method: string; params?: unknown[] } | { method: string; params?: unknown[] }[];
        httpRequests.push(Array.isArray(body) ? body : [body]);
      },
    }),
  });
  service = createBalancesService({
    network: async () => network,
    selectedAddress: async () => holder,
    client: async () => client,
    watched,
    custom,
    snapshots,
    onChange: () => undefined,
  });
}, 180_000);

afterAll(async () => {
  await devnet?.stop();
});

describe('Home balances on the devnet', () => {
  test('before any read Home has nothing stored; the read equals balanceOf read directly and the total is Σ balance × rate', async () => {
    expect((await service.view()).snapshot).toBeNull();
    // Add the custom token first (its metadata read from the chain), so the read lists it.
    expect(await service.addToken(BAR.toLowerCase())).toEqual({ address: BAR, symbol: 'BAR', decimals: 18, name: 'Bar Token' });
    expect(custom.value).toEqual([expect.objectContaining({ chainId: 1, address: BAR, symbol: 'BAR', decimals: 18 })]);

    httpRequests.length = 0;
    const view = await service.refresh();
    const s = view.snapshot!;
    expect(view.lastError).toBeUndefined();
    const row = (symbol: string) => s.rows.find((r) => r.symbol === symbol)!;

    // Amounts: every row equals what the chain says, read here one by one.
    expect(BigInt(row('ETH').amount!)).toBe(await ctx.client.getBalance({ address: holder }));
    for (const [symbol, token] of [
      ['stETH', TOKENS.stETH],
      ['weETH', TOKENS.weETH],
      ['WETH', TOKENS.WETH],
      ['FOO', FOO],
      ['BAR', BAR],
    ] as const)
      expect(BigInt(row(symbol).amount!), symbol).toBe(await balanceOf(token, holder));
    expect(BigInt(row('FOO').amount!)).toBe(parseEther('1234.5'));
    expect(row('FOO').source).toBe('watched');
    expect(row('BAR').source).toBe('custom');

    // Rates, read here from the pools and the token directly: stETH and weETH exit through their Curve pools.
    const stethMarket = await curveGetDy(ctx, CURVE.stethPool, 1n, 0n, WAD);
    const weethMarket = await curveGetDy(ctx, CURVE.weethNgPool, 1n, 0n, WAD);
    const weethFair = (await ctx.client.readContract({
      address: TOKENS.weETH,
      abi: artifact('WeETH').abi,
      functionName: 'getRate',
    })) as bigint;
    expect(row('stETH').price).toMatchObject({ basis: 'market', marketWad: stethMarket.toString(), fairWad: WAD.toString() });
    expect(row('weETH').price).toMatchObject({ basis: 'market', marketWad: weethMarket.toString(), fairWad: weethFair.toString() });
    const [, answer] = await ctx.client.readContract({ address: CHAINLINK_ETH_USD, abi: chainlinkAbi, functionName: 'latestRoundData' });
    expect(answer).toBe(DEVNET_ETH_USD);

    const eth = await ctx.client.getBalance({ address: holder });
    const steth = await balanceOf(TOKENS.stETH, holder);
    const weeth = await balanceOf(TOKENS.weETH, holder);
    const weth = await balanceOf(TOKENS.WETH, holder);
    const totalEth = eth + (steth * stethMarket) / WAD + (weeth * weethMarket) / WAD + weth;
    expect(BigInt(s.totalEth)).toBe(totalEth);
    // $3,000 × total, in the feed's 8 decimals.
    expect(BigInt(s.totalUsd!)).toBe((totalEth * 3_000n * 10n ** 8n) / WAD);
    expect(s.usdDecimals).toBe(8);

    // No price for the dApp's and the custom token: amounts shown, "no price", not counted, never $0.
    for (const symbol of ['FOO', 'BAR']) expect(row(symbol)).toMatchObject({ price: null, valueEth: null, valueUsd: null, dust: false });
    // WETH 0.0001 × $3,000 = $0.30: small; the registry tokens the holder has none of are small too.
    expect(row('WETH').dust).toBe(true);
    expect(row('rETH')).toMatchObject({ amount: '0', dust: true });
    expect(s.rows.filter((r) => !r.dust).map((r) => r.symbol)).toEqual(['ETH', 'stETH', 'weETH', 'BAR', 'FOO']);

    // One Multicall3 aggregate3 call carries every balance (the holder's address is in exactly one eth_call).
    const calls = httpRequests.flat().filter((c) => c.method === 'eth_call');
    const holderHex = holder.slice(2).toLowerCase();
    const withHolder = calls.filter((c) => JSON.stringify(c.params).toLowerCase().includes(holderHex));
    expect(withHolder).toHaveLength(1);
    expect((withHolder[0]!.params![0] as { to: string }).to.toLowerCase()).toBe(MULTICALL3.toLowerCase());
    expect(httpRequests.length).toBeLessThanOrEqual(2);
  });

  test('the stored snapshot is answered without the chain', async () => {
    httpRequests.length = 0;
    const view = await service.view();
    expect(view.snapshot?.account).toBe(holder);
    expect(httpRequests).toEqual([]);
  });

  test('a non-token address gets an error naming what failed; duplicates are refused', async () => {
    const eoa = devAccount(31).address;
    await expect(service.addToken(eoa)).rejects.toMatchObject({
      code: 'token.no-code',
      shortMessage: 'No contract at this address',
      details: expect.stringContaining(`${eoa} has no code on Ballast devnet`),
    });
    // Multicall3 is a contract without symbol() or decimals().
    await expect(service.addToken(MULTICALL3)).rejects.toMatchObject({
      code: 'token.not-erc20',
      details: expect.stringMatching(/symbol\(\) reverted .* and decimals\(\) reverted/),
    });
    await expect(service.addToken(TOKENS.stETH)).rejects.toMatchObject({
      code: 'token.duplicate',
      details: expect.stringContaining("stETH (in Ballast's token list)"),
    });
    await expect(service.addToken(BAR)).rejects.toMatchObject({
      code: 'token.duplicate',
      details: expect.stringContaining('BAR (added by you)'),
    });
    await expect(service.addToken(FOO)).rejects.toMatchObject({
      code: 'token.duplicate',
      details: expect.stringContaining('FOO (added by a site)'),
    });
    await expect(service.addToken('0x1234')).rejects.toMatchObject({ code: 'token.address.invalid' });
    expect(custom.value).toHaveLength(1);
  });

  test('a refresh follows the chain: a transfer shows in the next read', async () => {
    await ctx.write({ address: BAR, abi: erc20Abi, functionName: 'transfer', args: [demo, parseEther('2')], from: holder });
    const s = (await service.refresh()).snapshot!;
    expect(BigInt(s.rows.find((r) => r.symbol === 'BAR')!.amount!)).toBe(parseEther('5'));
  });
});
