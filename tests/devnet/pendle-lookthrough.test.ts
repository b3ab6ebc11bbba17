import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, parseEther, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact } from './context';
import { buyPtWithEth, PENDLE_DEVNET_MARKETS } from './seed/defi-pendle';
import { LRT_DEVNET_STAKERS } from './seed/lrt';
import { stakerReference } from './lookthrough-reference';
import { PENDLE, PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import { snapshotExposure } from '../../lib/tracker/exposure-holdings';

/**
 * Issue #15 item 4 for Pendle: a PT of an LRT market counts in the exposure by operator and set through the
 * LRT behind it. Independent computation here, from raw double state: the PT's ETH value = PT balance ×
 * getPtToAssetRate(market, 900 s) (accounting asset ETH); that many LRT tokens = value ÷ the LRT's fair rate
 * (LRTOracle.rsETHPrice); the holder's ETH with an operator =
 * tokens × (Σ of the LRT's stakers with that operator: withdrawable shares → stETH) ÷ supply, and per set
 * tokens × (Σ value × magnitude ÷ max magnitude) ÷ supply, floor at each step. PT-weETH stays "not counted"
 * with the ether.fi reason in words. (A PT-ezETH market takes the same path; the devnet has two markets
 * only: a third pushes a 10-account refresh's first round past one aggregate3 call's gas budget.)
 */
let devnet: Devnet;
const holder: Address = '0x00000000000000000000000000000000000b0b77';
const WAD = 10n ** 18n;
const add = <K>(m: Map<K, bigint>, k: K, v: bigint) => m.set(k, (m.get(k) ?? 0n) + v);

beforeAll(async () => {
  devnet = await startDevnet();
  const ctx = devnet.ctx;
  await ctx.client.impersonateAccount({ address: holder });
  await ctx.client.setBalance({ address: holder, value: parseEther('100') });
  await buyPtWithEth(ctx, holder, PENDLE_DEVNET_MARKETS['PT-rsETH'].market, parseEther('5'));
  await buyPtWithEth(ctx, holder, PENDLE_DEVNET_MARKETS['PT-weETH'].market, parseEther('1'));
});
afterAll(async () => {
  await devnet?.stop();
});

describe('Pendle PTs of LRT markets in the exposure', () => {
  test('PT-rsETH counts by operator and set as the raw-read computation says; PT-weETH is not counted, in words', async () => {
    const s = await refreshPositions({
      transport: http(devnet.rpcUrl, { retryCount: 0 }),
      chain: mainnet,
      accounts: [holder],
      readers: defaultReaders(),
    });
    expect(s.requestCount).toBeLessThanOrEqual(3);
    const blockNumber = s.blockNumber;
    const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
      devnet.ctx.client.readContract({ address, abi: artifact(name).abi, functionName, args, blockNumber }) as Promise<T>;

    const byOperator = new Map<Address, bigint>();
    const bySet = new Map<string, bigint>();
    for (const [lrt, name] of [['rsETH', 'PT-rsETH']] as const) {
      const m = PENDLE_DEVNET_MARKETS[name];
      const pt = await devnet.ctx.client.readContract({
        address: m.pt,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [holder],
        blockNumber,
      });
      expect(pt).toBeGreaterThan(0n);
      const ptRate = await read<bigint>(PENDLE.ptOracle, 'PendlePtOracleDouble', 'getPtToAssetRate', [m.market, 900]);
      const valueEth = (pt * ptRate) / WAD;
      const supply = await read<bigint>(TOKENS[lrt], 'RsETH', 'totalSupply');
      const fairRate = await read<bigint>(PROTOCOL_CONTRACTS.kelpOracle, 'KelpLRTOracle', 'rsETHPrice');
      const tokens = (valueEth * WAD) / fairRate;
      const protocol = await stakerReference(
        devnet.ctx,
        LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt),
        { blockNumber },
      );
      for (const [op, v] of protocol.byOperator) add(byOperator, op, (tokens * v) / supply);
      for (const [k, v] of protocol.bySet) if (v > 0n) add(bySet, k, (tokens * v) / supply);
      const position = s.positions.find((p) => p.family === 'pendle-pt' && p.details.pt === m.pt)!;
      expect(position.fairValueEth).toBe(valueEth);
      expect(position.details).toMatchObject({ lrtExposure: 'known', lrtSymbol: lrt, lrtAmount: String(tokens) });
    }

    const e = snapshotExposure(s);
    expect(e.counted).toBe(1);
    expect(new Map(e.byOperator.map((o) => [o.operator, o.restakedEth]))).toEqual(byOperator);
    expect(new Map(e.bySet.map((x) => [`${x.avs}:${x.id}`, x.lossEth]))).toEqual(bySet);
    const [key, loss] = [...bySet].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0))[0]!;
    expect(`${e.largestSingleSlash!.avs}:${e.largestSingleSlash!.id}`).toBe(key);
    expect(e.largestSingleSlash!.lossEth).toBe(loss);

    expect(e.unknown).toEqual([
      expect.objectContaining({
        label: 'PT-weETH (devnet)',
        reason: expect.stringMatching(/^Ballast has not read the list of EtherFiNodes/),
      }),
    ]);
    for (const u of e.unknown) expect(u.reason).not.toMatch(/\.ts\b|lib\/|\w\(/);
    console.info(
      `PT look-through: largest single slash ${key}: ${loss} wei; by operator ${JSON.stringify([...byOperator].map(([o, v]) => [o, String(v)]))}`,
    );
  });
});
