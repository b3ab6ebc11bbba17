import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { parseAbi, parseEther, type Address } from 'viem';
import { chainOf } from '../../lib/chain/clients';
import { REAL_NETWORKS } from '../../lib/chain/networks';
import { createNetworkTransport } from '../../lib/chain/transport';
import { L2_AAVE_MARKETS, L2_CHAINS } from '../../lib/restaking/l2';
import { chainsOverview } from '../../lib/state/chains-model';
import { chainSourcesOf } from '../../lib/tracker/chain-networks';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { encodeSnapshot } from '../../lib/tracker/snapshot-schema';
import { createTracker } from '../../lib/tracker/tracker';
import type { StoredNetwork } from '../../lib/storage/items';
import { devAccount } from './context';
import { startDevnet, type Devnet } from './devnet';
import { l1RatesFromInfo, snapshotAll, startL2Devnets, type L2Devnet } from './l2-devnet';
import { seedL2AaveLoop } from './seed/l2-aave';
import { waitMined } from './mined';
import { chainCounters } from './chain-counters';

/**
 * Issue #18 item 4 on the Base devnet: a weETH-collateral / WETH-debt loop on the Aave doubles at Base's real Aave
 * addresses, read by the wired tracker inside Base's one Multicall3 request. Every expected figure is the test's own
 * arithmetic over raw reads of the doubles (its own ABIs): getUserAccountData, getReserveData, the oracle's prices,
 * the e-mode config, the aToken balance.
 */

const WAD = 10n ** 18n;
const BASE = 8453;
const user = devAccount(5).address;
const accounts: Address[] = [devAccount(1).address, user];
const ARBITRUM = 42161;
type Chain = typeof BASE | typeof ARBITRUM;
const market = L2_AAVE_MARKETS[BASE]!;
const pool = L2_CHAINS[BASE].aaveV3!.pool;
const reserveOn = (chainId: Chain, s: string) => L2_AAVE_MARKETS[chainId]!.reserves.find((r) => r.symbol === s)!;
const reserve = (s: string) => reserveOn(BASE, s);
const weETHFeed = L2_CHAINS[BASE].tokens.find((t) => t.symbol === 'weETH')!.rateSource.address;

const poolAbi = parseAbi([
  'function getUserAccountData(address) view returns (uint256, uint256, uint256, uint256, uint256, uint256)',
  'function getUserEMode(address) view returns (uint256)',
  'struct C { uint16 ltv; uint16 liquidationThreshold; uint16 liquidationBonus; }',
  'function getEModeCategoryCollateralConfig(uint8) view returns (C)',
  'function getEModeCategoryCollateralBitmap(uint8) view returns (uint128)',
  'struct R { uint256 configuration; uint128 a; uint128 b; uint128 c; uint128 d; uint128 e; uint40 f; uint16 id; address aToken; address g; address h; address i; uint128 j; uint128 k; uint128 l; }',
  'function getReserveData(address) view returns (R)',
]);
const oracleAbi = parseAbi(['function getAssetPrice(address) view returns (uint256)', 'function ethUsdPrice() view returns (uint256)']);
const tokenAbi = parseAbi(['function balanceOf(address) view returns (uint256)']);
const feedAbi = parseAbi([
  'function latestRoundData() view returns (uint80, int256, uint256, uint256, uint80)',
  'function setAnswer(int256, uint256)',
]);

let l1: Devnet;
let base: L2Devnet;
let arbitrum: L2Devnet;
let revert: () => Promise<void>;

beforeAll(async () => {
  l1 = await startDevnet();
  [base, arbitrum] = (await startL2Devnets({ chains: [BASE, ARBITRUM], l1Rates: l1RatesFromInfo(l1.info.rates) })) as [L2Devnet, L2Devnet];
});
afterAll(async () => {
  await Promise.all([l1?.stop(), base?.stop(), arbitrum?.stop()]);
});
beforeEach(async () => {
  revert = await snapshotAll([l1.ctx, base.ctx, arbitrum.ctx]);
});
afterEach(async () => {
  await revert();
});

