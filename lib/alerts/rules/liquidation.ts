import { formatHealthFactor } from '../../format';
import { formatLiquidationDistance, liquidationSentence } from '../../risk/liquidation';
import { readLiquidationDetails } from '../../risk/liquidation-facts';
import { percentToWad } from '../settings';
import type { AlertCandidate } from '../types';
import type { RuleContext } from './context';

/** Health factor under which an Aave position is alerted whatever its distance (issue #16). */
export const LIQUIDATION_HEALTH_ALERT_WAD = 1_100_000_000_000_000_000n;
/**
 * An episode closes only once the position is clearly out: distance ≥ 1.2 × the threshold and health
 * factor ≥ 1.12. A position hovering at the threshold is one episode, not a notice per refresh.
 */
const CLEAR_DISTANCE_FACTOR = 12n; // ÷ 10
const CLEAR_HEALTH_WAD = 1_120_000_000_000_000_000n;

/**
 * Aave liquidation episodes, one per position: opens when the depeg-to-liquidation distance falls
 * under the threshold (settings.liquidationPercent, default 5 %) or the health factor under 1.1, and
 * raises one alert whose id (position + block the episode began) stays the same across refreshes;
 * it re-arms once the position is clearly safe again or is gone. Missing facts (a failed read)
 * neither open nor close an episode.
 */
export function liquidationRule({ snapshot, settings, state }: RuleContext): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const threshold = percentToWad(settings.liquidationPercent);
  const seen = new Set<string>();
  const unread = new Set<string>();
  for (const p of snapshot.positions) {
    if (p.family !== 'aave') continue;
    seen.add(p.id);
    if (p.status === 'failed') unread.add(p.account.toLowerCase());
    const f = p.status === 'ok' ? readLiquidationDetails(p.details) : undefined;
    if (!f || f.healthFactorWad === null) continue;
    const { distance: d, healthFactorWad: hf } = f;
    const hasDebt = d.status !== 'no-debt';
    const near = d.status === 'liquidatable' || (d.status === 'ok' && d.distanceWad !== null && d.distanceWad < threshold);
    const low = hasDebt && hf < LIQUIDATION_HEALTH_ALERT_WAD;
    const episode = state.liquidationEpisodes[p.id];
    if (!near && !low) {
      const clear =
        !hasDebt || (hf >= CLEAR_HEALTH_WAD && (d.distanceWad === null || d.distanceWad * 10n >= threshold * CLEAR_DISTANCE_FACTOR));
      if (episode && clear) delete state.liquidationEpisodes[p.id];
      continue;
    }
    if (episode) continue;
    const start = String(snapshot.blockNumber);
    state.liquidationEpisodes[p.id] = { start };
    const hfText = formatHealthFactor(hf);
    const what =
      d.status === 'liquidatable'
        ? 'can be liquidated now'
        : d.status === 'ok' && d.distanceWad !== null
          ? `is ${formatLiquidationDistance(d.distanceWad)} from liquidation`
          : `has health factor ${hfText}`;
    out.push({
      id: `liquidation:${p.id}:${start}`,
      rule: 'liquidation',
      severity: 'danger',
      cooldownKey: `liquidation:${p.id}`,
      positionId: p.id,
      title: `Aave ${f.symbol} ${what}`,
      message: `Health factor ${hfText} (liquidation under 1.00). ${liquidationSentence(f.symbol, f.pricedBy, d)} Repay some debt or add collateral to move away.`,
      data: {
        account: p.account,
        healthFactor: String(hf),
        liquidationDistanceWad: d.distanceWad === null ? '' : String(d.distanceWad),
        liquidationPriceEthWad: d.liquidationPriceEthWad === null ? '' : String(d.liquidationPriceEthWad),
        pricedBy: f.pricedBy,
        thresholdWad: String(threshold),
        healthAlertWad: String(LIQUIDATION_HEALTH_ALERT_WAD),
      },
    });
  }
  // A position that is gone (repaid and withdrawn) ends its episode without a notice; not one whose account failed to read.
  for (const id of Object.keys(state.liquidationEpisodes))
    if (!seen.has(id) && !unread.has(id.split(':')[1] ?? '')) delete state.liquidationEpisodes[id];
  return out;
}
