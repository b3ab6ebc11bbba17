import { isEthLike, type CurveLpPool } from '../../restaking/deployments';
import { ilYieldBearing } from '../../risk';
import type { ImpermanentLoss } from '../types';
import { stableswapIlVsBalancedEntry, WAD } from '../valuation';
import type { CoinRates } from './value';

/** Curve's fee unit: fee() / 1e10 is the fraction (4e6 → 0.04 %). */
const FEE_DENOMINATOR = 10_000_000_000;

export type CurveLpIlParameters = {
  pool: CurveLpPool;
  amount: bigint;
  underlying: readonly bigint[];
  values: readonly { fairValueEth: bigint | null; marketValueEth: bigint | null; rates: CoinRates }[];
  reads: { virtualPrice?: bigint; A?: bigint; fee?: bigint };
};

/**
 * IL of a Curve LP against HODL, assuming a balanced entry at the peg (no entry is recorded): the
 * LP's virtual value (amount × get_virtual_price, in fair-ETH units, fees earned included) split
 * evenly between the coins, valued at today's market rates, vs. the LP's actual claim at the same
 * rates. Also the lib/risk StableSwap model at the current market ÷ fair price, for comparison:
 * the two agree while the pool sits at the market price; the measured one is the position's own.
 */
export function curveLpIl({ pool, amount, underlying, values, reads }: CurveLpIlParameters): {
  il?: ImpermanentLoss;
  details: Record<string, string>;
} {
  const details: Record<string, string> = { ilBasis: 'balanced entry at peg (entry not recorded); fees earned count on both sides' };
  const marketPerFair = values.map((v) =>
    v.rates.fairRate && v.rates.marketRate !== null ? (v.rates.marketRate * WAD) / v.rates.fairRate : null,
  );
  if (reads.virtualPrice === undefined || marketPerFair.some((m) => m === null)) {
    details.ilError = reads.virtualPrice === undefined ? 'get_virtual_price was not read' : 'a coin has no market rate';
    return { details };
  }
  const virtualValueEth = (amount * reads.virtualPrice) / WAD;
  const measured = stableswapIlVsBalancedEntry({
    underlyingFairEth: values.map((v) => v.fairValueEth ?? 0n),
    marketPerFair: marketPerFair as bigint[],
    virtualValueEth,
  });
  const il: ImpermanentLoss = {
    ...measured,
    basis: 'balanced-entry-at-peg',
    underlying: pool.coins.map((coin, i) => ({ asset: coin, amount: underlying[i] ?? 0n })),
  };
  details.virtualValueEth = String(virtualValueEth);

  // The model prices the one coin that is not ETH (reference §5c, yield-bearing caveat: price = market ÷ fair).
  const token = pool.coins.findIndex((c) => !isEthLike(c));
  const rates = values[token]?.rates;
  if (reads.A !== undefined && reads.A > 0n && rates?.fairRate && rates.marketRate) {
    const fee = reads.fee === undefined ? 0 : Number(reads.fee) / FEE_DENOMINATOR;
    const model = ilYieldBearing({
      marketPrice: rates.marketRate,
      fairRate: rates.fairRate,
      pool: { kind: 'stableswap', A: Number(reads.A), fee },
    });
    Object.assign(details, {
      ilModel: model.il.toFixed(10),
      ilModelPrice: model.depegPrice.toFixed(10),
      poolA: String(reads.A),
      poolFee: String(reads.fee ?? ''),
    });
  }
  return { il, details };
}