const networks = (): StoredNetwork[] => [
  { key: 'devnet', chainId: 1, name: 'Ballast devnet', rpcUrls: [l1.rpcUrl], nativeSymbol: 'ETH', builtIn: true },
  { key: 'devnet-base', chainId: BASE, name: 'Ballast devnet (Base)', rpcUrls: [base.rpcUrl], nativeSymbol: 'ETH', builtIn: true },
  {
    key: 'devnet-arbitrum',
    chainId: ARBITRUM,
    name: 'Ballast devnet (Arbitrum)',
    rpcUrls: [arbitrum.rpcUrl],
    nativeSymbol: 'ETH',
    builtIn: true,
  },
];

/** The background's tracker wiring (portfolio-service.ts), with a request counter per chain. */
function wiredTracker() {
  const { counters, counted } = chainCounters();
  const store = createMemoryTrackerStore();
  const [l1Network] = networks();
  const tracker = createTracker({
    chain: chainOf(REAL_NETWORKS[0]!),
    getTransport: async () => counted(1, createNetworkTransport(l1Network!, { purpose: 'scheduled' })),
    getAccounts: () => accounts,
    store,
    getChainTransports: async () =>
      chainSourcesOf({
        networks: networks(),
        active: l1Network!,
        transportOf: (n) => counted(n.chainId, createNetworkTransport(n, { purpose: 'scheduled' })),
      }),
  });
  return { tracker, store, counters };
}

/** The test's own reading of the position: raw reads, then HF and the depeg-to-liquidation distance by hand. */
async function rawPosition(chainId: Chain = BASE, symbol = 'weETH') {
  const c = (chainId === BASE ? base : arbitrum).ctx.client;
  const pool = L2_CHAINS[chainId].aaveV3!.pool;
  const market = L2_AAVE_MARKETS[chainId]!;
  const reserve = (s: string) => reserveOn(chainId, s);
  const read = <T>(address: Address, abi: readonly unknown[], functionName: string, args: readonly unknown[] = []) =>
    c.readContract({ address, abi, functionName, args } as never) as Promise<T>;
  const [collateralBase, debtBase, , , , hf] = await read<readonly bigint[]>(pool, poolAbi, 'getUserAccountData', [user]);
  const eMode = Number(await read<bigint>(pool, poolAbi, 'getUserEMode', [user]));
  const r = await read<{ configuration: bigint; id: number }>(pool, poolAbi, 'getReserveData', [reserve(symbol).asset]);
  const bitmap = eMode ? await read<bigint>(pool, poolAbi, 'getEModeCategoryCollateralBitmap', [eMode]) : 0n;
  const eModeLt = eMode
    ? (await read<{ liquidationThreshold: number }>(pool, poolAbi, 'getEModeCategoryCollateralConfig', [eMode])).liquidationThreshold
    : 0;
  const lt = (bitmap >> BigInt(r.id)) & 1n ? BigInt(eModeLt) : (r.configuration >> 16n) & 0xffffn;
  const price = await read<bigint>(market.oracle, oracleAbi, 'getAssetPrice', [reserve(symbol).asset]);
  const wethPrice = await read<bigint>(market.oracle, oracleAbi, 'getAssetPrice', [reserve('WETH').asset]);
  const amount = await read<bigint>(reserve(symbol).aToken, tokenAbi, 'balanceOf', [user]);
  const weETHBase = (amount * price) / WAD; // 18 decimals
  // HF' = HF − d·C·LT/debt = 1 ⇒ d = (HF − 1)·debt / (C·LT), floored as a WAD fraction.
  const distanceWad = ((hf! - WAD) * debtBase! * 10_000n) / (weETHBase * lt);
  // Aave's own HF, recomputed: C·LT/debt (the double rounds half up; 1e-9 relative is far above that).
  const hfByHand = (collateralBase! * lt * WAD) / (10_000n * debtBase!);
  return { collateralBase: collateralBase!, debtBase: debtBase!, hf: hf!, hfByHand, eMode, lt, price, wethPrice, amount, distanceWad };
}

