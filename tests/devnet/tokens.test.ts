import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { erc20Abi, parseEther, type Abi, type Address, type Hex } from 'viem';
import { PROTOCOL_CONTRACTS as P, TOKENS, CHAINLINK, MULTICALL3 } from '../../lib/restaking/addresses';
import { startAnvil, type AnvilInstance } from './anvil';
import { artifact, createContext, devAccount, type DevnetContext } from './context';
import { seedTokens, type TokensSeed } from './seed/tokens';
import { acquireToken } from './seed/acquire';

const abi = (name: string): Abi => artifact(name).abi;
const ONE = 10n ** 18n;
const alice = devAccount(1);
const bob = devAccount(2).address;

let anvil: AnvilInstance;
let ctx: DevnetContext;
let seed: TokensSeed;
let snapshot: Hex;

beforeAll(async () => {
  anvil = await startAnvil();
  ctx = createContext(anvil.rpcUrl);
  seed = await seedTokens(ctx);
});
afterAll(async () => {
  await anvil?.stop();
});
beforeEach(async () => {
  snapshot = await ctx.client.snapshot();
});
afterEach(async () => {
  await ctx.client.revert({ id: snapshot });
});

const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
const balanceOf = (token: Address, who: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] });

describe('Lido stETH', () => {
  test('submit mints shares at totalShares/totalPooledEther and balances follow a rebase', async () => {
    const [pooled, shares] = [
      await read<bigint>(TOKENS.stETH, 'StETH', 'getTotalPooledEther'),
      await read<bigint>(TOKENS.stETH, 'StETH', 'getTotalShares'),
    ];
    const value = parseEther('10');
    await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'submit', args: [bob], value, from: alice.address });

    const expectedShares = (value * shares) / pooled;
    expect(await read<bigint>(TOKENS.stETH, 'StETH', 'sharesOf', [alice.address])).toBe(expectedShares);
    expect(await balanceOf(TOKENS.stETH, alice.address)).toBe((expectedShares * (pooled + value)) / (shares + expectedShares));

    // +1% rewards: every balance grows by 1% of its share of the pool (floor rounding, as Lido).
    const newPooled = ((pooled + value) * 101n) / 100n;
    await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'setTotalPooledEther', args: [newPooled] });
    expect(await balanceOf(TOKENS.stETH, alice.address)).toBe((expectedShares * newPooled) / (shares + expectedShares));
  });

  test('transferShares moves exactly the shares and only the admin can rebase', async () => {
    await acquireToken(ctx, 'stETH', alice.address, parseEther('3'));
    await ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'transferShares', args: [bob, 12345n], from: alice.address });
    expect(await read<bigint>(TOKENS.stETH, 'StETH', 'sharesOf', [bob])).toBe(12345n);
    await expect(
      ctx.write({ address: TOKENS.stETH, abi: abi('StETH'), functionName: 'setTotalPooledEther', args: [1n], from: alice.address }),
    ).rejects.toThrow(/NotAdmin|reverted/);
  });
});

describe('wstETH', () => {
  test('sending ETH stakes and wraps; wrap/unwrap round-trips within rounding', async () => {
    const minted = await acquireToken(ctx, 'wstETH', alice.address, parseEther('2'));
    // one wstETH is one stETH share: 2 ETH buys 2e18 × shares / pooled of them
    expect(minted).toBe((parseEther('2') * ONE) / seed.rates.wstETH);

    const steth = await acquireToken(ctx, 'stETH', alice.address, parseEther('5'));
    await ctx.write({ address: TOKENS.stETH, abi: erc20Abi, functionName: 'approve', args: [TOKENS.wstETH, steth], from: alice.address });
    const before = await balanceOf(TOKENS.wstETH, alice.address);
    await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'wrap', args: [steth], from: alice.address });
    const wrapped = (await balanceOf(TOKENS.wstETH, alice.address)) - before;
    expect(await balanceOf(TOKENS.stETH, alice.address)).toBeLessThanOrEqual(1n);
    await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'unwrap', args: [wrapped], from: alice.address });
    const back = await balanceOf(TOKENS.stETH, alice.address);
    expect(steth - back).toBeGreaterThanOrEqual(0n);
    expect(steth - back).toBeLessThanOrEqual(3n);
  });

  test('permit sets an allowance from an EIP-712 signature and bumps the nonce', async () => {
    const deadline = 2n ** 40n;
    const nonce = await read<bigint>(TOKENS.wstETH, 'WstETH', 'nonces', [alice.address]);
    const signature = await alice.signTypedData({
      domain: { name: 'Wrapped liquid staked Ether 2.0', version: '1', chainId: 1, verifyingContract: TOKENS.wstETH },
      types: {
        Permit: [
          { name: 'owner', type: 'address' },
          { name: 'spender', type: 'address' },
          { name: 'value', type: 'uint256' },
          { name: 'nonce', type: 'uint256' },
          { name: 'deadline', type: 'uint256' },
        ],
      },
      primaryType: 'Permit',
      message: { owner: alice.address, spender: bob, value: 777n, nonce, deadline },
    });
    const r = signature.slice(0, 66) as Hex;
    const s = `0x${signature.slice(66, 130)}` as Hex;
    const v = Number.parseInt(signature.slice(130, 132), 16);
    await ctx.write({
      address: TOKENS.wstETH,
      abi: abi('WstETH'),
      functionName: 'permit',
      args: [alice.address, bob, 777n, deadline, v, r, s],
      from: bob,
    });
    expect(
      await ctx.client.readContract({ address: TOKENS.wstETH, abi: erc20Abi, functionName: 'allowance', args: [alice.address, bob] }),
    ).toBe(777n);
    expect(await read<bigint>(TOKENS.wstETH, 'WstETH', 'nonces', [alice.address])).toBe(nonce + 1n);
  });
});

