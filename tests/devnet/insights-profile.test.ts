import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseAbi, parseEther } from 'viem';
import { startDevnet, type Devnet } from './devnet';
import { artifact } from './context';
import { CHAINLINK, CURVE, EIGENLAYER, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { readExitRoutes } from '../../lib/insights/exit-routes';
import { readProtocolProfiles } from '../../lib/insights/profile';

let devnet: Devnet;
beforeAll(async () => {
  devnet = await startDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

const curveAbi = parseAbi(['function get_dy(int128 i, int128 j, uint256 dx) view returns (uint256)']);
const erc4626Abi = parseAbi([
  'function totalAssets() view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function getTotalExitFeeBasisPoints() view returns (uint256)',
]);
const read = <T>(address: `0x${string}`, abi: readonly unknown[], functionName: string, args: readonly unknown[], blockNumber: bigint) =>
  devnet.ctx.client.readContract({ address, abi: abi as never, functionName, args, blockNumber } as never) as Promise<T>;

describe('exit routes side by side', () => {
  test("stETH: the Curve route is the pool's own get_dy for the holder's size; withdrawal figures stay unknown", async () => {
    const amount = parseEther('250');
    const r = await readExitRoutes(devnet.ctx.client, { symbol: 'stETH', amount });
    const curve = r.sell.find((s) => s.venue === 'curve')!;
    expect(curve.kind).toBe('pool-quote');
    expect(curve.ethOut).toBe(await read<bigint>(CURVE.stethPool, curveAbi, 'get_dy', [1n, 0n, amount], r.blockNumber));
    // A large sale gets less than a small one per token (slippage is in the quote, not a spot price).
    const small = await readExitRoutes(devnet.ctx.client, { symbol: 'stETH', amount: parseEther('1'), blockNumber: r.blockNumber });
    expect((curve.ethOut! * 10n ** 18n) / amount).toBeLessThan(small.sell.find((s) => s.venue === 'curve')!.ethOut!);
    expect(r.fairValueEth).toBe(amount); // stETH is 1:1 by design
    expect(r.protocol.delay.value).toBe('unknown');
    expect(r.protocol.delay.source).toMatch(/not stated in reference/);
  });

  test("wstETH sells through stETH's pool at the converted size", async () => {
    const amount = parseEther('10');
    const r = await readExitRoutes(devnet.ctx.client, { symbol: 'wstETH', amount });
    const shareRate = await read<bigint>(
      TOKENS.stETH,
      parseAbi(['function getPooledEthByShares(uint256) view returns (uint256)']),
      'getPooledEthByShares',
      [10n ** 18n],
      r.blockNumber,
    );
    const curve = r.sell.find((s) => s.venue === 'curve')!;
    expect(curve.via).toBe('stETH');
    expect(curve.ethOut).toBe(
      await read<bigint>(CURVE.stethPool, curveAbi, 'get_dy', [1n, 0n, (amount * shareRate) / 10n ** 18n], r.blockNumber),
    );
  });

  test('pufETH: the instant redemption equals the ERC-4626 formula minus the exit fee, computed here', async () => {
    const amount = parseEther('3');
    const r = await readExitRoutes(devnet.ctx.client, { symbol: 'pufETH', amount });
    const b = r.blockNumber;
    const [assetsTotal, supply, bps] = await Promise.all([
      read<bigint>(TOKENS.pufETH, erc4626Abi, 'totalAssets', [], b),
      read<bigint>(TOKENS.pufETH, erc4626Abi, 'totalSupply', [], b),
      read<bigint>(TOKENS.pufETH, erc4626Abi, 'getTotalExitFeeBasisPoints', [], b),
    ]);
    const assets = (amount * (assetsTotal + 1n)) / (supply + 1n);
    const fee = (assets * bps + (bps + 10_000n) - 1n) / (bps + 10_000n);
    expect(r.protocol.instant).toMatchObject({ ethOut: assets - fee, feeBps: bps });
    expect(bps).toBe(100n); // the reference's 1 % instant fee, as seeded
    expect(r.protocol.amountEth.value).toBe((amount * ((10n ** 18n * (assetsTotal + 1n)) / (supply + 1n))) / 10n ** 18n);
  });

  test("EigenLayer queue: the delay is the chain's minWithdrawalDelayBlocks × 12 s", async () => {
    const r = await readExitRoutes(devnet.ctx.client, { symbol: 'rETH', amount: parseEther('1'), includeEigenLayer: true });
    const blocks = await read<number>(
      EIGENLAYER.delegationManager,
      parseAbi(['function minWithdrawalDelayBlocks() view returns (uint32)']),
      'minWithdrawalDelayBlocks',
      [],
      r.blockNumber,
    );
    expect(r.eigenLayer).toMatchObject({ delayBlocks: BigInt(blocks), delaySeconds: BigInt(blocks) * 12n });
    expect(r.requests).toBeLessThanOrEqual(3);
  });
});

describe('protocol profiles in one batched read', () => {
  test('registry facts, feed ages, proxies as the chain says, no flags on a fresh devnet', async () => {
    const p = await readProtocolProfiles(devnet.ctx.client);
    expect(p.ethCalls).toBe(1);
    const renzo = p.profiles.find((x) => x.id === 'renzo')!;
    expect(renzo).toMatchObject({
      rateOracle: 'computed',
      donationSusceptible: true,
      registrySaysUpgradeable: true,
      paused: { value: false },
    });
    // The devnet doubles are plain contracts: the EIP-1967 slot is empty everywhere.
    expect(p.profiles.flatMap((x) => x.proxies).every((f) => 'implementation' in f && f.implementation === null)).toBe(true);
    const ezFeed = renzo.feedUpdates.find((u) => u.feed === CHAINLINK.ezETH_ETH)!;
    const [, , , updatedAt] = await read<readonly bigint[]>(
      CHAINLINK.ezETH_ETH,
      artifact('ChainlinkAggregator').abi,
      'latestRoundData',
      [],
      p.blockNumber,
    );
    expect(ezFeed).toMatchObject({ updatedAt, ageSeconds: p.blockTimestamp - updatedAt! });
    expect(p.profiles.find((x) => x.id === 'kelp')!.storedRateUpdatedAt.value).toBe('not exposed');
    expect(p.profiles.find((x) => x.id === 'puffer')!.withdrawal.available).toBe(true);
    expect(p.profiles.find((x) => x.id === 'swell')!.paused.value).toBe('unknown');
    expect(p.profiles.flatMap((x) => x.flags)).toEqual([]);
  });

  test('a paused protocol and a feed older than two heartbeats become danger flags', async () => {
    const { ctx } = devnet;
    await ctx.write({
      address: PROTOCOL_CONTRACTS.kelpDepositPool,
      abi: artifact('KelpLRTDepositPool').abi,
      functionName: 'setPaused',
      args: [true],
    });
    await ctx.client.increaseTime({ seconds: 3 * 86_400 });
    await ctx.client.mine({ blocks: 1 });
    const p = await readProtocolProfiles(ctx.client);
    const kelp = p.profiles.find((x) => x.id === 'kelp')!;
    expect(kelp.paused).toEqual({ value: true, source: `LRTDepositPool.paused() on ${PROTOCOL_CONTRACTS.kelpDepositPool}` });
    expect(kelp.flags.map((f) => [f.id, f.severity])).toEqual([
      ['oracle.stale', 'danger'],
      ['protocol.paused', 'danger'],
    ]);
    // Every feed is ≥ 3 days old now: each protocol with a feed has one stale flag per feed.
    const withFeeds = p.profiles.filter((x) => x.feedUpdates.length > 0);
    for (const x of withFeeds) expect(x.flags.filter((f) => f.id === 'oracle.stale')).toHaveLength(x.feedUpdates.length);
    expect(p.profiles.find((x) => x.id === 'renzo')!.flags.some((f) => f.id === 'protocol.paused')).toBe(false);
  });
});

describe('one holding, everything at once', () => {
  test('readTokenInsights puts yield, exits and the protocol profile of the token side by side', async () => {
    const { readTokenInsights } = await import('../../lib/insights/token-insights');
    const r = await readTokenInsights(devnet.ctx.client, { symbol: 'ezETH', amount: parseEther('2') });
    expect(r.profile.id).toBe('renzo');
    expect(r.yield.windows[0]).toMatchObject({ ok: false });
    expect(r.exits.sell.map((s) => s.venue)).toEqual(['uniswap-v3', 'chainlink']);
  });
});