const relClose = (a: bigint, b: bigint) => expect(Math.abs(Number(a - b) / Number(b))).toBeLessThan(1e-9);

async function refreshBase(chainId: Chain = BASE) {
  const { tracker, store, counters } = wiredTracker();
  const state = await tracker.refresh();
  expect(state.schedule.lastError).toBeNull();
  const snapshot = (await store.getSnapshot())!;
  for (const id of [BASE, ARBITRUM]) {
    expect(counters.get(id)!.count, `requests on ${id} per refresh`).toBe(1);
    expect(counters.get(id)!.methods).toEqual(['eth_call']);
  }
  return { snapshot, entry: snapshot.chains!.find((c) => c.chainId === chainId)! };
}

describe('Aave v3 on the Base devnet', () => {
  test('a weETH / WETH e-mode loop appears under Base with collateral, debt, HF and distance equal to raw reads, in 1 request', async () => {
    await seedL2AaveLoop(base.ctx, BASE, { user, collateral: 'weETH', supply: parseEther('10'), borrow: parseEther('8'), eModeId: 7 });
    const { snapshot, entry } = await refreshBase();
    const raw = await rawPosition();
    expect(entry.status).toBe('ok');
    expect(entry.aave).toMatchObject({ status: 'ok', pool });
    expect(entry.aave!.positions.map((p) => p.account)).toEqual([user]);
    const p = entry.aave!.positions[0]!;
    expect(p).toMatchObject({ status: 'ok', eModeId: 7, healthFactorWad: raw.hf, totalCollateralBase: raw.collateralBase });
    expect(p.totalDebtBase).toBe(raw.debtBase);
    expect(p.debtEth).toBe((raw.debtBase * WAD) / raw.wethPrice);
    relClose(p.debtEth!, parseEther('8'));
    relClose(raw.hf, raw.hfByHand);
    expect(raw.lt).toBe(9500n);
    expect(p.collaterals.map((x) => [x.symbol, x.aToken, x.amount])).toEqual([['weETH', reserve('weETH').aToken, parseEther('10')]]);
    const weeth = p.collaterals[0]!;
    expect(weeth.valueEth).toBe((((raw.amount * raw.price) / WAD) * WAD) / raw.wethPrice);
    expect(weeth.liquidation).toMatchObject({
      pricedBy: 'exchange-rate',
      liquidationStatus: 'ok',
      liquidationThresholdAppliedBps: '9500',
      liquidationThresholdFrom: 'e-mode 7',
      liquidationDistanceWad: String(raw.distanceWad),
    });
    // One collateral: the distance is 1 − 1/HF.
    relClose(raw.distanceWad, WAD - (WAD * WAD) / raw.hf);
    // The Portfolio's view model, from the stored (encoded) snapshot.
    const view = chainsOverview(encodeSnapshot(snapshot))!.chains.find((c) => c.chainId === BASE)!;
    expect(view.name).toBe('Ballast devnet (Base)');
    expect(view.aave).toMatchObject({ status: 'ok', chainName: 'Ballast devnet (Base)' });
    expect(view.aave!.positions[0]!.lines[0]).toMatchObject({ symbol: 'weETH', distanceWad: raw.distanceWad });
    // Base's total: its bridged holdings at the Base rate plus the Aave collateral at Aave's price (raw reads).
    const aaveEth = (((raw.amount * raw.price) / WAD) * WAD) / raw.wethPrice;
    const holdingsEth = view.holdings.reduce((sum, h) => sum + h.valueEth!, 0n);
    expect(view.aaveEth).toBe(aaveEth);
    expect(view.valueEth).toBe(holdingsEth + aaveEth);
    console.log(
      `[l2-aave] Base loop: HF ${raw.hf}, debt base ${raw.debtBase}, weETH price ${raw.price}/${raw.wethPrice}, distance ${raw.distanceWad}`,
    );
  });

  test("a 3 % fall of weETH's Base exchange-rate feed lowers HF and the distance as the test computes", async () => {
    await seedL2AaveLoop(base.ctx, BASE, { user, collateral: 'weETH', supply: parseEther('10'), borrow: parseEther('8'), eModeId: 7 });
    const before = await rawPosition();
    const c = base.ctx.client;
    const [, answer] = await c.readContract({ address: weETHFeed, abi: feedAbi, functionName: 'latestRoundData' });
    const { timestamp } = await c.getBlock();
    const hash = await c.writeContract({
      address: weETHFeed,
      abi: feedAbi,
      functionName: 'setAnswer',
      args: [(answer * 97n) / 100n, timestamp],
      account: base.ctx.admin,
      chain: c.chain,
    });
    expect((await waitMined(c, hash)).status).toBe('success');
    const { entry } = await refreshBase();
    const after = await rawPosition();
    const ethUsd = await c.readContract({ address: market.oracle, abi: oracleAbi, functionName: 'ethUsdPrice' });
    expect(before.price).toBe((ethUsd * BigInt(answer)) / WAD);
    expect(after.price).toBe((ethUsd * ((BigInt(answer) * 97n) / 100n)) / WAD);
    expect(after.hf).toBeLessThan(before.hf);
    expect(after.distanceWad).toBeLessThan(before.distanceWad);
    const p = entry.aave!.positions[0]!;
    expect(p.healthFactorWad).toBe(after.hf);
    expect(p.collaterals[0]!.liquidation.liquidationDistanceWad).toBe(String(after.distanceWad));
    console.log(`[l2-aave] feed −3 %: HF ${before.hf} → ${after.hf}, distance ${before.distanceWad} → ${after.distanceWad}`);
  });

  test('Arbitrum: an rsETH loop outside e-mode takes the reserve threshold; HF and distance equal raw reads; Base untouched', async () => {
    await seedL2AaveLoop(arbitrum.ctx, ARBITRUM, { user, collateral: 'rsETH', supply: parseEther('4'), borrow: parseEther('2.5') });
    const { entry, snapshot } = await refreshBase(ARBITRUM);
    const raw = await rawPosition(ARBITRUM, 'rsETH');
    expect(raw.eMode).toBe(0);
    const p = entry.aave!.positions[0]!;
    expect(entry.aave!.positions.map((x) => x.account)).toEqual([user]);
    expect(p).toMatchObject({ status: 'ok', eModeId: 0, healthFactorWad: raw.hf, totalDebtBase: raw.debtBase });
    relClose(raw.hf, raw.hfByHand);
    expect(p.collaterals[0]!.liquidation).toMatchObject({
      liquidationThresholdFrom: 'reserve',
      liquidationThresholdAppliedBps: String(raw.lt),
      liquidationDistanceWad: String(raw.distanceWad),
    });
    expect(snapshot.chains!.find((c) => c.chainId === BASE)!.aave).toMatchObject({ status: 'ok', positions: [] });
  });

  test('an Aave read that fails on Base says so: failed with the reason, no health factor, never safe', async () => {
    await seedL2AaveLoop(base.ctx, BASE, { user, collateral: 'weETH', supply: parseEther('10'), borrow: parseEther('8'), eModeId: 7 });
    await base.ctx.client.setCode({ address: pool, bytecode: '0x' });
    const { snapshot, entry } = await refreshBase();
    expect(entry.status).toBe('ok');
    expect(entry.aave!.status).toBe('failed');
    expect(entry.aave!.error).toMatch(/getUserAccountData/);
    expect(entry.aave!.positions.every((p) => p.status === 'failed' && p.healthFactorWad === null)).toBe(true);
    const chain = chainsOverview(encodeSnapshot(snapshot))!.chains.find((c) => c.chainId === BASE)!;
    // Nothing unread is added to Base's total: its holdings alone.
    expect(chain.aaveEth).toBe(0n);
    expect(chain.valueEth).toBe(chain.holdings.reduce((sum, h) => sum + h.valueEth!, 0n));
    const view = chain.aave!;
    expect(view.status).toBe('failed');
    expect(view.summary).toMatch(/could not be read/);
    expect(view.summary).not.toMatch(/safe/i);
  });
});
