import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact } from './context';
import { expectLookThroughEquals, stakerReference, type StakerReference } from './lookthrough-reference';
import { LRT_DEVNET_AVS, LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS, type LrtDevnetStaker } from './seed/lrt';
import { list, parseOperator, parseSet, ScenarioInputError, slash } from './scenarios';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { countingTransport, createRequestCounter } from '../../lib/tracker/counting-transport';
import { readLrtLookThrough, type LrtLookThroughView } from '../../lib/tracker/lookthrough/read-lookthrough';

/**
 * The look-through reader against the devnet doubles: every figure is recomputed here from raw double
 * state with the doubles' own ABIs (contracts/out), staker by staker from the seed's list, not from the
 * reader's discovery, with the reference §6 formula written out: at risk in a set = value × mag / max.
 */
let devnet: Devnet;
const WAD = 10n ** 18n;
const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;

type Expected = StakerReference & { supply: bigint; fairRate: bigint };

/** From raw state: each staker's withdrawable stETH-strategy shares → stETH (pegged 1:1 ETH), its operator's magnitudes. */
async function independent(lrt: Exclude<LrtDevnetStaker['lrt'], 'weETH' | 'rswETH'>): Promise<Expected> {
  const token = { rsETH: TOKENS.rsETH, ezETH: TOKENS.ezETH, pufETH: TOKENS.pufETH }[lrt];
  const supply = await read<bigint>(token, 'RsETH', 'totalSupply');
  let fairRate: bigint;
  if (lrt === 'rsETH') fairRate = await read<bigint>(PROTOCOL_CONTRACTS.kelpOracle, 'KelpLRTOracle', 'rsETHPrice');
  else if (lrt === 'ezETH') {
    const [, , tvl] = await read<[unknown, unknown, bigint]>(
      PROTOCOL_CONTRACTS.renzoRestakeManager,
      'RenzoRestakeManager',
      'calculateTVLs',
    );
    fairRate = (tvl * WAD) / supply;
  } else fairRate = await read<bigint>(TOKENS.pufETH, 'PufferVault', 'convertToAssets', [WAD]);
  return {
    supply,
    fairRate,
    ...(await stakerReference(
      devnet.ctx,
      LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt),
    )),
  };
}

function compare(given: LrtLookThroughView | undefined, want: Expected) {
  const view = expectLookThroughEquals(given, want);
  if (!view) return;
  const sets = new Map([...want.bySet].filter(([, v]) => v > 0n));
  expect(new Map(view.exposure.bySet.map((s) => [`${s.avs}:${s.id}`, s.atRiskEth]))).toEqual(sets);
  const total = [...want.byOperator.values()].reduce((x, y) => x + y, 0n);
  const hhi = [...want.byOperator.values()].reduce((x, v) => x + (Number(v) / Number(total)) ** 2, 0);
  expect(view.exposure.hhi).toBeCloseTo(hhi, 9);
  const worst = Math.max(...[...sets.values()].map(Number));
  expect(Number(view.exposure.worstSet!.atRiskEth)).toBe(worst);
  const backing = (want.supply * want.fairRate) / WAD;
  expect(view.exposure.backingEth).toBe(backing);
  expect(Number(view.exposure.worstSet!.shareOfBackingWad) / 1e18).toBeCloseTo(worst / Number(backing), 9);
}

const lookThrough = async () => {
  const counter = createRequestCounter();
  const client = createClient({ chain: mainnet, transport: countingTransport(http(devnet.rpcUrl, { retryCount: 0 }), counter) });
  const r = await readLrtLookThrough(client);
  return { ...r, requests: counter.count, of: (s: string) => r.lrts.find((l) => l.symbol === s) };
};

beforeAll(async () => {
  devnet = await startDevnet();
});
afterAll(async () => {
  await devnet?.stop();
});

