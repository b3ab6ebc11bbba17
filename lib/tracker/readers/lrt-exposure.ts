import { LRT_STRUCTURES, type LrtStructure } from '../../restaking/lrt-structure';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS } from '../../restaking/tokens';
import type { RestakingSymbol } from '../../restaking/types';
import { listing, lookThroughViews, round1Calls, round2Calls, round3Calls, type Known, type LrtLookThroughView } from '../lookthrough/plan';
import type { Position } from '../types';
import { lrtShareExposure } from '../valuation';
import type { PositionReader } from './reader';

const LRTS = RESTAKING_SYMBOLS.filter((s) => RESTAKING_TOKENS[s].kind === 'lrt');

/** Families whose amount is a number of LRT tokens the holder has a claim on. */
const lrtOf = (p: Position): RestakingSymbol | undefined => {
  const symbol = p.family === 'token' ? p.asset : p.family === 'aave' ? p.details.underlying : undefined;
  return LRTS.find((s) => s === symbol);
};

/**
 * An LRT holder's share of the protocol's slashing exposure (issue #15, reference §6 step 6): the
 * LRT's staker contracts are found on chain (lib/restaking/lrt-structure.ts) in phase 1, read as
 * EigenLayer stakers in phase 2, their operators' magnitudes in phase 3; the holder carries
 * balance / totalSupply of it. Where the protocol has no on-chain path, or a read fails, the exposure is
 * "unknown" with the reason — never 0. It adds no positions: it annotates token and Aave positions of LRTs.
 */
export function lrtExposureReader(structures: readonly LrtStructure[] = LRT_STRUCTURES): PositionReader {
  const known = structures.filter((s): s is Known => s.status === 'known');
  return {
    family: 'lrt-exposure',
    phase1: () => round1Calls(known),
    phase2: (_ctx, reads) => round2Calls(listing(known, reads).stakers),
    phase3: (_ctx, reads) => round3Calls(listing(known, reads).stakers, reads),
    positions: () => [],
    annotate: (ctx, reads, _rates, positions) => {
      if (!positions.some((p) => lrtOf(p) && p.status === 'ok')) return positions;
      const views = lookThroughViews(structures, listing(known, reads).lists, reads, ctx.blockNumber);
      return positions.map((p) => {
        const symbol = lrtOf(p);
        if (!symbol || p.status !== 'ok') return p;
        const v = views.find((x) => x.symbol === symbol);
        if (!v)
          return unknown(
            p,
            `${symbol}: no staker structure in the registry (lib/restaking/lrt-structure.ts) for ${RESTAKING_TOKENS[symbol].protocol}`,
          );
        if (v.status === 'unknown') return unknown(p, v.reason, v.rateShowsSlash.how);
        return withShare(p, v);
      });
    },
  };
}

function withShare(p: Position, v: Extract<LrtLookThroughView, { status: 'known' }>): Position {
  const e = v.exposure;
  const share = lrtShareExposure(p.amount, v.supply, e.worstCaseEth);
  if (!share) return unknown(p, `${v.symbol} totalSupply ${v.supply} cannot be split for a balance of ${p.amount}`, v.rateShowsSlash.how);
  const holder = (eth: bigint) => lrtShareExposure(p.amount, v.supply, eth)?.holderAtRiskEth ?? 0n;
  const worst = e.worstSet;
  return {
    ...p,
    slashing: {
      worstCaseEth: share.holderAtRiskEth,
      method: 'lrt-share',
      // No single `operator`: an LRT spreads over several (the top one is in details); alerts key on it for direct stake only.
      perSet: e.bySet.map((s) => ({ avs: s.avs, id: s.id, magnitude: 0n, atRiskEth: holder(s.atRiskEth) })),
    },
    details: {
      ...p.details,
      lrtExposure: 'known',
      lrtProtocolAtRiskEth: String(e.worstCaseEth),
      lrtTotalSupply: String(v.supply),
      lrtShareOfSupplyWad: String(share.shareOfSupplyWad),
      lrtBackingEth: String(e.backingEth),
      lrtRestakedEth: String(e.restakedEth),
      lrtStakers: String(v.stakers.length),
      lrtOperators: String(e.byOperator.length),
      ...(e.topOperator ? { lrtTopOperator: e.topOperator.operator, lrtTopOperatorShareWad: String(e.topOperator.shareWad) } : {}),
      lrtHhi: e.hhi.toFixed(6),
      ...(worst
        ? {
            lrtWorstSet: `${worst.avs}:${worst.id}`,
            lrtWorstSetLossEth: String(worst.atRiskEth),
            lrtWorstSetShareOfBackingWad: String(worst.shareOfBackingWad),
            lrtHolderWorstSetLossEth: String(holder(worst.atRiskEth)),
          }
        : {}),
      lrtRateShowsSlash: `${v.rateShowsSlash.when}: ${v.rateShowsSlash.how}`,
    },
  };
}

function unknown(p: Position, reason: string, rateShowsSlash?: string): Position {
  return {
    ...p,
    details: {
      ...p.details,
      lrtExposure: 'unknown',
      lrtExposureReason: reason,
      ...(rateShowsSlash ? { lrtRateShowsSlash: rateShowsSlash } : {}),
    },
  };
}
