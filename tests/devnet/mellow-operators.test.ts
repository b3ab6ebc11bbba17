import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createClient, encodeFunctionData, erc20Abi, http, parseEther, type Address, type Hex } from 'viem';
import { buildPreview } from '../../lib/preview';
import { mainnet } from 'viem/chains';
import { TOKENS } from '../../lib/restaking/addresses';
import { MELLOW_LRTS, SYMBIOTIC_NETWORKS } from '../../lib/restaking/symbiotic-registry';
import { snapshotExposure } from '../../lib/tracker/exposure-holdings';
import { symbioticOperatorsOf, updateSymbioticOperatorScans } from '../../lib/tracker/lookthrough/symbiotic-operators';
import { defaultReaders } from '../../lib/tracker/readers';
import { refreshPositions } from '../../lib/tracker/refresh';
import type { Position, TrackerSnapshot } from '../../lib/tracker/types';
import { artifact, devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { acquireToken } from './seed/acquire';
import { depositToMellow, devnetSubnetwork, setNetworkLimit, SYMBIOTIC_DEVNET_OPERATORS } from './seed/symbiotic';
import { parseNetwork, parseSymbioticVault, symbioticSlash } from './scenarios';

/**
 * A Mellow LRT's restaked ETH by operator (issue #15) on the Symbiotic doubles: the refresh's split (delegator
 * stake(subnetwork, operator) for the pairs its events announced) against the test's own arithmetic from raw reads —
 * each operator's shares, the total shares, the network limit, the vault's active stake and the LRT's active balance
 * (NetworkRestakeDelegator's formula written out here) — to the wei; top share and HHI to 1e-9 relative.
 */
let devnet: Devnet;
let clean: Hex;
const WAD = 10n ** 18n;
const holder = devAccount(5).address;
const other = devAccount(6).address;
const direct = devAccount(7).address;
const pz = MELLOW_LRTS.find((l) => l.symbol === 'pzETH')!;
const net = (name: string) => SYMBIOTIC_NETWORKS.find((n) => n.name === name)!.address;
const abi = (name: string) => artifact(name).abi;
const rpc = () => http(devnet.rpcUrl, { retryCount: 0 });

async function operators() {
  const client = createClient({ chain: mainnet, transport: rpc() });
  const scans = await updateSymbioticOperatorScans(client, { vaults: MELLOW_LRTS.map((l) => l.symbioticVault), chainId: 1, scans: {} });
  return symbioticOperatorsOf(scans);
}
const refresh = async (withOperators = true): Promise<TrackerSnapshot> =>
  refreshPositions({
    transport: rpc(),
    chain: mainnet,
    accounts: [holder, other],
    readers: defaultReaders(),
    ...(withOperators ? { symbioticOperators: await operators() } : {}),
  });
const mellowOf = (s: TrackerSnapshot, account: Address): Position =>
  s.positions.find((p) => p.family === 'mellow-lrt' && p.account === account && p.asset === 'pzETH')!;

/** The split the test expects at `blockNumber`, from raw reads and its own arithmetic. */
async function independent(blockNumber: bigint) {
  const read = <T>(address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    devnet.ctx.client.readContract({ address, abi: abi(name), functionName, args, blockNumber }) as Promise<T>;
  const vault = pz.symbioticVault;
  const activeStake = await read<bigint>(vault, 'SymbioticVault', 'activeStake');
  const lrtActive = await read<bigint>(vault, 'SymbioticVault', 'activeBalanceOf', [pz.address]);
  const wstRate = await read<bigint>(TOKENS.stETH, 'StETH', 'getPooledEthByShares', [WAD]);
  const delegator = await read<Address>(vault, 'SymbioticVault', 'delegator');
  const supply = await devnet.ctx.client.readContract({ address: pz.address, abi: erc20Abi, functionName: 'totalSupply', blockNumber });
  const balance = await devnet.ctx.client.readContract({
    address: pz.address,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [holder],
    blockNumber,
  });
  const wst = new Map<Address, bigint>();
  const stakes: { network: Address; operator: Address; stake: bigint }[] = [];
  for (const n of SYMBIOTIC_NETWORKS) {
    const sub = devnetSubnetwork(n.address);
    const limit = await read<bigint>(delegator, 'SymbioticDelegator', 'networkLimit', [sub]);
    const total = await read<bigint>(delegator, 'SymbioticDelegator', 'totalOperatorNetworkShares', [sub]);
    if (limit === 0n || total === 0n) continue;
    for (const operator of Object.values(SYMBIOTIC_DEVNET_OPERATORS)) {
      const shares = await read<bigint>(delegator, 'SymbioticDelegator', 'operatorNetworkShares', [sub, operator]);
      // NetworkRestakeDelegator: shares × min(activeStake, networkLimit) / total shares, floor.
      const stake = (shares * (activeStake < limit ? activeStake : limit)) / total;
      if (stake === 0n) continue;
      stakes.push({ network: n.address, operator, stake });
      wst.set(operator, (wst.get(operator) ?? 0n) + (stake * lrtActive) / activeStake);
    }
  }
  const eth = new Map([...wst].map(([o, w]) => [o, ((w < lrtActive ? w : lrtActive) * wstRate) / WAD]));
  const total = [...eth.values()].reduce((a, b) => a + b, 0n);
  const top = [...eth].reduce((a, b) => (b[1] > a[1] ? b : a));
  const hhi = [...eth.values()].reduce((h, e) => h + (Number(e) / Number(total)) ** 2, 0);
  const holderEth = new Map([...eth].map(([o, e]) => [o, (e * balance) / supply]));
  return { eth, top: { operator: top[0], share: Number(top[1]) / Number(total) }, hhi, holderEth, stakes, activeStake };
}

const byOperator = (rows: readonly { operator: Address; restakedEth: bigint }[] | undefined) =>
  new Map((rows ?? []).map((r) => [r.operator, r.restakedEth]));
const near = (got: number, want: number) => Math.abs(got - want) / want;

beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: true });
  const { ctx } = devnet;
  const wst = await acquireToken(ctx, 'wstETH', direct, parseEther('20'));
  await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'approve', args: [pz.symbioticVault, wst], from: direct });
  await ctx.write({ address: pz.symbioticVault, abi: abi('SymbioticVault'), functionName: 'deposit', args: [direct, wst], from: direct });
  await depositToMellow(ctx, pz.address, holder, parseEther('10'));
  await depositToMellow(ctx, pz.address, other, parseEther('30'));
  // rsETH restakes through EigenLayer operator lrt-a too (seed/lrt.ts), which also runs a Symbiotic operator here.
  await acquireToken(ctx, 'rsETH', holder, parseEther('3'));
  const stake = (await ctx.client.readContract({
    address: pz.symbioticVault,
    abi: abi('SymbioticVault'),
    functionName: 'activeStake',
  })) as bigint;
  // Spark at 60 % of the stake, Hyperlane above it (capped at the stake), K3 at 10 %: each split among three operators.
  await setNetworkLimit(ctx, pz.symbioticVault, net('Spark'), (stake * 6n) / 10n);
  await setNetworkLimit(ctx, pz.symbioticVault, net('Hyperlane'), stake * 2n);
  await setNetworkLimit(ctx, pz.symbioticVault, net('K3'), stake / 10n);
  clean = (await ctx.client.request({ method: 'evm_snapshot' } as never)) as Hex;
}, 240_000);
beforeEach(async () => {
  await devnet.ctx.client.request({ method: 'evm_revert', params: [clean] } as never);
  clean = (await devnet.ctx.client.request({ method: 'evm_snapshot' } as never)) as Hex;
});
afterAll(async () => {
  await devnet?.stop();
});

