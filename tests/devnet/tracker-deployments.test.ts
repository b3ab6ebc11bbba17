import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { erc20Abi, http, parseEther, type Address, type Hex } from 'viem';
import { mainnet } from 'viem/chains';
import { startDevnet, type Devnet } from './devnet';
import { artifact, devAccount, type DevnetContext } from './context';
import { addCurveLiquidity } from './seed/defi-curve';
import { AAVE_DEVNET_ATOKENS, AAVE_EMODES } from './seed/defi-aave';
import { buyPtWithEth, PENDLE_DEVNET_MARKETS } from './seed/defi-pendle';
import { symbioticDeposit, SYMBIOTIC_DEVNET_VAULT } from './seed/eigen';
import { acquireToken } from './seed/acquire';
import { AAVE_V3, CURVE, PENDLE, TOKENS } from '../../lib/restaking/addresses';
import { PENDLE_MARKETS, SYMBIOTIC_VAULTS } from '../../lib/restaking/deployments';
import { refreshPositions } from '../../lib/tracker/refresh';
import { defaultReaders } from '../../lib/tracker/readers';
import type { Position, TrackerSnapshot } from '../../lib/tracker/types';

const WAD = 10n ** 18n;
let devnet: Devnet;
let ctx: DevnetContext;
/** startDevnet's "DeFi LP" demo user: steCRV LP and 5 weETH supplied to Aave in e-mode 26 by the seed. */
const lp = devAccount(2).address;
const ptMarket = PENDLE_DEVNET_MARKETS['PT-weETH'];
const abi = (name: string) => artifact(name).abi;
const read = <T>(address: Address, contract: string, functionName: string, args: readonly unknown[] = []) =>
  ctx.client.readContract({ address, abi: abi(contract), functionName, args }) as Promise<T>;
const balanceOf = (token: Address, account: Address) =>
  ctx.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [account] });

const refresh = (accounts: readonly Address[]): Promise<TrackerSnapshot> =>
  refreshPositions({ transport: http(devnet.rpcUrl, { retryCount: 0 }), chain: mainnet, accounts, readers: defaultReaders() });
const find = (s: TrackerSnapshot, family: Position['family'], account: Address, asset?: string): Position => {
  const p = s.positions.find((x) => x.family === family && x.account === account && (asset === undefined || x.asset === asset));
  if (!p)
    throw new Error(
      `no ${family} ${asset ?? ''} position for ${account}: ${JSON.stringify(s.positions.filter((x) => x.family === family).map((x) => [x.asset, x.error]))}`,
    );
  expect(p.status, p.error).toBe('ok');
  return p;
};

beforeAll(async () => {
  devnet = await startDevnet();
  ctx = devnet.ctx;
  // Positions the seed does not make: a WETH borrow (finite health factor), a PT, a Symbiotic deposit
  // with a pending withdrawal (slashable > active), and an LP share of the WETH/weETH stable-ng pool.
  await ctx.write({
    address: AAVE_V3.pool,
    abi: abi('AavePoolDouble'),
    functionName: 'borrow',
    args: [TOKENS.WETH, parseEther('1'), 2n, 0, lp],
    from: lp,
  });
  await buyPtWithEth(ctx, lp, ptMarket.market, parseEther('2'));
  await symbioticDeposit(ctx, lp, parseEther('1'));
  await ctx.write({
    address: SYMBIOTIC_DEVNET_VAULT,
    abi: abi('SymbioticVault'),
    functionName: 'withdraw',
    args: [lp, parseEther('0.25')],
    from: lp,
  });
  const weth = await acquireToken(ctx, 'WETH', lp, parseEther('1'));
  await addCurveLiquidity(ctx, lp, CURVE.weethNgPool, [weth, parseEther('1')]);
});
afterAll(async () => {
  await devnet?.stop();
});

