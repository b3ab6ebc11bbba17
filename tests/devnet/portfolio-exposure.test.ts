import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFunctionData, erc20Abi, http, parseAbi, parseEther, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount } from './context';
import { acquireToken } from './seed/acquire';
import { AAVE_DEVNET_ATOKENS, supplyToAave } from './seed/defi-aave';
import { depositAndDelegate } from './seed/eigen-actions';
import { stakerReference } from './lookthrough-reference';
import { LRT_DEVNET_AVS, LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from './seed/lrt';
import { slash } from './scenarios';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import { snapshotExposure } from '../../lib/tracker/exposure-holdings';
import type { TrackerSnapshot } from '../../lib/tracker/types';
import { buildPreview } from '../../lib/preview';

/**
 * Issue #15 items 4 and 5 on the devnet: a holder of rsETH (held and supplied to Aave), ezETH and a direct
 * EigenLayer deposit delegated to lrt-a, the operator Kelp and Renzo share. Every expected figure is
 * computed here from raw double state (the doubles' own ABIs, the seed's staker list, reference §6 written
 * out: at risk in a set = value × magnitude / max magnitude; the holder's part = balance × protocol / supply,
 * per holding, floor), not by lib/risk or the tracker.
 */
let devnet: Devnet;
const holder = devAccount(4).address;
const abi = (name: string) => artifact(name).abi;

const refresh = (): Promise<TrackerSnapshot> =>
  refreshPositions({ transport: http(devnet.rpcUrl, { retryCount: 0 }), chain: mainnet, accounts: [holder], readers: defaultReaders() });

type Expected = { byOperator: Map<Address, bigint>; bySet: Map<string, bigint> };
const add = <K>(m: Map<K, bigint>, k: K, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);

async function independent(
  blockNumber: bigint,
): Promise<Expected & { lrt: Record<'rsETH' | 'ezETH', { supply: bigint; byOp: Map<Address, bigint> }> }> {
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args, blockNumber }) as Promise<T>;
  const balanceOf = (token: Address) =>
    devnet.ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [holder], blockNumber });
  const out: Expected = { byOperator: new Map(), bySet: new Map() };
  const lrt = {} as Record<'rsETH' | 'ezETH', { supply: bigint; byOp: Map<Address, bigint> }>;
  for (const symbol of ['rsETH', 'ezETH'] as const) {
    const supply = await read<bigint>(TOKENS[symbol], 'RsETH', 'totalSupply');
    const { byOperator: byOp, bySet } = await stakerReference(
      devnet.ctx,
      LRT_DEVNET_STAKERS.filter((x) => x.lrt === symbol),
      { blockNumber },
    );
    lrt[symbol] = { supply, byOp };
    // Each holding is its own position: the token balance, and for rsETH the aToken balance (1:1 with rsETH).
    const balances = [await balanceOf(TOKENS[symbol]), ...(symbol === 'rsETH' ? [await balanceOf(AAVE_DEVNET_ATOKENS.rsETH)] : [])];
    for (const balance of balances) {
      expect(balance).toBeGreaterThan(0n);
      for (const [op, v] of byOp) add(out.byOperator, op, (balance * v) / supply);
      for (const [k, v] of bySet) if (v > 0n) add(out.bySet, k, (balance * v) / supply);
    }
  }
  // The direct deposit: its whole value is delegated to lrt-a.
  const direct = await stakerReference(devnet.ctx, [{ staker: holder, operator: 'lrt-a' }], { blockNumber });
  for (const [op, v] of direct.byOperator) add(out.byOperator, op, v);
  for (const [k, v] of direct.bySet) if (v > 0n) add(out.bySet, k, v);
  return { ...out, lrt };
}

const largest = (bySet: Map<string, bigint>) => [...bySet].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))[0]!;

beforeAll(async () => {
  devnet = await startDevnet();
  const ctx = devnet.ctx;
  await acquireToken(ctx, 'rsETH', holder, parseEther('6'));
  await acquireToken(ctx, 'ezETH', holder, parseEther('4'));
  const rs = await ctx.client.readContract({ address: TOKENS.rsETH, abi: erc20Abi, functionName: 'balanceOf', args: [holder] });
  await supplyToAave(ctx, holder, TOKENS.rsETH, rs / 2n);
  const steth = await acquireToken(ctx, 'stETH', holder, parseEther('2'));
  await depositAndDelegate(ctx, holder, 'stETH', steth, LRT_DEVNET_OPERATORS['lrt-a']);
});
afterAll(async () => {
  await devnet?.stop();
});

