import { formatEth, formatWadPercent } from '../format';
import { WAD } from './wad';

import type { AavePricing } from '../restaking/deployments';

/**
 * How Aave prices a collateral (reference §3.3, AAVE_V3_PRICING). 'exchange-rate': a CAPO adapter, the
 * protocol's own rate × ETH/USD with a growth cap, so a market (DEX) discount alone does not move the
 * health factor; 'market': a market feed, so a market discount does; 'eth-usd': ETH itself (WETH).
 */
export type { AavePricing };

export type LiquidationDistanceParameters = {
  /** getUserAccountData's health factor (WAD); uint256 max without debt. */
  healthFactorWad: bigint;
  /** getUserAccountData's total debt, base currency (USD, 8 decimals on Ethereum Core). */
  debtBase: bigint;
  /** This collateral's value at Aave's price (amount × getAssetPrice / 10^decimals), base currency. */
  collateralBase: bigint;
  /** The liquidation threshold Aave applies to it: the e-mode's when the asset is in the user's category, bps. */
  liquidationThresholdBps: bigint;
  /** Aave's prices of this collateral and of WETH (getAssetPrice), base currency: their ratio is the price in ETH. */
  assetPriceBase: bigint;
  wethPriceBase: bigint;
};

export type LiquidationDistance = {
  /**
   * 'ok': the price of this collateral may fall `distanceWad` before the health factor reaches 1;
   * 'liquidatable': it is below 1 already (distance 0); 'out-of-reach': this collateral alone cannot
   * bring it to 1 (the needed fall is ≥ 100 %); 'no-debt': nothing to liquidate; 'not-collateral':
   * it adds nothing to the health factor (threshold 0 or no value).
   */
  status: 'ok' | 'liquidatable' | 'out-of-reach' | 'no-debt' | 'not-collateral';
  /** Fraction (WAD) by which Aave's price of this collateral must fall, others fixed, for HF = 1. */
  distanceWad: bigint | null;
  /** Aave's price of the collateral in ETH now, and where HF reaches 1 (WAD). */
  priceEthWad: bigint | null;
  liquidationPriceEthWad: bigint | null;
};

/**
 * Depeg-to-liquidation distance of one Aave v3 collateral. HF = Σ Cᵢ·LTᵢ / debt (GenericLogic), so a
 * fall d of collateral x's price, everything else fixed, gives HF' = HF − d·Cₓ·LTₓ / debt, and
 * HF' = 1 at d* = (HF − 1)·debt / (Cₓ·LTₓ); with x the only collateral, d* = 1 − 1/HF. Rounded down:
 * the distance shown is never larger than the true one.
 */
export function liquidationDistance(p: LiquidationDistanceParameters): LiquidationDistance {
  const priceEthWad = p.wethPriceBase > 0n ? (p.assetPriceBase * WAD) / p.wethPriceBase : null;
  const none = (status: LiquidationDistance['status'], distanceWad: bigint | null = null): LiquidationDistance => ({
    status,
    distanceWad,
    priceEthWad,
    liquidationPriceEthWad: status === 'liquidatable' ? priceEthWad : null,
  });
  if (p.debtBase === 0n) return none('no-debt');
  if (p.healthFactorWad <= WAD) return none('liquidatable', 0n);
  const weight = p.collateralBase * p.liquidationThresholdBps;
  if (weight === 0n) return none('not-collateral');
  const distanceWad = ((p.healthFactorWad - WAD) * p.debtBase * 10_000n) / weight;
  if (distanceWad >= WAD) return none('out-of-reach', distanceWad);
  return {
    status: 'ok',
    distanceWad,
    priceEthWad,
    liquidationPriceEthWad: priceEthWad === null ? null : (priceEthWad * (WAD - distanceWad)) / WAD,
  };
}

/** A safety margin is never shown wider than it is: down, two decimals. */
export const formatLiquidationDistance = (wad: bigint): string => formatWadPercent(wad, { rounding: 'floor', minFractionDigits: 2 });
/** The price where liquidation starts, never shown further away than it is: up. */
export const formatLiquidationPrice = (wad: bigint): string => formatEth(wad, { rounding: 'ceil' });

/** Plain-language reading of a distance for a collateral `symbol`, given how Aave prices it. */
export function liquidationSentence(symbol: string, pricedBy: AavePricing, d: LiquidationDistance): string {
  if (d.status === 'no-debt') return 'No debt: nothing to liquidate.';
  if (d.status === 'not-collateral') return `${symbol} adds nothing to this health factor (not counted as collateral).`;
  if (d.status === 'liquidatable') return 'The health factor is below 1: this position can be liquidated now.';
  if (pricedBy === 'eth-usd') return `${symbol} is ETH itself: its price moves with an ETH debt, so no depeg applies.`;
  if (d.status === 'out-of-reach' || d.distanceWad === null)
    return `A fall of ${symbol} alone cannot bring this health factor to 1; other collateral or the debt would have to move too.`;
  const pct = formatLiquidationDistance(d.distanceWad);
  const at = d.liquidationPriceEthWad === null ? '' : ` (Aave’s price ${formatLiquidationPrice(d.liquidationPriceEthWad)} per ${symbol})`;
  return pricedBy === 'exchange-rate'
    ? `A market depeg alone does not move this health factor (Aave prices ${symbol} by its exchange rate); a fall of the exchange rate itself (a slash, a loss in the protocol’s books) of ${pct} would liquidate${at}.`
    : `A market discount of ${pct} liquidates${at}.`;
}
