import { formatEth, formatWadPercent } from '../../format';
import type { Position } from '../../tracker/types';
import { depegThresholdsFor, percentToWad } from '../settings';
import type { AlertCandidate } from '../types';
import type { RuleContext } from './context';

/** Exchange rates are prices, neither held nor at risk: nearest. The gap and the discount are risks: away from zero. */
const RATE = { rounding: 'halfEven' } as const;

/** Token symbol a position's value depends on, where it is a plain holding of the token or a deposit of it. */
export function heldSymbol(p: Position): string | undefined {
  if (p.family === 'token') return p.asset;
  if (p.family === 'eigenlayer') return p.asset.replace(/ strategy$/, '');
  if (p.family === 'symbiotic') return p.details.collateral;
  if (p.family === 'aave') return p.details.underlying;
  return undefined;
}

/**
 * Depeg episodes per held token, on the 1-token market rate (not the size quote: a big position's
 * own price impact is not a depeg). Crossing warn opens an episode; crossing danger inside it is one
 * more notice; returning under warn closes it with one recovery notice. A premium is never a depeg.
 * Cool-down is per token and level, so an escalation to danger is never held back by the warning.
 * A token without a readable market or fair rate changes nothing: no alert from failed data.
 */
export function depegRule({ snapshot, settings, state }: RuleContext): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const held = new Map<string, Position[]>();
  for (const p of snapshot.positions) {
    const s = heldSymbol(p);
    if (s && p.status === 'ok' && p.amount > 0n) held.set(s, [...(held.get(s) ?? []), p]);
  }
  for (const token of snapshot.tokens) {
    const positions = held.get(token.symbol);
    const episode = state.depegEpisodes[token.symbol];
    if (token.depegWad === null || token.fairRate === null || token.marketRate === null) continue;
    const discount = token.depegWad < 0n ? -token.depegWad : 0n;
    const t = depegThresholdsFor(settings, token.symbol);
    const level = discount >= percentToWad(t.dangerPercent) ? 'danger' : discount >= percentToWad(t.warnPercent) ? 'warn' : null;
    if (!positions) {
      // Sold while depegged: the episode ends without a notice.
      if (episode) delete state.depegEpisodes[token.symbol];
      continue;
    }
    const fair = positions.reduce((s, p) => s + (p.fairValueEth ?? 0n), 0n);
    const gapEth = (fair * discount) / 10n ** 18n;
    const data = {
      token: token.symbol,
      depegWad: String(token.depegWad),
      fairRate: String(token.fairRate),
      marketRate: String(token.marketRate),
      heldFairValueEth: String(fair),
      gapEth: String(gapEth),
    };
    const positionId = positions[0]?.id;
    const base = {
      rule: 'depeg' as const,
      cooldownKey: `depeg:${token.symbol}:${level ?? 'recovered'}`,
      ...(positionId ? { positionId } : {}),
      data,
    };
    const pct = formatWadPercent(discount);
    if (level && (!episode || (episode.level === 'warn' && level === 'danger'))) {
      const start = episode?.start ?? String(snapshot.blockNumber);
      state.depegEpisodes[token.symbol] = { start, level };
      out.push({
        ...base,
        id: episode ? `depeg:${token.symbol}:${start}:danger` : `depeg:${token.symbol}:${start}`,
        severity: level === 'danger' ? 'danger' : 'warning',
        title: `${token.symbol} trades ${pct} under its fair value`,
        message: `Market ${formatEth(token.marketRate, RATE)} vs fair ${formatEth(token.fairRate, RATE)} per ${token.symbol} (${token.marketSource ?? 'market'}). Your ${token.symbol} positions would fetch about ${formatEth(gapEth, { rounding: 'expand' })} less than fair if sold now; redeeming through the protocol avoids the discount.`,
      });
    } else if (!level && episode) {
      delete state.depegEpisodes[token.symbol];
      out.push({
        ...base,
        id: `depeg-recovered:${token.symbol}:${episode.start}`,
        severity: 'info',
        title: `${token.symbol} is back near its fair value`,
        message: `Now ${formatWadPercent(token.depegWad, { signed: true })} from fair (under the ${t.warnPercent} % warning), after the depeg that began at block ${episode.start}.`,
      });
    }
  }
  return out;
}
