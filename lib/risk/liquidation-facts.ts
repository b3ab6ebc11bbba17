import type { TokenSymbol } from '../restaking/addresses';
import { AAVE_V3_PRICING, type AavePricing } from '../restaking/deployments';
import { liquidationDistance, type LiquidationDistance } from './liquidation';

/** What getReserveData and the oracle said about one reserve this refresh. */
export type ReserveFacts = {
  /** An Ethereum registry symbol, or an L2's (wrsETH…): an L2 caller passes `pricedBy` itself. */
  symbol: TokenSymbol | (string & {});
  /** ReserveConfigurationMap: LTV bits 0–15, liquidation threshold 16–31, bonus 32–47, decimals 48–55. */
  configuration: bigint | undefined;
  /** Reserve id: its bit in the e-mode bitmaps. */
  id: number | undefined;
  /** AaveOracle.getAssetPrice, base currency. */
  price: bigint | undefined;
  priceError: string;
};

export type LiquidationFactsParameters = {
  /** aToken balance (underlying units). */
  amount: bigint;
  /** getUserAccountData: collateral, debt, available, LT, LTV, health factor. */
  account: readonly [bigint, bigint, bigint, bigint, bigint, bigint] | undefined;
  reserve: ReserveFacts;
  weth: ReserveFacts;
  eModeId: bigint | undefined;
  eModeThresholdBps: number | undefined;
  eModeBitmap: bigint | undefined;
  eModeBitmapError: string | undefined;
  /** How Aave prices this collateral; defaults to Ethereum Core's (AAVE_V3_PRICING) for the symbol. */
  pricedBy?: AavePricing;
};

const field = (configuration: bigint, from: bigint, bits: bigint) => (configuration >> from) & ((1n << bits) - 1n);

/**
 * Depeg-to-liquidation facts of one Aave collateral as position details (decimal strings): the
 * threshold Aave applies to it (the e-mode's when the reserve's bit is in the user's category bitmap,
 * else the reserve's own), its value at Aave's price, and lib/risk's distance. Missing reads give
 * `liquidationError` and no distance: an unknown distance is never shown as a safe one.
 */
export function liquidationFacts(p: LiquidationFactsParameters): Record<string, string> {
  const { reserve, weth } = p;
  const pricedBy = p.pricedBy ?? AAVE_V3_PRICING[reserve.symbol as TokenSymbol] ?? 'market';
  const out: Record<string, string> = { pricedBy };
  const missing: string[] = [];
  if (!p.account) missing.push('getUserAccountData');
  if (reserve.configuration === undefined || reserve.id === undefined) missing.push(`getReserveData(${reserve.symbol})`);
  if (reserve.price === undefined) missing.push(`getAssetPrice(${reserve.symbol}): ${reserve.priceError}`);
  if (weth.price === undefined) missing.push(`getAssetPrice(WETH): ${weth.priceError}`);
  const inEMode = p.eModeId !== undefined && p.eModeId > 0n;
  if (inEMode && (p.eModeBitmap === undefined || p.eModeThresholdBps === undefined))
    missing.push(`e-mode ${p.eModeId} bitmap or config: ${p.eModeBitmapError ?? 'not read'}`);
  if (missing.length > 0 || !p.account) return { ...out, liquidationError: missing.join('; ') };

  const configuration = reserve.configuration!;
  const eModeCovers = inEMode && ((p.eModeBitmap! >> BigInt(reserve.id!)) & 1n) === 1n;
  const threshold = eModeCovers ? BigInt(p.eModeThresholdBps!) : field(configuration, 16n, 16n);
  const decimals = field(configuration, 48n, 8n);
  const collateralBase = (p.amount * reserve.price!) / 10n ** decimals;
  const [, debtBase, , , , healthFactorWad] = p.account;
  const d = liquidationDistance({
    healthFactorWad,
    debtBase,
    collateralBase,
    liquidationThresholdBps: threshold,
    assetPriceBase: reserve.price!,
    wethPriceBase: weth.price!,
  });
  Object.assign(out, {
    aavePriceBase: String(reserve.price),
    aaveWethPriceBase: String(weth.price),
    collateralBase: String(collateralBase),
    liquidationThresholdAppliedBps: String(threshold),
    liquidationThresholdFrom: eModeCovers ? `e-mode ${p.eModeId}` : 'reserve',
    liquidationStatus: d.status,
  });
  if (d.priceEthWad !== null) out.aavePriceEthWad = String(d.priceEthWad);
  if (d.distanceWad !== null) out.liquidationDistanceWad = String(d.distanceWad);
  if (d.liquidationPriceEthWad !== null) out.liquidationPriceEthWad = String(d.liquidationPriceEthWad);
  return out;
}

/** The liquidation facts of a position's details, parsed back (undefined when the reader could not compute them). */
export function readLiquidationDetails(details: Record<string, string>) {
  const status = details.liquidationStatus as LiquidationDistance['status'] | undefined;
  if (!status) return undefined;
  const big = (k: string) => (details[k] === undefined ? null : BigInt(details[k]!));
  return {
    symbol: details.underlying ?? '?',
    pricedBy: (details.pricedBy ?? 'market') as AavePricing,
    healthFactorWad: big('healthFactor'),
    distance: {
      status,
      distanceWad: big('liquidationDistanceWad'),
      priceEthWad: big('aavePriceEthWad'),
      liquidationPriceEthWad: big('liquidationPriceEthWad'),
    } satisfies LiquidationDistance,
  };
}
