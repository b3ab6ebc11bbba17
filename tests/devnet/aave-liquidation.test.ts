import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeFunctionData, erc20Abi, formatUnits, http, parseEther, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount, type DevnetContext } from './context';
import { depeg, reprice } from './scenarios';
import { AAVE_V3, TOKENS } from '../../lib/restaking/addresses';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import { createTracker } from '../../lib/tracker/tracker';
import { createMemoryTrackerStore } from '../../lib/tracker/memory-store';
import { createAlertsEngine, createMemoryAlertsStore, type Alert } from '../../lib/alerts';
import type { Position } from '../../lib/tracker/types';
import { planFlow } from '../../lib/flows';
import { buildPreview } from '../../lib/preview';
import { waitMined } from './mined';

// Independent reference: Aave v3 GenericLogic (base currency USD 1e8, thresholds in bps, half-up percentMul and
// wadDiv, debt valued rounding up), recomputed here from the double's raw reserve data, oracle prices and the
// aToken balance, with the test's own ABIs (the contract artifacts), not the wallet's reader or lib/risk.
const WAD = 10n ** 18n;
const percentMul = (v: bigint, bps: bigint) => (v * bps + 5000n) / 10000n;
const wadDiv = (a: bigint, b: bigint) => (a * WAD + b / 2n) / b;

let devnet: Devnet;
let ctx: DevnetContext;
/** startDevnet's "DeFi LP" demo user: 5 weETH supplied to Aave in e-mode 26 by the seed, no debt. */
const lp = devAccount(2).address;
const pool = AAVE_V3.pool;
const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, contract: string, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi: abi(contract), functionName, args }) as Promise<T>;
const accountData = () => read<readonly bigint[]>(pool, 'AavePoolDouble', 'getUserAccountData', [lp]);
const snapshot = () => ctx.client.request({ method: 'evm_snapshot' } as never) as Promise<Hex>;
const revert = (id: Hex) => ctx.client.request({ method: 'evm_revert', params: [id] } as never);

const transport = () => http(devnet.rpcUrl, { retryCount: 0 });
async function aavePosition(): Promise<Position> {
  const s = await refreshPositions({ transport: transport(), chain: mainnet, accounts: [lp], readers: defaultReaders() });
  const p = s.positions.find((x) => x.family === 'aave' && x.asset === 'aEthweETH');
  if (!p) throw new Error(`no aEthweETH position: ${JSON.stringify(s.positions.map((x) => [x.asset, x.error]))}`);
  expect(p.status, p.error).toBe('ok');
  return p;
}

/** The test's own HF and distance from raw chain state (single collateral: the seed supplies only weETH for lp). */
async function reference() {
  const reserve = await read<{ configuration: bigint; id: number; aTokenAddress: Address }>(pool, 'AavePoolDouble', 'getReserveData', [
    TOKENS.weETH,
  ]);
  const eMode = await read<bigint>(pool, 'AavePoolDouble', 'getUserEMode', [lp]);
  const bitmap = await read<bigint>(pool, 'AavePoolDouble', 'getEModeCategoryCollateralBitmap', [Number(eMode)]);
  const eModeConfig = await read<{ liquidationThreshold: number }>(pool, 'AavePoolDouble', 'getEModeCategoryCollateralConfig', [
    Number(eMode),
  ]);
  const inEMode = eMode > 0n && ((bitmap >> BigInt(reserve.id)) & 1n) === 1n;
  const lt = inEMode ? BigInt(eModeConfig.liquidationThreshold) : (reserve.configuration >> 16n) & 0xffffn;
  const price = await read<bigint>(AAVE_V3.oracle, 'AaveOracleDouble', 'getAssetPrice', [TOKENS.weETH]);
  const wethPrice = await read<bigint>(AAVE_V3.oracle, 'AaveOracleDouble', 'getAssetPrice', [TOKENS.WETH]);
  const balance = await ctx.client.readContract({ address: reserve.aTokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [lp] });
  const debt = await read<bigint>(pool, 'AavePoolDouble', 'userDebt', [lp, TOKENS.WETH]);
  const collateralBase = (balance * price) / WAD;
  const debtBase = (debt * wethPrice + WAD - 1n) / WAD;
  const weighted = percentMul(collateralBase, lt);
  const hf = wadDiv(weighted, debtBase);
  // d* = 1 − debt / (C·LT): the fall of C that leaves C·LT = debt. As a WAD, rounded down.
  const distance = ((weighted - debtBase) * WAD) / weighted;
  const priceEth = (price * WAD) / wethPrice;
  return { inEMode, lt, hf, distance, priceEth, liquidationPriceEth: (priceEth * (WAD - distance)) / WAD, debt };
}

const weethRate = () => read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');

