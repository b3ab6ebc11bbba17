import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createClient, encodeFunctionData, erc20Abi, http, multicall3Abi, parseEther, type Address } from 'viem';
import { mainnet } from 'viem/chains';
import { MULTICALL3, TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS } from '../../lib/restaking/symbiotic-registry';
import { refreshPositions } from '../../lib/tracker/refresh';
import {
  symbioticOperatorsOf,
  updateSymbioticOperatorScans,
  type SymbioticOperatorLists,
} from '../../lib/tracker/lookthrough/symbiotic-operators';
import { defaultReaders } from '../../lib/tracker/readers';
import type { PositionReader } from '../../lib/tracker/readers';
import { snapshotExposure } from '../../lib/tracker/exposure-holdings';
import { buildPreview } from '../../lib/preview';
import { chunkReads, DEFAULT_READ_GAS } from '../../lib/tracker/batch-reads';
import { rateBookCalls } from '../../lib/tracker/rates';
import type { Position, ReadCall, TrackerSnapshot } from '../../lib/tracker/types';
import { artifact, devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { acquireToken } from './seed/acquire';
import { depositToMellow, devnetSubnetwork, setNetworkLimit } from './seed/symbiotic';
import { parseNetwork, parseSymbioticVault, symbioticSlash } from './scenarios';

/**
 * Mellow LRTs as tracked holdings (issue #15, Symbiotic side) on the devnet with the Symbiotic / Mellow doubles:
 * balances, value at the LRT's own convertToAssets, and the look-through LRT → Symbiotic vault → network. Every
 * expected figure is computed here from raw reads of the doubles at the snapshot's block (the doubles' own ABIs,
 * the subnetwork id and the min(activeStake, networkLimit) rule written out), not by lib/tracker.
 */
let devnet: Devnet;
const WAD = 10n ** 18n;
const holder = devAccount(5).address;
const other = devAccount(6).address;
const direct = devAccount(7).address;
const pz = MELLOW_LRTS.find((l) => l.symbol === 'pzETH')!;
const re7 = MELLOW_LRTS.find((l) => l.symbol === 'Re7LRT')!;
const net = (name: string) => SYMBIOTIC_NETWORKS.find((n) => n.name === name)!.address;
const abi = (name: string) => artifact(name).abi;

/** The operators behind the Mellow LRTs' vaults, scanned once the limits are set (beside the refresh, as the tracker does). */
let symbioticOperators: SymbioticOperatorLists | undefined;
const refresh = (accounts: Address[] = [holder, other], readers: PositionReader[] = defaultReaders()): Promise<TrackerSnapshot> =>
  refreshPositions({
    transport: http(devnet.rpcUrl, { retryCount: 0 }),
    chain: mainnet,
    accounts,
    readers,
    ...(symbioticOperators ? { symbioticOperators } : {}),
  });

const mellowOf = (s: TrackerSnapshot, account: Address, symbol: string): Position | undefined =>
  s.positions.find((p) => p.family === 'mellow-lrt' && p.account === account && p.asset === symbol);

/** What the test expects for one LRT and one holder, from raw reads at `blockNumber`. */
async function independent(lrt: (typeof MELLOW_LRTS)[number], account: Address, blockNumber: bigint) {
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args, blockNumber }) as Promise<T>;
  const balance = await devnet.ctx.client.readContract({
    address: lrt.address,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
    blockNumber,
  });
  const supply = await devnet.ctx.client.readContract({ address: lrt.address, abi: erc20Abi, functionName: 'totalSupply', blockNumber });
  const vault = lrt.symbioticVault;
  const lrtActive = await read<bigint>(vault, 'SymbioticVault', 'activeBalanceOf', [lrt.address]);
  const activeStake = await read<bigint>(vault, 'SymbioticVault', 'activeStake');
  const idle = await devnet.ctx.client.readContract({
    address: TOKENS.wstETH,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [lrt.address],
    blockNumber,
  });
  // simple-lrt's totalAssets: idle wstETH + the active balance in the Symbiotic vault; ERC-4626 with offset 0.
  const totalAssets = idle + lrtActive;
  const assetsPerShare = (WAD * (totalAssets + 1n)) / (supply + 1n);
  // wstETH's fair rate: stETH per wstETH share (the stETH double's getPooledEthByShares).
  const wstRate = await read<bigint>(TOKENS.stETH, 'StETH', 'getPooledEthByShares', [WAD]);
  const delegator = await read<Address>(vault, 'SymbioticVault', 'delegator');
  const networks: { network: Address; lrtAtRisk: bigint; atRiskEth: bigint }[] = [];
  for (const n of SYMBIOTIC_NETWORKS) {
    const limit = await read<bigint>(delegator, 'SymbioticDelegator', 'networkLimit', [devnetSubnetwork(n.address)]);
    if (limit === 0n) continue;
    const stake = limit < activeStake ? limit : activeStake;
    const lrtAtRisk = (stake * lrtActive) / activeStake;
    networks.push({ network: n.address, lrtAtRisk, atRiskEth: (lrtAtRisk * wstRate) / WAD });
  }
  const worst = networks.reduce((a, b) => (b.lrtAtRisk > a.lrtAtRisk ? b : a));
  return {
    balance,
    supply,
    lrtActive,
    activeStake,
    totalAssets,
    assetsPerShare,
    wstRate,
    fairValueEth: (balance * ((assetsPerShare * wstRate) / WAD)) / WAD,
    networks,
    worst,
    worstShareOfBacking: Number(worst.lrtAtRisk) / Number(totalAssets),
    holderWorstEth: (worst.atRiskEth * balance) / supply,
    holderPerNetwork: new Map(networks.map((n) => [n.network, (n.atRiskEth * balance) / supply])),
  };
}

beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: true });
  const { ctx } = devnet;
  // A staker of the pzETH vault itself, so the LRT is only part of the vault's stake.
  const wst = await acquireToken(ctx, 'wstETH', direct, parseEther('20'));
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'approve', args: [pz.symbioticVault, wst], from: direct });
  await ctx.write({ address: pz.symbioticVault, abi: abi('SymbioticVault'), functionName: 'deposit', args: [direct, wst], from: direct });
  await depositToMellow(ctx, pz.address, holder, parseEther('10'));
  await depositToMellow(ctx, pz.address, other, parseEther('30'));
  await depositToMellow(ctx, re7.address, holder, parseEther('4'));
  const stake = await ctx.client.readContract({ address: pz.symbioticVault, abi: abi('SymbioticVault'), functionName: 'activeStake' });
  // Three networks on pzETH's vault: one above the whole stake (capped at it), one at 60 %, one at 10 %; one on Re7LRT's.
  await setNetworkLimit(ctx, pz.symbioticVault, net('Spark'), ((stake as bigint) * 6n) / 10n);
  await setNetworkLimit(ctx, pz.symbioticVault, net('Hyperlane'), (stake as bigint) * 2n);
  await setNetworkLimit(ctx, pz.symbioticVault, net('K3'), (stake as bigint) / 10n);
  await setNetworkLimit(ctx, re7.symbioticVault, net('Symbiosis'), parseEther('1'));
  const scans = await updateSymbioticOperatorScans(createClient({ chain: mainnet, transport: http(devnet.rpcUrl, { retryCount: 0 }) }), {
    vaults: MELLOW_LRTS.map((l) => l.symbioticVault),
    chainId: 1,
    scans: {},
  });
  symbioticOperators = symbioticOperatorsOf(scans);
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('Mellow LRT holdings', () => {
  test('balance, fair value at convertToAssets × wstETH, and the look-through by network equal raw reads', async () => {
    const s = await refresh();
    for (const [lrt, account] of [
      [pz, holder],
      [pz, other],
      [re7, holder],
    ] as const) {
      const want = await independent(lrt, account, s.blockNumber);
      const p = mellowOf(s, account, lrt.symbol)!;
      expect(p, `${lrt.symbol} of ${account}`).toMatchObject({ status: 'ok', amount: want.balance, fairValueEth: want.fairValueEth });
      expect(BigInt(p.details.lrtAssetsPerShare!)).toBe(want.assetsPerShare);
      expect(BigInt(p.details.lrtTotalAssets!)).toBe(want.totalAssets);
      expect(BigInt(p.details.lrtActiveBalance!)).toBe(want.lrtActive);
      expect(BigInt(p.details.vaultActiveStake!)).toBe(want.activeStake);
      expect(p.details.symbioticVault).toBe(lrt.symbioticVault);
      // Per network: the holder's part of what a full slash of that network takes from the LRT.
      expect(p.slashing?.method).toBe('mellow-share');
      expect(new Map(p.slashing!.perNetwork!.map((n) => [n.network, n.atRiskEth]))).toEqual(want.holderPerNetwork);
      expect(p.details.lrtWorstNetwork).toBe(want.worst.network);
      expect(BigInt(p.details.lrtWorstSetLossEth!)).toBe(want.worst.atRiskEth);
      expect(BigInt(p.details.lrtHolderWorstSetLossEth!)).toBe(want.holderWorstEth);
      const share = Number(BigInt(p.details.lrtWorstSetShareOfBackingWad!)) / 1e18;
      expect(Math.abs(share - want.worstShareOfBacking) / want.worstShareOfBacking).toBeLessThan(1e-9);
      expect(p.details.lrtRateShowsSlash).toMatch(/^at-once: /);
    }
    // pzETH: Hyperlane's limit is above the stake, so it can take the LRT's whole active balance.
    const pzWant = await independent(pz, holder, s.blockNumber);
    expect(pzWant.worst.network).toBe(net('Hyperlane'));
    expect(pzWant.worst.lrtAtRisk).toBe(pzWant.lrtActive);
    // The token list carries each Mellow LRT's rate and look-through (for previews), even where nobody holds it.
    const token = s.tokens.find((t) => t.symbol === 'pzETH');
    expect(token?.fairRate).toBe((pzWant.assetsPerShare * pzWant.wstRate) / WAD);
    expect(token?.lookThrough).toMatchObject({ status: 'known', supply: pzWant.supply });
    expect(s.tokens.find((t) => t.symbol === 'coETH')?.lookThrough?.status).toBe('known');
  });

  test('portfolio exposure: ETH at risk by Symbiotic network and the largest network slash equal raw reads', async () => {
    const s = await refresh();
    const e = snapshotExposure(s, holder);
    const pzWant = await independent(pz, holder, s.blockNumber);
    const reWant = await independent(re7, holder, s.blockNumber);
    const byNetwork = new Map<Address, bigint>();
    for (const w of [pzWant, reWant]) for (const [n, v] of w.holderPerNetwork) byNetwork.set(n, (byNetwork.get(n) ?? 0n) + v);
    expect(new Map(e.byNetwork.map((n) => [n.network, n.lossEth]))).toEqual(byNetwork);
    const top = [...byNetwork.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(e.largestNetworkSlash).toMatchObject({ network: top[0], lossEth: top[1] });
  });

  test('preview: a pzETH deposit shows the largest Symbiotic network slash before → after, equal to raw reads', async () => {
    const { ctx } = devnet;
    const assets = await acquireToken(ctx, 'wstETH', holder, parseEther('5'));
    await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'approve', args: [pz.address, assets], from: holder });
    const s = await refresh([holder]);
    const exposure = snapshotExposure(s, holder);
    const data = encodeFunctionData({ abi: abi('MellowSymbioticVault'), functionName: 'deposit', args: [assets, holder] });
    const preview = await buildPreview(
      { client: ctx.client, chainId: 1, now: Date.now, exposure },
      { kind: 'transaction', tx: { from: holder, to: pz.address, value: 0n, data } },
    );
    const fact = preview.facts.mellowNetworks?.[0];
    expect(fact, JSON.stringify(preview.notChecked)).toBeDefined();
    // Independent: shares minted by the simulation = the LRT's convertToShares at the latest block (raw read).
    const minted = BigInt(preview.balanceChanges.find((c) => c.symbol === 'pzETH')!.delta);
    expect(minted).toBe(
      await ctx.client.readContract({
        address: pz.address,
        abi: abi('MellowSymbioticVault'),
        functionName: 'convertToShares',
        args: [assets],
      }),
    );
    const pzWant = await independent(pz, holder, s.blockNumber);
    const reWant = await independent(re7, holder, s.blockNumber);
    const before = new Map<Address, bigint>();
    for (const w of [pzWant, reWant]) for (const [n, v] of w.holderPerNetwork) before.set(n, (before.get(n) ?? 0n) + v);
    const after = new Map(before);
    for (const n of pzWant.networks) after.set(n.network, (after.get(n.network) ?? 0n) + (minted * n.atRiskEth) / pzWant.supply);
    const [top, topAfter] = [...after].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(fact).toMatchObject({
      network: top,
      beforeEth: String(before.get(top)),
      afterEth: String(topAfter),
      block: String(s.blockNumber),
    });
    const flag = preview.flags.find((f) => f.id === 'lrt.symbiotic-network')!;
    expect(flag.title).toMatch(/^After this, a full slash by Symbiotic network Hyperlane would cost this account /);
    console.info(`mellow preview: deposit ${assets} wstETH → ${minted} pzETH; "${flag.title}"`);
  });

  test('after a Symbiotic slash, the estimate matches what the LRT rate shows at once', async () => {
    const before = await refresh();
    const p = mellowOf(before, holder, 'pzETH')!;
    const want = await independent(pz, holder, before.blockNumber);
    const spark = want.networks.find((n) => n.network === net('Spark'))!;
    const sparkStake = (want.activeStake * 6n) / 10n;
    // The scenario CLI's symbiotic-slash: Spark slashes all of its stake in the vault.
    const result = (await symbioticSlash(devnet.ctx, parseSymbioticVault('pzETH'), parseNetwork('Spark'), '1')) as { slashed: string };
    // The vault loses exactly the network's stake (no pending withdrawals: all of it from active stake).
    expect(BigInt(result.slashed)).toBe(sparkStake);
    const after = await refresh();
    const q = mellowOf(after, holder, 'pzETH')!;
    const lrtActiveAfter = BigInt(q.details.lrtActiveBalance!);
    // The LRT's active balance fell by its part of the slash (vault share math rounds: within 2 wei).
    const fell = want.lrtActive - lrtActiveAfter;
    expect(fell - spark.lrtAtRisk <= 2n && spark.lrtAtRisk - fell <= 2n).toBe(true);
    // The holder's value fell by the estimate for a full Spark slash: balance / supply × the LRT's loss (1e-9).
    const estimate = p.slashing!.perNetwork!.find((n) => n.network === net('Spark'))!.atRiskEth;
    const lost = p.fairValueEth! - q.fairValueEth!;
    expect(q.amount).toBe(p.amount);
    expect(Math.abs(Number(lost - estimate)) / Number(estimate)).toBeLessThan(1e-9);
    console.info(`mellow slash: estimate ${estimate} wei, rate shows ${lost} wei`);
  });
});