describe('exposure over all holdings (direct deposit, rsETH held and in Aave, ezETH)', () => {
  let before: { lossEth: bigint; key: string };

  test('aggregated by operator and set: lrt-a and the largest single slash equal the sums from raw reads; ≤ 3 requests', async () => {
    const s = await refresh();
    expect(s.requestCount).toBeLessThanOrEqual(3);
    const e = snapshotExposure(s);
    const want = await independent(s.blockNumber);
    const lrtA = LRT_DEVNET_OPERATORS['lrt-a'];
    expect(e.counted).toBe(4); // rsETH, aEthrsETH, ezETH, the stETH strategy
    expect(e.byOperator.find((o) => o.operator === lrtA)?.restakedEth).toBe(want.byOperator.get(lrtA));
    expect(new Map(e.byOperator.map((o) => [o.operator, o.restakedEth]))).toEqual(want.byOperator);
    expect(new Map(e.bySet.map((x) => [`${x.avs}:${x.id}`, x.lossEth]))).toEqual(want.bySet);
    const [key, lossEth] = largest(want.bySet);
    expect(`${e.largestSingleSlash!.avs}:${e.largestSingleSlash!.id}`).toBe(key);
    expect(e.largestSingleSlash!.lossEth).toBe(lossEth);
    // lrt-a's set reaches all four holdings at once.
    expect(e.largestSingleSlash!.parts.map((p) => p.label).sort()).toEqual(
      ['aEthrsETH (rsETH in Aave)', 'ezETH', 'rsETH', 'stETH strategy (EigenLayer)'].sort(),
    );
    const total = [...want.byOperator.values()].reduce((x, y) => x + y, 0n);
    expect(Number(e.byOperator[0]!.shareWad) / 1e18).toBeCloseTo(Number(want.byOperator.get(lrtA)!) / Number(total), 9);
    console.info(`largest single slash ${key}: ${lossEth} wei; lrt-a ${want.byOperator.get(lrtA)} of ${total} wei restaked`);
    before = { key, lossEth };
  });

  test('slash lrt-a avs-x:1 by 50 %: the set’s loss falls and still equals the raw-read sum', async () => {
    await slash(devnet.ctx, 'lrt-a', '0.5', { avs: LRT_DEVNET_AVS['avs-x'], id: 1 });
    const s = await refresh();
    const e = snapshotExposure(s);
    const want = await independent(s.blockNumber);
    expect(new Map(e.bySet.map((x) => [`${x.avs}:${x.id}`, x.lossEth]))).toEqual(want.bySet);
    expect(new Map(e.byOperator.map((o) => [o.operator, o.restakedEth]))).toEqual(want.byOperator);
    const [key, lossEth] = largest(want.bySet);
    expect(e.largestSingleSlash!.lossEth).toBe(lossEth);
    expect(`${e.largestSingleSlash!.avs}:${e.largestSingleSlash!.id}`).toBe(key);
    const x1 = `${LRT_DEVNET_AVS['avs-x']}:1`;
    const x1After = e.bySet.find((x) => `${x.avs}:${x.id}` === x1)!.lossEth;
    const x1Before = before.key === x1 ? before.lossEth : undefined;
    // lrt-a's magnitude in avs-x:1 halves (0.30 → 0.15 of a max that falls to 0.85, on stakes that fall to 0.85): its part halves.
    if (x1Before !== undefined) expect(x1After).toBeLessThan(x1Before);
    expect(lossEth).toBeLessThan(before.lossEth);
    console.info(`after the slash: largest single slash ${key}: ${lossEth} wei (before ${before.key}: ${before.lossEth})`);
  });
});