describe('Mellow LRT by operator', () => {
  test('restaked ETH per operator to the wei, top share and HHI to 1e-9, from raw delegator and vault reads', async () => {
    const s = await refresh();
    const want = await independent(s.blockNumber);
    expect(want.eth.size).toBe(3);
    const token = s.tokens.find((t) => t.symbol === 'pzETH')!.lookThrough!;
    expect(token.status).toBe('known');
    expect(token.status === 'known' && byOperator(token.byOperator)).toEqual(want.eth);
    const p = mellowOf(s, holder);
    expect(p.details.lrtOperatorSplit).toBe('known');
    expect(byOperator(p.slashing?.perOperator)).toEqual(want.holderEth);
    expect(p.details.lrtOperators).toBe('3');
    expect(p.details.lrtTopOperator).toBe(want.top.operator);
    expect(near(Number(BigInt(p.details.lrtTopOperatorShareWad!)) / 1e18, want.top.share)).toBeLessThan(1e-9);
    expect(near(Number(p.details.lrtHhi), want.hhi)).toBeLessThan(1e-9);
    console.info(`mellow operators: top ${want.top.operator} ${want.top.share}, HHI ${want.hhi}; ${[...want.eth.values()].join(', ')} wei`);
  });

  test('after symbiotic-slash of one operator in Spark, the split moves as computed from raw reads', async () => {
    const before = await refresh();
    const was = await independent(before.blockNumber);
    const victim = SYMBIOTIC_DEVNET_OPERATORS['sym-b'];
    const victimStake = was.stakes.find((x) => x.network === net('Spark') && x.operator === victim)!.stake;
    const r = (await symbioticSlash(devnet.ctx, parseSymbioticVault('pzETH'), parseNetwork('Spark'), '1', victim)) as { slashed: string };
    // The slasher caps at the operator's stake (the test's formula), and the vault loses that much.
    expect(BigInt(r.slashed)).toBe(victimStake);
    const after = await refresh();
    const now = await independent(after.blockNumber);
    expect(now.activeStake).toBe(was.activeStake - victimStake);
    expect(now.eth).not.toEqual(was.eth);
    const token = after.tokens.find((t) => t.symbol === 'pzETH')!.lookThrough!;
    expect(token.status === 'known' && byOperator(token.byOperator)).toEqual(now.eth);
    const p = mellowOf(after, holder);
    expect(byOperator(p.slashing?.perOperator)).toEqual(now.holderEth);
    expect(p.details.lrtTopOperator).toBe(now.top.operator);
    expect(near(Number(BigInt(p.details.lrtTopOperatorShareWad!)) / 1e18, now.top.share)).toBeLessThan(1e-9);
    expect(near(Number(p.details.lrtHhi), now.hhi)).toBeLessThan(1e-9);
  });

  test('portfolio exposure by operator adds Mellow operators to EigenLayer ones; without a scan they are unknown with the reason', async () => {
    const s = await refresh();
    const want = await independent(s.blockNumber);
    const e = snapshotExposure(s, holder);
    const rs = s.positions.find((p) => p.account === holder && p.family === 'token' && p.asset === 'rsETH')!;
    const rsParts = byOperator(rs.slashing?.perOperator);
    const lrtA = SYMBIOTIC_DEVNET_OPERATORS['lrt-a'];
    expect(rsParts.get(lrtA)).toBeGreaterThan(0n);
    const got = byOperator(e.byOperator);
    // lrt-a: the rsETH part (EigenLayer look-through) plus the pzETH part (the test's own Symbiotic arithmetic).
    expect(got.get(lrtA)).toBe(rsParts.get(lrtA)! + want.holderEth.get(lrtA)!);
    for (const o of ['sym-b', 'sym-c'] as const)
      expect(got.get(SYMBIOTIC_DEVNET_OPERATORS[o])).toBe(want.holderEth.get(SYMBIOTIC_DEVNET_OPERATORS[o]));
    expect(e.byOperator.find((o) => o.operator === lrtA)?.holdings).toEqual(expect.arrayContaining(['rsETH', 'pzETH (Mellow)']));

    const blind = await refresh(false);
    const q = mellowOf(blind, holder);
    expect(q.details.lrtExposure).toBe('known');
    expect(q.details.lrtOperatorSplit).toBe('unknown');
    expect(q.details.lrtOperatorSplitReason).toMatch(/no operator scan of Symbiotic vault/);
    const u = snapshotExposure(blind, holder);
    expect(u.unknown).toContainEqual(
      expect.objectContaining({ label: 'pzETH (Mellow), by operator', reason: q.details.lrtOperatorSplitWhy }),
    );
    expect(u.byOperator.find((o) => o.operator === SYMBIOTIC_DEVNET_OPERATORS['sym-b'])).toBeUndefined();
    // Its networks still count.
    expect(u.byNetwork.length).toBe(3);
  });

  test('a deposit into pzETH: the preview names the top operator before → after, equal to raw reads', async () => {
    const { ctx } = devnet;
    const s = await refresh();
    const want = await independent(s.blockNumber);
    const at = { blockNumber: s.blockNumber };
    const supply = await ctx.client.readContract({ address: pz.address, abi: erc20Abi, functionName: 'totalSupply', ...at });
    const held = await ctx.client.readContract({ address: pz.address, abi: erc20Abi, functionName: 'balanceOf', args: [other], ...at });
    // `other` holds pzETH only: its restaked ETH per operator is its share of the LRT's.
    const before = new Map([...want.eth].map(([o, e]) => [o, (e * held) / supply]));
    const assets = await acquireToken(ctx, 'wstETH', other, parseEther('5'));
    await ctx.write({ address: TOKENS.wstETH, abi: abi('WstETH'), functionName: 'approve', args: [pz.address, assets], from: other });
    const minted = (await ctx.client.readContract({
      address: pz.address,
      abi: abi('MellowSymbioticVault'),
      functionName: 'previewDeposit',
      args: [assets],
    })) as bigint;
    const data = encodeFunctionData({ abi: abi('MellowSymbioticVault'), functionName: 'deposit', args: [assets, other] });
    const preview = await buildPreview(
      { client: ctx.client, chainId: 1, now: Date.now, exposure: snapshotExposure(s, other) },
      { kind: 'transaction', tx: { from: other, to: pz.address, value: 0n, data } },
    );
    expect(BigInt(preview.balanceChanges.find((c) => c.token !== 'ETH' && c.token.toLowerCase() === pz.address.toLowerCase())!.delta)).toBe(
      minted,
    );
    const fact = preview.facts.lrtConcentration?.[0];
    expect(fact, JSON.stringify(preview.notChecked)).toBeDefined();
    const after = new Map(before);
    for (const [o, e] of want.eth) after.set(o, after.get(o)! + (minted * e) / supply);
    const sum = (m: Map<Address, bigint>) => [...m.values()].reduce((x, y) => x + y, 0n);
    const [top, topAfter] = [...after].reduce((a, b) => (b[1] > a[1] ? b : a));
    expect(fact!.operator).toBe(top);
    expect([BigInt(fact!.beforeEth), BigInt(fact!.afterEth)]).toEqual([before.get(top), topAfter]);
    expect([BigInt(fact!.totalBeforeEth), BigInt(fact!.totalAfterEth)]).toEqual([sum(before), sum(after)]);
    expect(near(Number(fact!.afterShareWad) / 1e18, Number(topAfter) / Number(sum(after)))).toBeLessThan(1e-9);
    const flag = preview.flags.find((f) => f.id === 'lrt.concentration')!;
    expect(flag.title).toMatch(/^After this, [\d.]+% of this account’s restaked ETH depends on operator /);
    expect(flag.source?.method).toMatch(/Symbiotic vault’s delegator stake per operator/);

    // What is not known is said once: operators not scanned → one "Operators behind" flag; no look-through at all →
    // the networks rule's one flag, not a second from the concentration rule.
    const unknownFlags = async (exposure: ReturnType<typeof snapshotExposure>) =>
      (
        await buildPreview(
          { client: ctx.client, chainId: 1, now: Date.now, exposure },
          { kind: 'transaction', tx: { from: other, to: pz.address, value: 0n, data } },
        )
      ).flags
        .filter((f) => f.id === 'lrt.lookthrough-unknown')
        .map((f) => [f.title, f.numbers.reason]);
    expect(await unknownFlags(snapshotExposure(await refresh(false), other))).toEqual([
      ['Operators behind pzETH are unknown', 'the operators behind its Symbiotic vault have not been scanned yet'],
    ]);
    const e = snapshotExposure(s, other);
    const { pzETH: _lrt, ...lrts } = e.lrts;
    const { pzETH: _networks, ...lrtNetworks } = e.lrtNetworks;
    expect(await unknownFlags({ ...e, lrts, lrtNetworks, lrtsUnknown: { ...e.lrtsUnknown, pzETH: 'vault not read' } })).toEqual([
      ['Networks behind pzETH are unknown', 'vault not read'],
    ]);
  });
});
