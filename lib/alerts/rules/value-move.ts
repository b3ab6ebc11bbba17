import { formatEth, formatWadPercent } from '../../format';
import type { Position } from '../../tracker/types';
import { percentToWad } from '../settings';
import type { AlertCandidate } from '../types';
import { abs, WAD, type RuleContext } from './context';

/**
 * How many units the position holds, counted so that the user's own transfers change it and price
 * moves do not: the token amount, except for rebasing tokens (stETH, eETH), whose balance also moves
 * with the protocol's share rate (a slash shows as a smaller balance) — there it is balance ÷ share rate.
 */
export function unitsOf(p: Position): bigint {
  const shareRate = p.details.shareRate ? BigInt(p.details.shareRate) : 0n;
  return shareRate > 0n ? (p.amount * WAD) / shareRate : p.amount;
}

/** Baseline as stored: "value/units" (decimal wei); an older plain "value" has no units and is renewed. */
const encode = (value: bigint, units: bigint) => `${value}/${units}`;
function decode(text: string | undefined): { value: bigint; units: bigint } | undefined {
  const m = /^(\d+)\/(\d+)$/.exec(text ?? '');
  return m ? { value: BigInt(m[1]!), units: BigInt(m[2]!) } : undefined;
}

/**
 * A position whose fair ETH value per unit held moved more than the set percent since its last alert
 * (or since it was first seen). Per unit, so that moving tokens in or out (a transfer, a withdrawal
 * request, a deposit) is never reported as a fall or a rise. Fair, not market, value: a depeg has its
 * own rule and must not alert twice. Positions a slash alert already explained this round (`explained`)
 * only move their baseline.
 */
export function valueMoveRule({ snapshot, settings, state }: RuleContext, explained: ReadonlySet<string>): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const limit = percentToWad(settings.valueMovePercent);
  for (const p of snapshot.positions) {
    if (p.status !== 'ok' || p.fairValueEth === null) continue;
    const units = unitsOf(p);
    const before = decode(state.valueBaselines[p.id]);
    const renew = () => (state.valueBaselines[p.id] = encode(p.fairValueEth!, units));
    if (!before || explained.has(p.id) || before.value === 0n || before.units === 0n || units === 0n) {
      renew();
      continue;
    }
    // value/units ÷ before.value/before.units − 1, in WAD.
    const moveWad = (p.fairValueEth * before.units * WAD) / (units * before.value) - WAD;
    if (abs(moveWad) <= limit) {
      // The amount changed at an unchanged price: the new amount is the baseline from now on.
      if (units !== before.units) renew();
      continue;
    }
    renew();
    const sameAmount = units === before.units;
    out.push({
      id: `value:${p.id}:${snapshot.blockNumber}`,
      rule: 'valueMove',
      severity: moveWad < 0n ? 'warning' : 'info',
      cooldownKey: `value:${p.id}`,
      positionId: p.id,
      title: `${p.asset} ${moveWad < 0n ? 'fell' : 'rose'} ${formatWadPercent(abs(moveWad))}`,
      // Values held: toward zero; the change: floor, so a fall never reads smaller.
      message: sameAmount
        ? `Fair value ${formatEth(before.value)} → ${formatEth(p.fairValueEth)} (${formatEth(p.fairValueEth - before.value, { rounding: 'floor' })}) for ${p.account}.`
        : `Fair value per ${p.asset} moved ${moveWad < 0n ? '−' : '+'}${formatWadPercent(abs(moveWad))}; the amount held also changed, which is not counted. Value now ${formatEth(p.fairValueEth)} for ${p.account}.`,
      data: {
        before: String(before.value),
        after: String(p.fairValueEth),
        unitsBefore: String(before.units),
        unitsAfter: String(units),
        moveWad: String(moveWad),
        account: p.account,
      },
    });
  }
  // Closed positions leave no baseline behind.
  const live = new Set(snapshot.positions.map((p) => p.id));
  for (const id of Object.keys(state.valueBaselines)) if (!live.has(id)) delete state.valueBaselines[id];
  return out;
}