describe('refresh cost', () => {
  test('10 accounts with Mellow holdings: ≤ 3 JSON-RPC requests; each phase one aggregate3 under 30M gas', async () => {
    const ten = [holder, other, ...Array.from({ length: 8 }, (_, i) => devAccount(10 + i).address)];
    // Every call of each phase, deduplicated by key as the engine does; phase 1 also carries the block/time/chain reads.
    const phases = {
      phase1: new Map<string, ReadCall>(rateBookCalls().map((c) => [c.key, c])),
      phase2: new Map<string, ReadCall>(),
      phase3: new Map<string, ReadCall>(),
    };
    const keep = (phase: keyof typeof phases, calls: ReadCall[]) => {
      for (const c of calls) phases[phase].set(c.key, c);
      return calls;
    };
    const readers = defaultReaders().map((r): PositionReader => ({
      ...r,
      phase1: (ctx) => keep('phase1', r.phase1(ctx)),
      ...(r.phase2 ? { phase2: (ctx, reads, rates) => keep('phase2', r.phase2!(ctx, reads, rates)) } : {}),
      ...(r.phase3 ? { phase3: (ctx, reads, rates) => keep('phase3', r.phase3!(ctx, reads, rates)) } : {}),
    }));
    const s = await refresh(ten, readers);
    const report: string[] = [];
    for (const [name, calls] of Object.entries(phases)) {
      const list = [...calls.values()];
      const budget =
        list.reduce((t, c) => t + (c.gas ?? DEFAULT_READ_GAS), 0n) + (name === 'phase1' ? 3n * DEFAULT_READ_GAS : DEFAULT_READ_GAS);
      // What the devnet's EVM charges for the same aggregate3 (the doubles are cheaper than mainnet's contracts).
      const data = encodeFunctionData({
        abi: multicall3Abi,
        functionName: 'aggregate3',
        args: [
          list.map((c) => ({
            target: c.address,
            allowFailure: true,
            callData: encodeFunctionData({ abi: c.abi, functionName: c.functionName, args: c.args ?? [] }),
          })),
        ],
      });
      const used = await devnet.ctx.client.estimateGas({ to: MULTICALL3, data, blockNumber: s.blockNumber });
      report.push(`${name} ${list.length} calls, budget ${budget}, devnet gas ${used}`);
      expect(chunkReads(list).length, name).toBe(1);
      expect(budget, name).toBeLessThanOrEqual(30_000_000n);
    }
    const mellow = [...phases.phase2.values(), ...phases.phase3.values()].filter((c) => c.key.startsWith('mellow:'));
    report.push(`mellow reads ${mellow.length}, budget ${mellow.reduce((t, c) => t + (c.gas ?? DEFAULT_READ_GAS), 0n)}`);
    console.info(`mellow tracker: 10-account refresh ${s.requestCount} requests; ${report.join('; ')}`);
    expect(mellowOf(s, holder, 'pzETH')?.status).toBe('ok');
    // The operator split rides in phase 3 with the network limits: stake(subnetwork, operator) per scanned pair.
    expect(mellowOf(s, holder, 'pzETH')?.details.lrtOperatorSplit).toBe('known');
    expect([...phases.phase3.values()].filter((c) => c.key.startsWith('mellow:stake:')).length).toBe(4 * 3);
    expect(s.requestCount).toBeLessThanOrEqual(3);
  });
});
