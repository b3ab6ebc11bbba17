import { LRT_STRUCTURES, type LrtStructure } from '../../restaking/lrt-structure';
import { RESTAKING_SYMBOLS, RESTAKING_TOKENS } from '../../restaking/tokens';
import type { RestakingSymbol } from '../../restaking/types';
import { listing, lookThroughViews, round1Calls, round2Calls, round3Calls, type Known, type LrtLookThroughView } from '../lookthrough/plan';
import type { Position, TokenLookThrough } from '../types';
import { lrtShareExposure, WAD } from '../valuation';
import type { PositionReader } from './reader';

const LRTS = RESTAKING_SYMBOLS.filter((s) => RESTAKING_TOKENS[s].kind === 'lrt');

/**
 * The LRT a position is a claim on and how many tokens of it: a token balance, an aToken (1:1 with its
 * underlying), a Curve LP share's part of the pool's LRT coin (the curve reader's `underlying{i}` detail),
 * or a Pendle PT of a market whose SY wraps an LRT (registry `lrt`): its ETH value (PT × getPtToAssetRate ×
 * the accounting asset's fair rate, as the pendle reader values it) stands on that LRT, so it counts as
 * ETH value ÷ the LRT's fair rate tokens of it (`ethValue`, converted once the LRT's rate is read).
 */
type Held = { symbol: RestakingSymbol } & ({ amount: bigint } | { ethValue: bigint });
function lrtOf(p: Position): Held | undefined {
  const find = (x: string | undefined) => LRTS.find((s) => s === x);
  if (p.family === 'token' || p.family === 'aave') {
    const symbol = find(p.family === 'token' ? p.asset : p.details.underlying);
    return symbol ? { symbol, amount: p.amount } : undefined;
  }
  if (p.family === 'pendle-pt') {
    const symbol = find(p.details.ptLrt);
    return symbol && p.fairValueEth !== null ? { symbol, ethValue: p.fairValueEth } : undefined;
  }
  if (p.family !== 'curve-lp') return undefined;
  for (const [key, text] of Object.entries(p.details)) {
    const m = /^underlying\d+$/.test(key) ? /^(\d+) (\S+)$/.exec(text) : null;
    const symbol = find(m?.[2]);
    if (m && symbol) return { symbol, amount: BigInt(m[1]!) };
  }
  return undefined;
}

/**
 * An LRT holder's share of the protocol's slashing exposure (issue #15, reference §6 step 6): the
 * LRT's staker contracts are found on chain (lib/restaking/lrt-structure.ts) in phase 1, read as
 * EigenLayer stakers in phase 2, their operators' magnitudes in phase 3; the holder carries
 * balance / totalSupply of it. Where the protocol has no on-chain path, or a read fails, the exposure is
 * "unknown" with the reason — never 0. It adds no positions: it annotates token, Aave, Curve LP and Pendle PT positions of LRTs.
 */
