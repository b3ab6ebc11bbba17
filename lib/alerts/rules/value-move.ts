import { formatEth, formatWadPercent } from '../../format';
import { percentToWad } from '../settings';
import type { AlertCandidate } from '../types';
import { abs, WAD, type RuleContext } from './context';

/**
 * A position whose fair ETH value moved more than the set percent since its last alert (or since it
 * was first seen). Fair, not market, value: a depeg has its own rule and must not alert twice.
 * Positions a slash alert already explained this round (`explained`) only move their baseline.
 */
export function valueMoveRule({ snapshot, settings, state }: RuleContext, explained: ReadonlySet<string>): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const limit = percentToWad(settings.valueMovePercent);
  for (const p of snapshot.positions) {
    if (p.status !== 'ok' || p.fairValueEth === null) continue;
    const before = state.valueBaselines[p.id];
    state.valueBaselines[p.id] = before ?? String(p.fairValueEth);
    if (before === undefined || explained.has(p.id)) {
      state.valueBaselines[p.id] = String(p.fairValueEth);
      continue;
    }
    const base = BigInt(before);
    if (base === 0n) {
      state.valueBaselines[p.id] = String(p.fairValueEth);
      continue;
    }
    const moveWad = ((p.fairValueEth - base) * WAD) / base;
    if (abs(moveWad) <= limit) continue;
    state.valueBaselines[p.id] = String(p.fairValueEth);
    out.push({
      id: `value:${p.id}:${snapshot.blockNumber}`,
      rule: 'valueMove',
      severity: moveWad < 0n ? 'warning' : 'info',
      cooldownKey: `value:${p.id}`,
      positionId: p.id,
      title: `${p.asset} ${moveWad < 0n ? 'fell' : 'rose'} ${formatWadPercent(abs(moveWad))}`,
      // Values held: toward zero; the change: floor, so a fall never reads smaller.
      message: `Fair value ${formatEth(base)} → ${formatEth(p.fairValueEth)} (${formatEth(p.fairValueEth - base, { rounding: 'floor' })}) for ${p.account}.`,
      data: { before: before, after: String(p.fairValueEth), moveWad: String(moveWad), account: p.account },
    });
  }
  // Closed positions leave no baseline behind.
  const live = new Set(snapshot.positions.map((p) => p.id));
  for (const id of Object.keys(state.valueBaselines)) if (!live.has(id)) delete state.valueBaselines[id];
  return out;
}