describe('tracker readers for deployments on the devnet', () => {
  test('the registry lists the devnet Pendle markets and Symbiotic vault the seed placed', () => {
    expect(PENDLE_MARKETS.map((m) => [m.market, m.pt])).toEqual(Object.values(PENDLE_DEVNET_MARKETS).map((m) => [m.market, m.pt]));
    expect(SYMBIOTIC_VAULTS.map((v) => v.vault)).toContain(SYMBIOTIC_DEVNET_VAULT);
  });

  test('Aave: aToken balance to the wei, health factor and e-mode exactly as the Pool reports them', async () => {
    const s = await refresh([lp]);
    const p = find(s, 'aave', lp, 'aEthweETH');
    const aToken = await read<Address>(AAVE_V3.pool, 'AavePoolDouble', 'getReserveAToken', [TOKENS.weETH]);
    expect(aToken).toBe(AAVE_DEVNET_ATOKENS.weETH);
    expect(p.amount).toBe(await balanceOf(aToken, lp));
    expect(p.amount).toBeGreaterThan(0n);
    const [collateral, debt, , lt, ltv, hf] = await read<readonly bigint[]>(AAVE_V3.pool, 'AavePoolDouble', 'getUserAccountData', [lp]);
    expect(debt).toBeGreaterThan(0n); // the borrow made the health factor finite
    expect(p.details).toMatchObject({
      healthFactor: String(hf),
      totalCollateralBase: String(collateral),
      totalDebtBase: String(debt),
      liquidationThresholdBps: String(lt),
      ltvBps: String(ltv),
    });
    const eMode = await read<bigint>(AAVE_V3.pool, 'AavePoolDouble', 'getUserEMode', [lp]);
    const config = await read<{ ltv: number; liquidationThreshold: number; liquidationBonus: number }>(
      AAVE_V3.pool,
      'AavePoolDouble',
      'getEModeCategoryCollateralConfig',
      [Number(eMode)],
    );
    const seeded = AAVE_EMODES.find((e) => e.id === 26)!;
    expect([eMode, config.ltv, config.liquidationThreshold]).toEqual([26n, seeded.ltv, seeded.liquidationThreshold]);
    expect(p.details).toMatchObject({
      eModeId: '26',
      eModeLtvBps: String(config.ltv),
      eModeLiquidationThresholdBps: String(config.liquidationThreshold),
      eModeLiquidationBonusBps: String(config.liquidationBonus),
    });
    const weethRate = await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');
    expect(p.fairValueEth).toBe((p.amount * weethRate) / WAD);
  });

  test('Curve: LP underlying equals balances × share / supply, valued at fair and market; IL against a balanced entry', async () => {
    const s = await refresh([lp]);
    const steth = find(s, 'curve-lp', lp, 'Curve ETH/stETH (steCRV)');
    const lpBal = await balanceOf(CURVE.stethLp, lp);
    const supply = await ctx.client.readContract({ address: CURVE.stethLp, abi: erc20Abi, functionName: 'totalSupply' });
    const balances = await Promise.all([0n, 1n].map((i) => read<bigint>(CURVE.stethPool, 'CurveStableSwapSTETH', 'balances', [i])));
    const underlying = balances.map((b) => (b * lpBal) / supply);
    expect(steth.amount).toBe(lpBal);
    expect(steth.il!.underlying).toEqual([
      { asset: 'ETH', amount: underlying[0] },
      { asset: 'stETH', amount: underlying[1] },
    ]);
    expect(steth.fairValueEth).toBe(underlying[0]! + underlying[1]!); // stETH is 1:1 with ETH by design
    const stethMarket = await read<bigint>(CURVE.stethPool, 'CurveStableSwapSTETH', 'get_dy', [1n, 0n, WAD]);
    expect(steth.marketValueEth).toBe(underlying[0]! + (underlying[1]! * stethMarket) / WAD);
    const vp = await read<bigint>(CURVE.stethPool, 'CurveStableSwapSTETH', 'get_virtual_price');
    const half = (lpBal * vp) / WAD / 2n;
    const hodl = half + (half * stethMarket) / WAD;
    expect(steth.il!.hodlValueEth).toBe(hodl);
    expect(steth.il!.ilWad).toBe((steth.marketValueEth! * WAD) / hodl - WAD);

    const ng = find(s, 'curve-lp', lp, 'Curve WETH/weETH (stable-ng)');
    const ngBalances = await Promise.all([0n, 1n].map((i) => read<bigint>(CURVE.weethNgPool, 'CurveStableSwapNG', 'balances', [i])));
    const ngSupply = await ctx.client.readContract({ address: CURVE.weethNgPool, abi: erc20Abi, functionName: 'totalSupply' });
    const ngUnderlying = ngBalances.map((b) => (b * ng.amount) / ngSupply);
    expect(ng.amount).toBe(await balanceOf(CURVE.weethNgPool, lp));
    const weethRate = await read<bigint>(TOKENS.weETH, 'WeETH', 'getRate');
    expect(ng.fairValueEth).toBe(ngUnderlying[0]! + (ngUnderlying[1]! * weethRate) / WAD);
  });

  test('Symbiotic: active and slashable balances equal activeBalanceOf / slashableBalanceOf, valued at the wstETH rate', async () => {
    const s = await refresh([lp]);
    const p = find(s, 'symbiotic', lp);
    const active = await read<bigint>(SYMBIOTIC_DEVNET_VAULT, 'SymbioticVault', 'activeBalanceOf', [lp]);
    const slashable = await read<bigint>(SYMBIOTIC_DEVNET_VAULT, 'SymbioticVault', 'slashableBalanceOf', [lp]);
    expect(slashable).toBeGreaterThan(active); // the pending withdrawal is still slashable
    expect(p.amount).toBe(active);
    expect(p.details).toMatchObject({ activeBalance: String(active), slashableBalance: String(slashable) });
    const rate = await read<bigint>(TOKENS.wstETH, 'WstETH', 'stEthPerToken');
    expect(p.fairValueEth).toBe((active * rate) / WAD);
    expect(p.slashing).toEqual({ worstCaseEth: (slashable * rate) / WAD, method: 'symbiotic-slashable' });
  });

  test('Pendle: value = amount × getPtToAssetRate / 1e18, maturity from the market, implied APY from zero-coupon math', async () => {
    const s = await refresh([lp]);
    const p = find(s, 'pendle-pt', lp);
    expect(p.amount).toBe(await balanceOf(ptMarket.pt, lp));
    const rate = await read<bigint>(PENDLE.ptOracle, 'PendlePtOracleDouble', 'getPtToAssetRate', [ptMarket.market, 900]);
    expect(p.fairValueEth).toBe((p.amount * rate) / WAD); // the devnet market's asset is ETH 1:1
    const expiry = await read<bigint>(ptMarket.market, 'PendleMarketDouble', 'expiry');
    expect(p.details.maturity).toBe(String(expiry));
    const left = expiry - s.blockTimestamp;
    expect(p.details.secondsToMaturity).toBe(String(left));
    // The seed priced the PT for 3.5 %/yr over 90 days; a few seconds later the same price implies ~the same.
    expect(Number(p.details.impliedApy)).toBeCloseTo(Math.pow(Number(WAD) / Number(rate), (365 * 86400) / Number(left)) - 1, 6);
    expect(Number(p.details.impliedApy)).toBeCloseTo(ptMarket.apy, 3);
  });

  test('10 accounts with every family cost at most 3 RPC requests', async () => {
    const accounts = [1, 2, 3, 4, 8, 9, 11, 12, 13, 14].map((i) => devAccount(i).address);
    const s = await refresh(accounts);
    const families = new Set(s.positions.filter((p) => p.status === 'ok').map((p) => p.family));
    console.info(
      `tracker requests for 10 accounts with every family: ${s.requestCount} (${s.positions.length} positions, families ${[...families].join(', ')})`,
    );
    expect([...families].sort()).toEqual(['aave', 'curve-lp', 'eigenlayer', 'pendle-pt', 'symbiotic', 'token']);
    expect(s.positions.filter((p) => p.status === 'failed')).toEqual([]);
    expect(s.requestCount).toBeLessThanOrEqual(3);
  });

  test('a reverting Pendle oracle fails only the PT position, with the reason', async () => {
    const snap = (await ctx.client.request({ method: 'evm_snapshot' } as never)) as Hex;
    try {
      await ctx.client.setCode({ address: PENDLE.ptOracle, bytecode: '0x60006000fd' }); // PUSH1 0 PUSH1 0 REVERT
      const s = await refresh([lp]);
      const failed = s.positions.filter((p) => p.status === 'failed');
      expect(failed.map((p) => p.family)).toEqual(['pendle-pt']);
      expect(failed[0]!.error).toMatch(/getPtToAssetRate/);
      expect(failed[0]!.amount).toBe(await balanceOf(ptMarket.pt, lp));
    } finally {
      await ctx.client.request({ method: 'evm_revert', params: [snap] } as never);
    }
  });
});
