import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount } from './context';
import { parseSet, slash } from './scenarios';
import { LRT_DEVNET_OPERATORS, LRT_DEVNET_STAKERS } from './seed/lrt';
import { PROTOCOL_CONTRACTS, TOKENS } from '../../lib/restaking/addresses';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore, type Alert } from '../../lib/alerts';
import type { Position } from '../../lib/tracker/types';

/**
 * Issue #15 "Risk truth": the loss the look-through estimates for a held LRT after a devnet slash equals
 * what the LRT's own fair rate shows once the protocol has booked it — rsETH after LRTOracle.updateRSETHPrice
 * (stored rate), ezETH at once (calculateTVLs / supply). The real loss is the holder's value drop,
 * balance × (rate before − rate after), with the rates read raw from the doubles here; the estimate is the
 * alert's lossWei (holder's ETH with the operator × wadSlashed). Both LRTs hold most of their ETH outside
 * EigenLayer (deposit pool / queue): the estimate is balance / supply × protocol loss, so that ETH does not
 * dilute it.
 */
const WAD = 10n ** 18n;
const user: Address = devAccount(2).address;
const anyone: Address = devAccount(7).address;
let devnet: Devnet;
let tracker: ReturnType<typeof createTracker>;
let engine: ReturnType<typeof createAlertsEngine>;

const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
  devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args }) as Promise<T>;
const balanceOf = (token: Address) =>
  devnet.ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [user] });
const supplyOf = (token: Address) => devnet.ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'totalSupply' });
const rsEthRate = () => read<bigint>(PROTOCOL_CONTRACTS.kelpOracle, 'KelpLRTOracle', 'rsETHPrice');
const renzoTvl = async () =>
  (await read<[unknown, unknown, bigint]>(PROTOCOL_CONTRACTS.renzoRestakeManager, 'RenzoRestakeManager', 'calculateTVLs'))[2];
const ezEthRate = async () => ((await renzoTvl()) * WAD) / (await supplyOf(TOKENS.ezETH));
const updateRsEthPrice = () =>
  devnet.ctx.write({ address: PROTOCOL_CONTRACTS.kelpOracle, abi: abi('KelpLRTOracle'), functionName: 'updateRSETHPrice', from: anyone });
/** Σ over the LRT's stakers of their EigenLayer balance, as each staker contract reports it. */
const stakersEth = async (lrt: 'rsETH' | 'ezETH') => {
  let sum = 0n;
  for (const s of LRT_DEVNET_STAKERS.filter((x) => x.lrt === lrt))
    sum += await read<bigint>(s.staker, 'LrtStaker', 'getAssetBalance', [TOKENS.stETH]);
  return sum;
};

async function cycle(): Promise<{ raised: Alert[]; positions: Position[] }> {
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  const result = await engine.evaluate(state.snapshot!);
  return { raised: result.raised, positions: state.snapshot!.positions };
}

const relative = (x: bigint, y: bigint) => Math.abs(Number(x - y)) / Number(y);

beforeAll(async () => {
  devnet = await startDevnet();
  const transport = () => http(devnet.rpcUrl, { retryCount: 0 });
  tracker = createTracker({ chain: mainnet, getTransport: transport, getAccounts: () => [user], store: createMemoryTrackerStore() });
  engine = createAlertsEngine({
    chain: mainnet,
    getTransport: transport,
    store: createMemoryAlertsStore(),
    notify: () => undefined,
    setBadge: () => undefined,
  });
}, 120_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('LRT risk truth: the estimated loss equals what the fair rate shows after the protocol books the slash', () => {
  test('rsETH (stored rate, after updateRSETHPrice) and ezETH (at once) after slash lrt-a avs-x:1 0.5', async () => {
    // Baseline: the stored rsETH price brought up to date (the demo deposits minted at the stored price).
    await updateRsEthPrice();
    const rs0 = await rsEthRate();
    const ez0 = await ezEthRate();
    const tvl0 = {
      rsETH: await read<bigint>(PROTOCOL_CONTRACTS.kelpOracle, 'KelpLRTOracle', 'getTotalETHInProtocol'),
      ezETH: await renzoTvl(),
    };
    const restaked0 = { rsETH: await stakersEth('rsETH'), ezETH: await stakersEth('ezETH') };
    // Most of each LRT's ETH is outside EigenLayer: the case where a per-ETH-of-backing estimate would be wrong.
    expect(restaked0.rsETH * 10n).toBeLessThan(tvl0.rsETH);
    expect(restaked0.ezETH * 10n).toBeLessThan(tvl0.ezETH);
    const baseline = await cycle();
    expect(baseline.raised).toEqual([]);

    const out = (await slash(devnet.ctx, 'lrt-a', '0.5', parseSet('avs-x:1'))) as { wadSlashed: string[] };
    expect(out.wadSlashed).toEqual([String((15n * WAD) / 100n)]);

    // ezETH: calculateTVLs reads the delegators' withdrawable shares, so the rate has moved already.
    const ez1 = await ezEthRate();
    expect(ez1).toBeLessThan(ez0);
    // rsETH: stored, unchanged until the oracle update; then down.
    expect(await rsEthRate()).toBe(rs0);
    const { raised } = await cycle();
    await updateRsEthPrice();
    const rs1 = await rsEthRate();
    expect(rs1).toBeLessThan(rs0);

    // The protocol's ETH fell by exactly what its stakers lost in EigenLayer (the ETH outside is untouched).
    const tvl1 = {
      rsETH: await read<bigint>(PROTOCOL_CONTRACTS.kelpOracle, 'KelpLRTOracle', 'getTotalETHInProtocol'),
      ezETH: await renzoTvl(),
    };
    for (const lrt of ['rsETH', 'ezETH'] as const) expect(tvl0[lrt] - tvl1[lrt]).toBe(restaked0[lrt] - (await stakersEth(lrt)));

    const measured: Record<string, { estimate: bigint; real: bigint; rel: number }> = {};
    for (const [lrt, token, before, after] of [
      ['rsETH', TOKENS.rsETH, rs0, rs1],
      ['ezETH', TOKENS.ezETH, ez0, ez1],
    ] as const) {
      const alert = raised.find((a) => a.data.lrt === lrt && a.id.startsWith('slash-lrt:'));
      expect(alert, `${lrt} slash alert`).toBeDefined();
      expect(alert!.data.operator?.toLowerCase()).toBe(LRT_DEVNET_OPERATORS['lrt-a'].toLowerCase());
      const estimate = BigInt(alert!.data.lossWei!);
      const balance = await balanceOf(token);
      expect(balance).toBeGreaterThan(0n);
      const real = (balance * (before - after)) / WAD;
      const rel = relative(estimate, real);
      measured[lrt] = { estimate, real, rel };
      expect(rel).toBeLessThanOrEqual(1e-9);
    }
    console.info(
      'risk truth',
      Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, { estimate: String(v.estimate), real: String(v.real), rel: v.rel }])),
    );
  });
});
