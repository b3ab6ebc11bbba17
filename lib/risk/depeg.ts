import { AppError } from '../errors';
import type { RiskFlag, RiskSource, Severity } from './flag';
import { formatAmount, formatBps, formatEth, formatPercent } from '../format';
import { WAD, mulDiv } from './wad';

/**
 * Depeg thresholds on the discount of market price to fair value (absolute deviation).
 * ≥ 0.5 % info, ≥ 1 % warn, ≥ 3 % danger. For scale: weETH's worst 2024 stress was 1.4 %,
 * stETH's June 2022 low ~6.8 %, ezETH's April 2024 wick ~78 % (reference §4).
 * A premium (market above fair) is only ever info: it hurts a buyer, not a holder.
 */
export const DEPEG_THRESHOLDS_BPS = { info: 50n, warn: 100n, danger: 300n } as const;

export type DepegRatioReturnType = {
  /** market ÷ fair − 1 in WAD, signed: −0.03e18 is a 3 % discount. Truncated toward zero. */
  deviationWad: bigint;
  /** The same in basis points, signed, truncated toward zero. */
  deviationBps: bigint;
  /** Float for display and charts (≈1e-16 relative precision). */
  deviation: number;
};

/** How far a market price sits from the fair (exchange-rate) value; both are ETH wei per 1e18 token wei. */
export function depegRatio(market: bigint, fair: bigint): DepegRatioReturnType {
  if (fair <= 0n)
    throw new AppError('Fair rate is zero or negative', {
      details: 'The protocol rate read returned no value; check the rate contract before judging the peg.',
    });
  if (market < 0n) throw new AppError('Market price is negative', { details: 'A pool quote cannot be negative; re-read the quote.' });
  const diff = market - fair;
  return {
    deviationWad: (diff * WAD) / fair,
    deviationBps: (diff * 10_000n) / fair,
    deviation: Number(diff) / Number(fair),
  };
}

export type ExitLossParameters = {
  /** Token amount to exit, token wei. */
  amount: bigint;
  /** Fair value, ETH wei per 1e18 token wei (e.g. wstETH.stEthPerToken()). */
  fairRate: bigint;
  /** ETH wei a quote for exactly `amount` returns (fee and price impact included). */
  quotedOut: bigint;
};

export type ExitLossReturnType = {
  fairValueWei: bigint;
  /** Fair value − quoted out; positive is a loss, negative means the pool pays above fair. */
  lossWei: bigint;
  lossBps: bigint;
  lossFraction: number;
};

/** What selling `amount` through the pool costs against fair value. Uses the size quote, not spot. */
export function exitLoss({ amount, fairRate, quotedOut }: ExitLossParameters): ExitLossReturnType {
  if (amount <= 0n)
    throw new AppError('Exit amount must be positive', { details: 'Pass the token amount (in wei) the user wants to exit.' });
  const fairValueWei = mulDiv(amount, fairRate, WAD);
  if (fairValueWei === 0n)
    throw new AppError('Fair value of the exit is zero', {
      details: 'The fair rate or amount is too small to value; check the rate source.',
    });
  const lossWei = fairValueWei - quotedOut;
  return {
    fairValueWei,
    lossWei,
    lossBps: (lossWei * 10_000n) / fairValueWei,
    lossFraction: Number(lossWei) / Number(fairValueWei),
  };
}

function severityForDiscount(discountBps: bigint): Severity | undefined {
  if (discountBps >= DEPEG_THRESHOLDS_BPS.danger) return 'danger';
  if (discountBps >= DEPEG_THRESHOLDS_BPS.warn) return 'warn';
  if (discountBps >= DEPEG_THRESHOLDS_BPS.info) return 'info';
  return undefined;
}

export type DepegFlagParameters = { symbol: string; market: bigint; fair: bigint; source?: RiskSource };

/** A flag when the token trades away from fair value; undefined when the peg holds. */
export function depegFlag({ symbol, market, fair, source }: DepegFlagParameters): RiskFlag | undefined {
  const { deviationBps, deviation } = depegRatio(market, fair);
  const numbers = {
    // Rates are prices (neither held nor at risk): nearest. The deviation is the risk: away from zero.
    market: formatAmount(market, 18, `ETH per ${symbol}`, { maxFractionDigits: 6, rounding: 'halfEven' }),
    fair: formatAmount(fair, 18, `ETH per ${symbol}`, { maxFractionDigits: 6, rounding: 'halfEven' }),
    deviation: formatPercent(deviation, { signed: true }),
  };
  if (deviationBps > 0n) {
    if (deviationBps < DEPEG_THRESHOLDS_BPS.warn) return undefined;
    return {
      id: 'depeg.premium',
      severity: 'info',
      title: `${symbol} trades ${formatBps(deviationBps)} above fair value`,
      numbers,
      why: `Buying ${symbol} on the market costs more than minting it at the protocol rate; minting directly is cheaper.`,
      source,
    };
  }
  const severity = severityForDiscount(-deviationBps);
  if (!severity) return undefined;
  return {
    id: 'depeg.discount',
    severity,
    title: `${symbol} trades ${formatBps(-deviationBps)} below fair value`,
    numbers,
    why: `Selling ${symbol} on the market now realises this discount. Holding to redemption through the protocol avoids it if withdrawals work; lenders pricing by market may liquidate ${symbol} collateral.`,
    source,
  };
}

export type ExitLossFlagParameters = ExitLossParameters & { symbol: string; source?: RiskSource };

/** Exit-loss thresholds, on the loss vs fair value: ≥ 0.3 % info, ≥ 1 % warn, ≥ 3 % danger. */
export const EXIT_LOSS_THRESHOLDS_BPS = { info: 30n, warn: 100n, danger: 300n } as const;

export function exitLossFlag({ symbol, source, ...parameters }: ExitLossFlagParameters): RiskFlag | undefined {
  const { fairValueWei, lossWei, lossBps, lossFraction } = exitLoss(parameters);
  const severity: Severity | undefined =
    lossBps >= EXIT_LOSS_THRESHOLDS_BPS.danger
      ? 'danger'
      : lossBps >= EXIT_LOSS_THRESHOLDS_BPS.warn
        ? 'warn'
        : lossBps >= EXIT_LOSS_THRESHOLDS_BPS.info
          ? 'info'
          : undefined;
  if (!severity) return undefined;
  return {
    id: 'exit.loss',
    severity,
    title: `Selling ${formatAmount(parameters.amount, 18, symbol)} through the pool loses ${formatPercent(lossFraction)}`,
    numbers: {
      fairValue: formatEth(fairValueWei),
      quotedOut: formatEth(parameters.quotedOut),
      loss: formatEth(lossWei, { rounding: 'expand' }),
      lossPercent: formatPercent(lossFraction),
    },
    why: 'The quote for this size (fees and price impact included) is below fair value. A smaller size, another venue or the protocol withdrawal queue may return more.',
    source,
  };
}