beforeAll(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  // Borrow WETH to a health factor of about 1.04: 5 weETH × rate × 95 % ÷ 1.04 (ETH/USD cancels out).
  const aToken = await read<Address>(pool, 'AavePoolDouble', 'getReserveAToken', [TOKENS.weETH]);
  const supplied = await ctx.client.readContract({ address: aToken, abi: erc20Abi, functionName: 'balanceOf', args: [lp] });
  const borrow = (supplied * (await weethRate()) * 9500n) / (WAD * 10_400n);
  await ctx.write({ address: pool, abi: abi('AavePoolDouble'), functionName: 'borrow', args: [TOKENS.WETH, borrow, 2n, 0, lp], from: lp });
}, 180_000);
afterAll(async () => {
  await devnet?.stop();
});

describe('Aave depeg-to-liquidation distance on the devnet', () => {
  test('health factor and distance equal the test’s own GenericLogic computation from raw reserve data and oracle prices', async () => {
    const ref = await reference();
    expect(ref.inEMode).toBe(true); // e-mode 26 covers weETH: LT 95 %
    expect(ref.lt).toBe(9500n);
    const p = await aavePosition();
    expect(p.details.healthFactor).toBe(String(ref.hf));
    expect((await accountData())[5]).toBe(ref.hf);
    expect(p.details.liquidationThresholdAppliedBps).toBe('9500');
    expect(p.details.pricedBy).toBe('exchange-rate');
    expect(p.details.liquidationStatus).toBe('ok');
    const distance = BigInt(p.details.liquidationDistanceWad!);
    // The wallet derives it from Aave's rounded HF, the test from C·LT and debt: equal to 1e-11.
    expect(distance - ref.distance).toBeGreaterThanOrEqual(-10_000_000n);
    expect(distance - ref.distance).toBeLessThanOrEqual(10_000_000n);
    expect(p.details.aavePriceEthWad).toBe(String(ref.priceEth));
    expect(BigInt(p.details.liquidationPriceEthWad!) - ref.liquidationPriceEth).toBeLessThanOrEqual(20_000_000n);
    console.info(
      `Aave weETH loop: HF ${formatUnits(ref.hf, 18)}, distance ${formatUnits(distance * 100n, 18)} % (reference ${formatUnits(ref.distance * 100n, 18)} %), liquidation at ${formatUnits(ref.liquidationPriceEth, 18)} ETH per weETH`,
    );
    expect(p.sources.map((s) => s.call)).toEqual(
      expect.arrayContaining(['getAssetPrice(weETH)', 'getAssetPrice(WETH)', 'getEModeCategoryCollateralBitmap', 'getUserAccountData']),
    );
  });

  test('the distance alert fires once and only once across refreshes (and a worker restart)', async () => {
    const store = createMemoryAlertsStore();
    const deps = { chain: mainnet, getTransport: transport, store, notify: () => undefined, setBadge: () => undefined };
    const tracker = createTracker({ chain: mainnet, getTransport: transport, getAccounts: () => [lp], store: createMemoryTrackerStore() });
    let engine = createAlertsEngine(deps);
    const raised: Alert[] = [];
    for (let i = 0; i < 4; i += 1) {
      if (i === 3) engine = createAlertsEngine(deps);
      const state = await tracker.refresh();
      raised.push(...(await engine.evaluate(state.snapshot!)).raised);
    }
    const liquidation = raised.filter((a) => a.rule === 'liquidation');
    expect(liquidation).toHaveLength(1);
    expect(liquidation[0]!.severity).toBe('danger');
    expect(liquidation[0]!.title).toMatch(/^Aave weETH is 3\.\d\d% from liquidation$/);
    expect(liquidation[0]!.message).toMatch(/Aave prices weETH by its exchange rate/);
    expect((await engine.list()).filter((a) => a.rule === 'liquidation')).toHaveLength(1);
  });

  test('an exchange-rate fall 0.5 % past the distance makes the position liquidatable on chain; 0.5 % short does not', async () => {
    const { distance } = await reference();
    const rate = await weethRate();
    const at = async (fall: bigint) => {
      const id = await snapshot();
      try {
        await reprice(ctx, 'weETH', formatUnits((rate * (WAD - fall)) / WAD, 18));
        return { hf: (await accountData())[5]!, p: await aavePosition() };
      } finally {
        await revert(id);
      }
    };
    const past = await at(distance + 5n * 10n ** 15n);
    expect(past.hf).toBeLessThan(WAD);
    expect(past.p.details.liquidationStatus).toBe('liquidatable');
    const short = await at(distance - 5n * 10n ** 15n);
    expect(short.hf).toBeGreaterThanOrEqual(WAD);
    expect(BigInt(short.p.details.liquidationDistanceWad!)).toBeLessThan(6n * 10n ** 15n); // ~0.5 % left
    console.info(`HF after a fall of d*+0.5 %: ${formatUnits(past.hf, 18)}; after d*−0.5 %: ${formatUnits(short.hf, 18)}`);
  });

  test('a 10 % market depeg of weETH leaves the health factor unchanged (Aave prices it by its exchange rate)', async () => {
    const before = await accountData();
    const distanceBefore = (await aavePosition()).details.liquidationDistanceWad;
    const id = await snapshot();
    try {
      await depeg(ctx, 'weETH', '10');
      expect(await accountData()).toEqual(before);
      const p = await aavePosition();
      expect(Number(p.depegWad) / 1e18).toBeLessThan(-0.09); // the market did move
      expect(p.details.liquidationDistanceWad).toBe(distanceBefore);
    } finally {
      await revert(id);
    }
  });

  test('Stake & deploy into this Aave account shows the distance after the flow before the click, equal to the chain after sending it', async () => {
    const before = await reference();
    const preview = await planFlow(
      { client: ctx.client, chainId: 1, now: () => Date.now() },
      { recipeId: 'aave:weETH', from: lp, amount: 10n ** 18n },
    );
    expect(preview.status).toBe('ok');
    const supply = preview.plan.steps.findIndex((s) => s.spec.kind === 'aave-supply');
    const flag = preview.steps[supply]!.flags.find((f) => f.id === 'aave.liquidation-distance');
    expect(flag?.why).toMatch(/Aave prices weETH by its exchange rate/);
    const after = preview.facts.liquidationAfter!;
    expect(after.liquidationThresholdFrom).toBe('e-mode 26'); // the account stays in its e-mode
    const shown = BigInt(after.liquidationDistanceWad!);
    expect(shown).toBeGreaterThan(before.distance); // more collateral, same debt: further away
    // Send the planned transactions as they are, then recompute from the chain.
    for (const step of preview.plan.steps) {
      const hash = await ctx.client.sendTransaction({
        account: lp,
        to: step.tx.to,
        data: step.tx.data,
        value: BigInt(step.tx.value),
        chain: null,
      } as never);
      expect((await waitMined(ctx.client, hash)).status).toBe('success');
    }
    const real = await reference();
    expect(after.healthFactor).toBe(String(real.hf));
    expect(shown - real.distance).toBeGreaterThanOrEqual(-10_000_000n);
    expect(shown - real.distance).toBeLessThanOrEqual(10_000_000n);
    console.info(
      `distance before the flow ${formatUnits(before.distance * 100n, 18)} %, previewed after ${formatUnits(shown * 100n, 18)} %, on chain after ${formatUnits(real.distance * 100n, 18)} %`,
    );
  });

  test('the preview of an Aave borrow, withdraw or e-mode change shows the health factor and distance after, equal to the chain after sending it', async () => {
    const deps = { client: ctx.client, chainId: 1, now: () => Date.now() };
    const poolAbi = abi('AavePoolDouble');
    const txs = {
      borrow: encodeFunctionData({ abi: poolAbi, functionName: 'borrow', args: [TOKENS.WETH, parseEther('0.5'), 2n, 0, lp] }),
      withdraw: encodeFunctionData({ abi: poolAbi, functionName: 'withdraw', args: [TOKENS.weETH, parseEther('0.5'), lp] }),
      leaveEMode: encodeFunctionData({ abi: poolAbi, functionName: 'setUserEMode', args: [0] }),
    };
    const previewOf = async (data: Hex) => {
      const p = await buildPreview(deps, { kind: 'transaction', tx: { from: lp, to: pool, data } });
      return { preview: p, flag: p.flags.find((f) => f.id === 'aave.health-after') };
    };
    for (const kind of ['borrow', 'withdraw'] as const) {
      const { flag } = await previewOf(txs[kind]);
      const now = await reference();
      expect(flag?.numbers.healthFactorNow).toBe(formatHf(now.hf));
      const hash = await ctx.client.sendTransaction({ account: lp, to: pool, data: txs[kind], chain: null } as never);
      expect((await waitMined(ctx.client, hash)).status).toBe('success');
      const after = await reference();
      expect(after.hf).toBeLessThan(now.hf);
      expect(flag?.numbers.healthFactorAfter).toBe(formatHf(after.hf));
      expect(flag?.numbers.liquidationDistanceAfter).toBe(percentDown(after.distance));
      expect(flag?.numbers.collateral).toBe('weETH');
      expect(flag?.why).toMatch(/Aave prices weETH by its exchange rate/);
      console.info(
        `${kind} preview: ${flag?.title} (chain after: HF ${formatUnits(after.hf, 18)}, distance ${formatUnits(after.distance * 100n, 18)} %)`,
      );
    }
    // Leaving e-mode 26 drops weETH's threshold from 95 % to its own 80 %: the preview says it fails.
    const { preview, flag } = await previewOf(txs.leaveEMode);
    expect(preview.simulation.status).toBe('reverted');
    expect(flag).toBeUndefined();
    expect(preview.notChecked).toContain('Aave health factor after the transaction: the transaction reverts in the simulation');
  });
});

/** Two decimals, down, as lib/format shows a health factor and a margin (the test's own rounding). */
const twoDecimalsDown = (wad: bigint, scale: bigint) => {
  const v = (wad * scale) / 10n ** 16n;
  return `${v / 100n}.${String(v % 100n).padStart(2, '0')}`;
};
const formatHf = (wad: bigint) => twoDecimalsDown(wad, 1n);
const percentDown = (wad: bigint) => `${twoDecimalsDown(wad, 100n)}%`;