describe('deposits mint at the seeded rate', () => {
  // The ETH value of what was minted, at the rate the seed set, equals what was paid (never more; ≤ 2 wei less).
  test.each(['rETH', 'eETH', 'weETH', 'ezETH', 'rsETH', 'pufETH', 'rswETH', 'ETHx', 'mETH'] as const)('%s', async (symbol) => {
    const paid = parseEther('1.5');
    const minted = await acquireToken(ctx, symbol, alice.address, paid);
    const valueAtRate = (minted * seed.rates[symbol]) / ONE;
    expect(minted).toBeGreaterThan(0n);
    expect(paid - valueAtRate).toBeGreaterThanOrEqual(0n);
    expect(paid - valueAtRate).toBeLessThanOrEqual(2n);
  });

  test('rETH deposit pool is found through RocketStorage', async () => {
    const key = (await import('./seed/tokens')).rocketStorageKey('rocketDepositPool');
    expect(await read<Address>(P.rocketStorage, 'RocketStorage', 'getAddress', [key])).toBe(P.rocketDepositPool);
  });
});

describe('Kelp LRTDepositPool', () => {
  test('depositETH reverts below minRSETHAmountExpected and mints at exactly the minimum', async () => {
    const value = parseEther('1');
    const expected = (value * ONE) / seed.rates.rsETH; // ETH price 1e18 / rsETHPrice
    expect(
      await read<bigint>(P.kelpDepositPool, 'KelpLRTDepositPool', 'getRsETHAmountToMint', [
        '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE',
        value,
      ]),
    ).toBe(expected);
    await expect(
      ctx.client.simulateContract({
        address: P.kelpDepositPool,
        abi: abi('KelpLRTDepositPool'),
        functionName: 'depositETH',
        args: [expected + 1n, 'ref'],
        value,
        account: alice.address,
      }),
    ).rejects.toThrow(/MinimumAmountToReceiveNotMet/);
    await ctx.write({
      address: P.kelpDepositPool,
      abi: abi('KelpLRTDepositPool'),
      functionName: 'depositETH',
      args: [expected, 'ref'],
      value,
      from: alice.address,
    });
    expect(await balanceOf(TOKENS.rsETH, alice.address)).toBe(expected);
  });
});

describe('Multicall3 and Chainlink', () => {
  test('aggregate3 returns failures in place when allowed and reverts the batch when not', async () => {
    const feed = { address: CHAINLINK.stETH_ETH, abi: abi('ChainlinkAggregator') };
    const mc = { address: MULTICALL3, abi: abi('Multicall3') };
    const results = await ctx.client.multicall({
      multicallAddress: MULTICALL3,
      allowFailure: true,
      contracts: [
        { ...feed, functionName: 'getRoundData', args: [999n] },
        { ...mc, functionName: 'getEthBalance', args: [alice.address] },
        { ...feed, functionName: 'decimals' },
      ],
    });
    expect(results[0]?.status).toBe('failure');
    expect(results[1]).toEqual({ status: 'success', result: await ctx.client.getBalance({ address: alice.address }) });
    expect(results[2]).toEqual({ status: 'success', result: 18 });
    await expect(
      ctx.client.multicall({
        multicallAddress: MULTICALL3,
        allowFailure: false,
        contracts: [{ ...feed, functionName: 'getRoundData', args: [999n] }],
      }),
    ).rejects.toThrow();
    const raw = await ctx.client
      .simulateContract({
        ...mc,
        functionName: 'aggregate3',
        args: [[{ target: CHAINLINK.stETH_ETH, allowFailure: false, callData: '0xdeadbeef' }]],
      })
      .catch((e: Error) => e);
    expect(String(raw)).toMatch(/Multicall3: call failed/);
    expect(await ctx.client.readContract({ ...mc, functionName: 'getBlockNumber' })).toBe(
      await ctx.client.getBlockNumber({ cacheTime: 0 }),
    );
  });

  test('a feed reports what the admin set, with its updatedAt, and counts rounds', async () => {
    const feed = { address: CHAINLINK.ezETH_ETH, abi: abi('ChainlinkAggregator') };
    const [roundBefore] = (await ctx.client.readContract({ ...feed, functionName: 'latestRoundData' })) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    await ctx.write({ ...feed, functionName: 'setAnswer', args: [parseEther('0.97'), 1_700_000_000n] });
    const [round, answer, , updatedAt] = (await ctx.client.readContract({ ...feed, functionName: 'latestRoundData' })) as [
      bigint,
      bigint,
      bigint,
      bigint,
      bigint,
    ];
    expect([round, answer, updatedAt]).toEqual([roundBefore + 1n, parseEther('0.97'), 1_700_000_000n]);
    expect(await ctx.client.readContract({ ...feed, functionName: 'description' })).toBe('ezETH / ETH');
  });

  test('a double cannot be initialized twice', async () => {
    await expect(ctx.write({ address: TOKENS.rswETH, abi: abi('RswETH'), functionName: 'initialize', args: [1n, 1n] })).rejects.toThrow(
      /AlreadyInitialized|reverted/,
    );
  });
});