export function lrtExposureReader(structures: readonly LrtStructure[] = LRT_STRUCTURES): PositionReader {
  const known = structures.filter((s): s is Known => s.status === 'known');
  return {
    family: 'lrt-exposure',
    phase1: () => round1Calls(known),
    phase2: (ctx, reads) => round2Calls(listing(known, reads, ctx.eventStakers).stakers),
    phase3: (ctx, reads) => round3Calls(listing(known, reads, ctx.eventStakers).stakers, reads),
    positions: () => [],
    annotate: (ctx, reads, _rates, positions) => {
      if (!positions.some((p) => lrtOf(p) && p.status === 'ok')) return positions;
      const views = lookThroughViews(structures, listing(known, reads, ctx.eventStakers).lists, reads, ctx.blockNumber);
      return positions.map((p) => {
        const held = lrtOf(p);
        if (!held || p.status !== 'ok') return p;
        const { symbol } = held;
        const tagged = {
          ...p,
          details: { ...p.details, lrtSymbol: symbol, ...('amount' in held ? { lrtAmount: String(held.amount) } : {}) },
        };
        // eETH has no structure of its own: it is ether.fi's, as weETH is. A pegged token another LRT wraps (1 eETH =
        // 1 ETH) stands on the wrapper's look-through as ETH value ÷ the wrapper's rate; an unknown one shares its reason.
        const protocol = RESTAKING_TOKENS[symbol].protocol;
        const wrapper = views.find(
          (x) => RESTAKING_TOKENS[x.symbol].wraps === symbol && RESTAKING_TOKENS[symbol].fairRate.kind === 'pegged',
        );
        if (!views.some((x) => x.symbol === symbol) && wrapper?.status === 'known' && 'amount' in held && wrapper.fairRate > 0n) {
          const amount = (held.amount * WAD) / wrapper.fairRate;
          return withShare(
            { ...tagged, details: { ...tagged.details, lrtVia: wrapper.symbol, lrtAmount: String(amount) } },
            wrapper,
            amount,
          );
        }
        const v =
          views.find((x) => x.symbol === symbol) ??
          views.find((x) => x.status === 'unknown' && RESTAKING_TOKENS[x.symbol].protocol === protocol);
        if (!v)
          return unknown(
            tagged,
            `${symbol}: no staker structure in Ballast's LRT registry for ${RESTAKING_TOKENS[symbol].protocol}`,
            `Ballast does not know yet which contracts restake for ${symbol}, so the operators behind it cannot be read.`,
          );
        if (v.status === 'unknown') return unknown(tagged, v.reason, v.plain, v.rateShowsSlash.how);
        // A PT's ETH value in LRT tokens at the LRT's fair rate (floor).
        const amount = 'amount' in held ? held.amount : v.fairRate > 0n ? (held.ethValue * WAD) / v.fairRate : 0n;
        return withShare({ ...tagged, details: { ...tagged.details, lrtAmount: String(amount) } }, v, amount);
      });
    },
    annotateTokens: (ctx, reads, tokens) => {
      const views = lookThroughViews(structures, listing(known, reads, ctx.eventStakers).lists, reads, ctx.blockNumber);
      return tokens.map((t) => {
        const v = views.find((x) => x.symbol === t.symbol);
        return v ? { ...t, lookThrough: tokenLookThrough(v) } : t;
      });
    },
  };
}

function tokenLookThrough(v: LrtLookThroughView): TokenLookThrough {
  if (v.status === 'unknown') return { status: 'unknown', reason: v.reason };
  return {
    status: 'known',
    supply: v.supply,
    restakedEth: v.exposure.restakedEth,
    byOperator: v.exposure.byOperator.map((o) => ({ operator: o.operator, restakedEth: o.restakedEth })),
    bySet: v.exposure.bySet.map((s) => ({ avs: s.avs, id: s.id, atRiskEth: s.atRiskEth })),
  };
}

function withShare(p: Position, v: Extract<LrtLookThroughView, { status: 'known' }>, amount: bigint): Position {
  const e = v.exposure;
  const share = lrtShareExposure(amount, v.supply, e.worstCaseEth);
  if (!share)
    return unknown(
      p,
      `${v.symbol} totalSupply ${v.supply} cannot be split for a balance of ${amount}`,
      `This position is larger than all ${v.symbol} in circulation as read, so its share cannot be worked out.`,
      v.rateShowsSlash.how,
    );
  const holder = (eth: bigint) => lrtShareExposure(amount, v.supply, eth)?.holderAtRiskEth ?? 0n;
  const worst = e.worstSet;
  return {
    ...p,
    slashing: {
      worstCaseEth: share.holderAtRiskEth,
      method: 'lrt-share',
      // No single `operator`: an LRT spreads over several (the top one is in details); alerts key on it for direct stake only.
      perSet: e.bySet.map((s) => ({ avs: s.avs, id: s.id, magnitude: 0n, atRiskEth: holder(s.atRiskEth) })),
      perOperator: e.byOperator.map((o) => ({ operator: o.operator, restakedEth: holder(o.restakedEth) })),
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
      // Event-announced stakers (ether.fi): how many nodes were read of how many found, and how complete the scan is.
      ...(v.coverage
        ? {
            lrtCoverage: v.coverage.note,
            lrtStakersRead: String(v.coverage.stakersRead),
            lrtStakersFound: String(v.coverage.stakersFound),
            lrtStakerScan: v.coverage.scan,
          }
        : {}),
    },
  };
}

/** `reason` is the technical one (detail view, with its calls); `plain` is what the user reads in lists. */
function unknown(p: Position, reason: string, plain: string, rateShowsSlash?: string): Position {
  return {
    ...p,
    details: {
      ...p.details,
      lrtExposure: 'unknown',
      lrtExposureReason: reason,
      lrtExposureWhy: plain,
      ...(rateShowsSlash ? { lrtRateShowsSlash: rateShowsSlash } : {}),
    },
  };
}