describe('LRT look-through on the devnet doubles', () => {
  test('finds the stakers on chain and every figure equals the independent computation; 3 requests', async () => {
    const r = await lookThrough();
    expect(r.rounds).toBe(3);
    expect(r.requests).toBe(3);
    for (const lrt of ['rsETH', 'ezETH', 'pufETH'] as const) compare(r.of(lrt), await independent(lrt));
    // lrt-a is shared by Kelp and Renzo; Kelp's stake (3000 of 5000 ETH) makes it rsETH's top operator.
    const rs = r.of('rsETH');
    const ez = r.of('ezETH');
    if (rs?.status !== 'known' || ez?.status !== 'known') throw new Error('expected known');
    expect(rs.exposure.topOperator?.operator).toBe(LRT_DEVNET_OPERATORS['lrt-a']);
    expect(ez.exposure.byOperator.map((o) => o.operator)).toContain(LRT_DEVNET_OPERATORS['lrt-a']);
    expect(Number(rs.exposure.topOperator!.shareWad) / 1e18).toBeCloseTo(0.6, 6);
    // Swell's StakerProxies come from a walk of rswETH's registries this call was not given (swell-lookthrough.test.ts).
    expect(r.of('rswETH')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/not walked yet/) });
    // ether.fi's nodes come from a log scan this call was not given (etherfi-lookthrough.test.ts reads them).
    expect(r.of('weETH')).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/not scanned yet/) });
  });

  test('a scenario slash of lrt-a in avs-x:1 moves both LRTs that use it, as the math says', async () => {
    const before = await lookThrough();
    const out = await slash(devnet.ctx, 'lrt-a', '0.5', { avs: LRT_DEVNET_AVS['avs-x'], id: 1 });
    // 30 % allocation, half slashed: 15 % of lrt-a's whole stETH stake is gone (wadSlashed = 0.15).
    expect(out.wadSlashed).toEqual([((15n * WAD) / 100n).toString()]);
    const after = await lookThrough();
    for (const lrt of ['rsETH', 'ezETH', 'pufETH'] as const) compare(after.of(lrt), await independent(lrt));
    const viaA = (v: LrtLookThroughView | undefined) =>
      v?.status === 'known' ? (v.exposure.byOperator.find((o) => o.operator === LRT_DEVNET_OPERATORS['lrt-a'])?.restakedEth ?? 0n) : -1n;
    for (const lrt of ['rsETH', 'ezETH']) {
      const lost = Number(viaA(before.of(lrt)) - viaA(after.of(lrt)));
      expect(lost / Number(viaA(before.of(lrt)))).toBeCloseTo(0.15, 9);
    }
    // pufETH has no stake with lrt-a: nothing moves.
    expect(after.of('pufETH')).toEqual({ ...before.of('pufETH') });
    // Kelp's (avs-x, 1) risk from lrt-a: value × 0.3 before; (value × 0.85) × 0.15/0.85 = value × 0.15 after.
    const set = (v: LrtLookThroughView | undefined) =>
      v?.status === 'known' ? v.exposure.bySet.find((s) => s.avs === LRT_DEVNET_AVS['avs-x'] && s.id === 1)!.atRiskEth : -1n;
    const kelpA = 3000n * WAD;
    const kelpB = 2000n * WAD; // lrt-b: 50 % to (avs-x, 1), untouched
    expect(Number(set(before.of('rsETH')))).toBeCloseTo(Number((kelpA * 30n) / 100n + (kelpB * 50n) / 100n), -6);
    expect(Number(set(after.of('rsETH')))).toBeCloseTo(Number((kelpA * 15n) / 100n + (kelpB * 50n) / 100n), -6);
  });

  test('the scenario CLI lists the operators, their sets and the LRT stakers', () => {
    const l = list() as { operators: { name: string; sets: string[]; lrtStakers: string[] }[] };
    const a = l.operators.find((o) => o.name === 'lrt-a')!;
    expect(a.sets).toEqual(['avs-x:1 (30 %)', 'avs-x:2 (20 %)', 'avs-y:1 (25 %)']);
    expect(a.lrtStakers.map((s) => s.split(' ')[0])).toEqual(['rsETH', 'ezETH']);
    expect(parseOperator('lrt-c')).toBe(LRT_DEVNET_OPERATORS['lrt-c']);
    expect(parseSet('avs-y:1')).toEqual({ avs: LRT_DEVNET_AVS['avs-y'], id: 1 });
    expect(() => parseSet('avs-z:1')).toThrow(ScenarioInputError);
    expect(() => parseOperator('nobody')).toThrow(/lrt-a/);
  });
});
