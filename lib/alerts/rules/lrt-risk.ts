import { formatEth, formatWadPercent } from '../../format';
import { percentToWad } from '../settings';
import type { AlertCandidate } from '../types';
import { WAD, type RuleContext } from './context';

/** Default of settings.lrtWorstCasePercent: a held LRT's worst-case slashing loss above 10 % of the position's fair value. */
export const DEFAULT_LRT_WORST_CASE_PERCENT = 10;
/** The episode closes once the worst case is back under 0.9 × the threshold, so a figure hovering at it is one notice. */
const CLEAR_FACTOR = 9n; // ÷ 10

/**
 * Issue #15 item 6 (b): an allocation change (or a new operator) that lifts a held LRT's worst-case
 * loss (position.slashing.worstCaseEth from the look-through: every operator set slashes 100 %) above
 * the threshold share of the position's fair value between two snapshots (at or under it at the last one,
 * above it now) raises one info alert per episode. A position already above the threshold when first
 * seen, or when the threshold is lowered under it, opens an episode silently: the rule reports a rise. Unknown look-through or a
 * failed read neither opens nor closes an episode.
 */
export function lrtWorstCaseRule({ snapshot, settings, state }: RuleContext): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const threshold = percentToWad(settings.lrtWorstCasePercent ?? DEFAULT_LRT_WORST_CASE_PERCENT);
  const episodes = (state.lrtRiskEpisodes ??= {});
  const present = new Set<string>();
  for (const p of snapshot.positions) {
    if (p.status !== 'ok' || p.slashing?.method !== 'lrt-share' || !p.fairValueEth || p.fairValueEth <= 0n) continue;
    present.add(p.id);
    const worst = p.slashing.worstCaseEth;
    const shareWad = (worst * WAD) / p.fairValueEth;
    const episode = episodes[p.id];
    if (shareWad * 10n < threshold * CLEAR_FACTOR) {
      delete episodes[p.id];
      continue;
    }
    if (shareWad <= threshold || episode) continue;
    const start = String(snapshot.blockNumber);
    episodes[p.id] = { start };
    const memo = state.positions[p.id];
    if (!memo?.lrtWorstCaseEth) continue; // first sight: no "rise" to report
    const beforeWorst = BigInt(memo.lrtWorstCaseEth);
    const beforeShare = BigInt(memo.value) > 0n ? (beforeWorst * WAD) / BigInt(memo.value) : 0n;
    if (beforeShare > threshold) continue; // already above at the last snapshot (e.g. the threshold was lowered): nothing rose
    const lrt = p.details.lrtSymbol ?? p.asset;
    out.push({
      id: `lrt-risk:${p.id}:${start}`,
      rule: 'slashing',
      severity: 'info',
      cooldownKey: `lrt-risk:${p.id}`,
      positionId: p.id,
      block: start,
      title: `${lrt}: worst-case slashing loss rose to ${formatWadPercent(shareWad)} of your position`,
      message: `The operators behind ${lrt} changed their allocations: if every operator set they are allocated to slashed in full, your ${lrt} would lose ${formatEth(worst)} (${formatWadPercent(shareWad)} of its value), up from ${formatEth(beforeWorst)} (${formatWadPercent(beforeShare)}). Your alert threshold is ${formatWadPercent(threshold)}.`,
      data: {
        lrt,
        worstCaseEth: String(worst),
        worstCaseBeforeEth: String(beforeWorst),
        fairValueEth: String(p.fairValueEth),
        shareWad: String(shareWad),
        thresholdWad: String(threshold),
        formula:
          'shareWad = worstCaseEth × 1e18 / fairValueEth; worstCaseEth = balance / supply × Σ over the LRT stakers of ETH × encumbered / max magnitude',
      },
    });
  }
  for (const id of Object.keys(episodes)) if (!present.has(id)) delete episodes[id];
  return out;
}