describe('preview: a Kelp deposit for a holder of ezETH shows the operator concentration change', () => {
  test('the top operator’s share before → after equals the computation from raw reads', async () => {
    const ctx = devnet.ctx;
    // A fresh address holding ezETH only (the demo users hold other LRTs too).
    const user: Address = '0x00000000000000000000000000000000000b0b01';
    await ctx.client.impersonateAccount({ address: user });
    await ctx.client.setBalance({ address: user, value: parseEther('100') });
    await acquireToken(ctx, 'ezETH', user, parseEther('3'));
    const s = await refreshPositions({
      transport: http(devnet.rpcUrl, { retryCount: 0 }),
      chain: mainnet,
      accounts: [user],
      readers: defaultReaders(),
    });
    const exposure = snapshotExposure(s, user);
    const value = parseEther('2');
    const data = encodeFunctionData({
      abi: parseAbi(['function depositETH(uint256 minRSETHAmountExpected, string referralId) payable']),
      functionName: 'depositETH',
      args: [0n, ''],
    });
    const preview = await buildPreview(
      { client: ctx.client, chainId: 1, now: Date.now, exposure },
      { kind: 'transaction', tx: { from: user, to: PROTOCOL_CONTRACTS.kelpDepositPool, value, data } },
    );
    const fact = preview.facts.lrtConcentration?.[0];
    expect(fact, JSON.stringify(preview.notChecked)).toBeDefined();

    // Independent: minted rsETH from the simulation's balance change, the two LRTs' operators from raw reads.
    const minted = BigInt(preview.balanceChanges.find((c) => c.symbol === 'rsETH')!.delta);
    const kelpQuote = await ctx.client.readContract({
      address: PROTOCOL_CONTRACTS.kelpDepositPool,
      abi: parseAbi(['function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)']),
      functionName: 'getRsETHAmountToMint',
      args: ['0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE', value],
    });
    expect(minted).toBe(kelpQuote);
    const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
      ctx.client.readContract({ address, abi: abi(name), functionName, args, blockNumber: s.blockNumber }) as Promise<T>;
    const opsOf = async (symbol: 'rsETH' | 'ezETH') => {
      const stakers = LRT_DEVNET_STAKERS.filter((x) => x.lrt === symbol);
      const { byOperator: m } = await stakerReference(ctx, stakers, { blockNumber: s.blockNumber });
      return { m, supply: await read<bigint>(TOKENS[symbol], 'RsETH', 'totalSupply') };
    };
    const ez = await opsOf('ezETH');
    const rs = await opsOf('rsETH');
    const ezBalance = await ctx.client.readContract({
      address: TOKENS.ezETH,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [user],
      blockNumber: s.blockNumber,
    });
    const beforeOps = new Map([...ez.m].map(([op, v]) => [op, (ezBalance * v) / ez.supply]));
    const afterOps = new Map(beforeOps);
    for (const [op, v] of rs.m) add(afterOps, op, (minted * v) / rs.supply);
    const sum = (m: Map<Address, bigint>) => [...m.values()].reduce((x, y) => x + y, 0n);
    const [top, topAfter] = [...afterOps].sort((a, b) => (b[1] > a[1] ? 1 : -1))[0]!;
    expect(top).toBe(LRT_DEVNET_OPERATORS['lrt-a']); // shared by both LRTs
    expect(fact!.operator).toBe(top);
    expect(BigInt(fact!.beforeEth)).toBe(beforeOps.get(top));
    expect(BigInt(fact!.afterEth)).toBe(topAfter);
    expect(BigInt(fact!.totalBeforeEth)).toBe(sum(beforeOps));
    expect(BigInt(fact!.totalAfterEth)).toBe(sum(afterOps));
    const beforeShare = Number(beforeOps.get(top)!) / Number(sum(beforeOps));
    const afterShare = Number(topAfter) / Number(sum(afterOps));
    expect(Number(fact!.beforeShareWad) / 1e18).toBeCloseTo(beforeShare, 9);
    expect(Number(fact!.afterShareWad) / 1e18).toBeCloseTo(afterShare, 9);
    const flag = preview.flags.find((f) => f.id === 'lrt.concentration')!;
    expect(flag.severity).toBe(afterShare > 0.5 ? 'warn' : 'info');
    // The title shows the share to 0.1 %, rounded up (a risk is never shown smaller).
    const permille = (topAfter * 1000n + sum(afterOps) - 1n) / sum(afterOps);
    expect(flag.title).toContain(`After this, ${permille / 10n}.${permille % 10n}%`);
    expect(flag.source?.block).toBe(String(s.blockNumber));
    console.info(`Kelp deposit of 2 ETH → ${minted} rsETH wei: lrt-a ${beforeShare} → ${afterShare}; "${flag.title}"`);
  });
});
