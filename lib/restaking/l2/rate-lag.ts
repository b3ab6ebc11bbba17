import type { FairRateResult } from '../read-fair-rates';
import type { RestakingSymbol } from '../types';
import type { ChainHoldings, RateRef, TokenRate } from './holdings';
import type { L2ChainId } from './registry';

/**
 * Rate lag (issue #18, item 4): an L2 values a bridged LST/LRT with a copy of the L1 rate pushed across (Chainlink's
 * exchange-rate feed, Kelp's LayerZero receiver). A copy that stopped updating, or that trails the L1 fair rate,
 * undervalues the token there (or overvalues it after an L1 loss) — lending markets on the L2 price collateral by it.
 * Pure: the inputs come from readChainHoldings on the L2 and the fair rate of read-fair-rates on Ethereum.
 */

export type RateLagThresholds = {
  /** An L2 rate older than this (seconds, against the L2 block time) is stale. */
  maxAgeSeconds: bigint;
  /** An L2 rate below the L1 fair rate by more than this (basis points of the L1 rate) lags. */
  maxShortfallBps: bigint;
};

/**
 * Chainlink's exchange-rate feeds on L2s have a 24 h heartbeat (plus a 0.5 % deviation trigger for some); an hour of
 * grace on top, so a feed that is merely due does not flag. 50 bps: above the deviation trigger, so a fresh feed that
 * has not yet moved does not flag either.
 */
export const DEFAULT_RATE_LAG_THRESHOLDS: RateLagThresholds = { maxAgeSeconds: 25n * 3600n, maxShortfallBps: 50n };

export type RateLagReason = 'stale' | 'below-l1';

export type RateLagCheck = {
  chainId: L2ChainId;
  symbol: string;
  l1Symbol: RestakingSymbol;
  /** lagging: at least one reason; unknown: a side could not be read (error says which); ok: neither. */
  status: 'ok' | 'lagging' | 'unknown';
  reasons: RateLagReason[];
  l2Rate: bigint | null;
  l1Rate: bigint | null;
  /** (L1 − L2) / L1, 1e18-scaled; negative when the L2 rate is above L1. */
  shortfallWad: bigint | null;
  /** L2 block time − the rate's update time, seconds. */
  ageSeconds: bigint | null;
  thresholds: RateLagThresholds;
  sources: { l2: RateRef & { chainId: L2ChainId }; l1: { chainId: 1; description: string } };
  error?: string;
};

export type CheckRateLagParameters = {
  chainId: L2ChainId;
  symbol: string;
  l1Symbol: RestakingSymbol;
  l2: TokenRate;
  l1: FairRateResult | undefined;
  /** The L2's block timestamp of the read (ChainHoldings.timestamp). */
  now: bigint;
  thresholds?: RateLagThresholds;
};

const WAD = 10n ** 18n;

export function checkRateLag({
  chainId,
  symbol,
  l1Symbol,
  l2,
  l1,
  now,
  thresholds = DEFAULT_RATE_LAG_THRESHOLDS,
}: CheckRateLagParameters): RateLagCheck {
  const sources = {
    l2: { ...l2.source, chainId },
    l1: { chainId: 1 as const, description: l1?.source ?? `no L1 fair rate read for ${l1Symbol}` },
  };
  const base = { chainId, symbol, l1Symbol, thresholds, sources };
  const l2Rate = l2.ok ? l2.rate : null;
  const l1Rate = l1?.ok ? l1.rate : null;
  const ageSeconds = l2.ok && l2.updatedAt !== null ? now - l2.updatedAt : null;
  const reasons: RateLagReason[] = [];
  // Staleness needs only the L2 side; a missing L1 rate still leaves it decidable.
  if (ageSeconds !== null && ageSeconds > thresholds.maxAgeSeconds) reasons.push('stale');
  let shortfallWad: bigint | null = null;
  if (l2Rate !== null && l1Rate !== null && l1Rate > 0n) {
    shortfallWad = ((l1Rate - l2Rate) * WAD) / l1Rate;
    // Exact: (L1 − L2) / L1 > bps / 10 000, without the rounding of shortfallWad.
    if ((l1Rate - l2Rate) * 10_000n > thresholds.maxShortfallBps * l1Rate) reasons.push('below-l1');
  }
  const errors = [
    !l2.ok ? `L2 rate: ${l2.error}` : undefined,
    !l1 ? `L1 fair rate of ${l1Symbol} not read` : !l1.ok ? `L1 fair rate: ${l1.error}` : undefined,
  ].filter((e): e is string => e !== undefined);
  const status = reasons.length > 0 ? 'lagging' : errors.length > 0 ? 'unknown' : 'ok';
  return { ...base, status, reasons, l2Rate, l1Rate, shortfallWad, ageSeconds, ...(errors.length ? { error: errors.join('; ') } : {}) };
}

/** Every token of each L2's holdings against Ethereum's fair rates (ChainHoldings.fairRates of chain 1). */
export function rateLagsAcrossChains(
  ethereum: ChainHoldings,
  l2s: readonly ChainHoldings[],
  thresholds: RateLagThresholds = DEFAULT_RATE_LAG_THRESHOLDS,
): RateLagCheck[] {
  if (ethereum.chainId !== 1 || !ethereum.fairRates)
    throw new Error('rateLagsAcrossChains needs the Ethereum holdings (chain 1) as its first argument');
  return l2s
    .filter((h): h is ChainHoldings & { chainId: L2ChainId } => h.chainId !== 1)
    .flatMap((h) =>
      h.tokens.map((t) =>
        checkRateLag({
          chainId: h.chainId,
          symbol: t.symbol,
          l1Symbol: t.l1Symbol,
          l2: t.rate,
          l1: ethereum.fairRates![t.l1Symbol],
          now: h.timestamp,
          thresholds,
        }),
      ),
    );
}
