import type { Address, Client } from 'viem';
import { readContract } from 'viem/actions';
import { aaveOracleAbi, aavePoolAbi, erc20Abi } from '../chain/abis';
import { formatHealthFactor } from '../format';
import { AAVE_V3, TOKENS, type TokenSymbol } from '../restaking';
import type { RiskFlag } from '../risk';
import { formatLiquidationDistance, liquidationSentence } from '../risk/liquidation';
import { liquidationFacts, readLiquidationDetails } from '../risk/liquidation-facts';
import type { FlowProbe } from './simulate-flow';
import type { StepSpec } from './types';

type Supply = Extract<StepSpec, { kind: 'aave-supply' }>;

/**
 * The depeg-to-liquidation distance of the supplied collateral after the whole flow, from probes in
 * the flow's own simulation (aToken balance, Aave's prices, the e-mode the flow leaves the account
 * in), the same math as the Portfolio (lib/tracker's liquidationFacts). Two reads first: the reserve
 * (its aToken) and the account's current e-mode (kept unless the flow sets one).
 */
export async function aaveAfterProbes(
  client: Client,
  from: Address,
  specs: readonly StepSpec[],
  after: number,
): Promise<{ probes: FlowProbe[]; read(probes: Map<string, unknown>): Record<string, string> | undefined } | undefined> {
  const supply = specs.find((s): s is Supply => s.kind === 'aave-supply');
  if (!supply) return undefined;
  const setEMode = specs.find((s): s is Extract<StepSpec, { kind: 'aave-emode' }> => s.kind === 'aave-emode');
  let reserve: { aTokenAddress: Address; configuration: bigint; id: number };
  let eMode: bigint;
  try {
    [reserve, eMode] = await Promise.all([
      readContract(client, { address: AAVE_V3.pool, abi: aavePoolAbi, functionName: 'getReserveData', args: [supply.asset] }),
      setEMode
        ? Promise.resolve(BigInt(setEMode.categoryId))
        : readContract(client, { address: AAVE_V3.pool, abi: aavePoolAbi, functionName: 'getUserEMode', args: [from] }),
    ]);
  } catch {
    return undefined; // the health factor flag still stands; the distance is simply not shown
  }
  const pool = { address: AAVE_V3.pool, abi: aavePoolAbi, after };
  const oracle = { address: AAVE_V3.oracle, abi: aaveOracleAbi, after, functionName: 'getAssetPrice' };
  const probes: FlowProbe[] = [
    { key: 'aave:bal', after, address: reserve.aTokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [from] },
    { key: 'aave:price', ...oracle, args: [supply.asset] },
    { key: 'aave:weth-price', ...oracle, args: [TOKENS.WETH] },
    ...(eMode > 0n
      ? [
          { key: 'aave:emode-config', ...pool, functionName: 'getEModeCategoryCollateralConfig', args: [Number(eMode)] },
          { key: 'aave:emode-bitmap', ...pool, functionName: 'getEModeCategoryCollateralBitmap', args: [Number(eMode)] },
        ]
      : []),
  ];
  const big = (v: unknown) => (typeof v === 'bigint' ? v : undefined);
  return {
    probes,
    read(values) {
      const account = values.get('aave') as readonly [bigint, bigint, bigint, bigint, bigint, bigint] | undefined;
      const amount = big(values.get('aave:bal'));
      if (!account || amount === undefined) return undefined;
      const facts = (price: unknown, symbol: TokenSymbol) => ({
        symbol,
        configuration: reserve.configuration,
        id: reserve.id,
        price: big(price),
        priceError: 'the oracle reverted in the simulation',
      });
      return {
        underlying: supply.symbol,
        healthFactor: String(account[5]),
        ...liquidationFacts({
          amount,
          account,
          reserve: facts(values.get('aave:price'), supply.symbol as TokenSymbol),
          weth: facts(values.get('aave:weth-price'), 'WETH'),
          eModeId: eMode,
          eModeThresholdBps: (values.get('aave:emode-config') as { liquidationThreshold: number } | undefined)?.liquidationThreshold,
          eModeBitmap: big(values.get('aave:emode-bitmap')),
          eModeBitmapError: 'not answered in the simulation',
        }),
      };
    },
  };
}

/** The distance after the flow as a flag on the supply step; none without debt (the health factor flag says so). */
export function liquidationDistanceFlag(details: Record<string, string>): RiskFlag | undefined {
  const f = readLiquidationDetails(details);
  if (!f || f.distance.status === 'no-debt' || f.healthFactorWad === null) return undefined;
  const d = f.distance;
  const near = d.status === 'liquidatable' || (d.distanceWad !== null && d.status === 'ok' && d.distanceWad < 5n * 10n ** 16n);
  const shown = d.status === 'ok' && d.distanceWad !== null ? formatLiquidationDistance(d.distanceWad) : d.status;
  return {
    id: 'aave.liquidation-distance',
    severity: near ? 'danger' : d.status === 'ok' && d.distanceWad !== null && d.distanceWad < 10n ** 17n ? 'warn' : 'info',
    title: `Liquidation distance after the flow: ${shown}`,
    numbers: {
      distance: shown,
      healthFactor: formatHealthFactor(f.healthFactorWad),
      pricedBy: f.pricedBy,
    },
    why: liquidationSentence(f.symbol, f.pricedBy, d),
  };
}
