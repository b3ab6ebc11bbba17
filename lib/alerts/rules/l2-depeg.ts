import { formatEth, formatWadPercent } from '../../format';
import { L2_CHAINS, type L2ChainId } from '../../restaking/l2';
import { depegThresholdsFor, percentToWad } from '../settings';
import type { AlertCandidate } from '../types';
import { WAD, type RuleContext } from './context';

const RATE = { rounding: 'halfEven' } as const;

/**
 * The depeg rule for bridged tokens on the L2s (issue #18 item 4): the same episodes as rules/depeg.ts — warn, then
 * danger inside it, one recovery notice under warn — on each L2's own pool quote (snapshot.chains[].depegs), keyed by
 * chain and token ("8453:wstETH") so Base's episode is not Ethereum's, the chain named in every message. The token's
 * threshold is its L1 symbol's (a wstETH threshold covers wstETH everywhere). A depeg not checked changes nothing: no
 * alert from failed data; a token no longer held on the chain ends its episode without a notice.
 */
export function l2DepegRule({ snapshot, settings, state }: RuleContext): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const c of snapshot.chains ?? []) {
    if (c.chainId === 1 || c.status !== 'ok') continue;
    const chain = L2_CHAINS[c.chainId as L2ChainId]?.name ?? c.name ?? `chain ${c.chainId}`;
    const heldKeys = new Set(c.holdings.map((h) => `${c.chainId}:${h.symbol}`));
    for (const key of Object.keys(state.depegEpisodes))
      if (key.startsWith(`${c.chainId}:`) && !heldKeys.has(key)) delete state.depegEpisodes[key];
    for (const d of c.depegs ?? []) {
      const key = `${c.chainId}:${d.symbol}`;
      const holdings = c.holdings.filter((h) => h.symbol === d.symbol);
      if (holdings.length === 0 || d.status !== 'ok' || d.depegWad === null || d.marketRate === null || d.fairRate === null) continue;
      const episode = state.depegEpisodes[key];
      const discount = d.depegWad < 0n ? -d.depegWad : 0n;
      const t = depegThresholdsFor(settings, holdings[0]!.l1Symbol);
      const level = discount >= percentToWad(t.dangerPercent) ? 'danger' : discount >= percentToWad(t.warnPercent) ? 'warn' : null;
      const fair = holdings.reduce((s, h) => s + (h.amount * d.fairRate!) / WAD, 0n);
      const gapEth = (fair * discount) / WAD;
      const block = String(c.blockNumber ?? '');
      const base = {
        rule: 'depeg' as const,
        chainId: c.chainId,
        block,
        cooldownKey: `depeg:${key}:${level ?? 'recovered'}`,
        data: {
          token: d.symbol,
          chainId: String(c.chainId),
          depegWad: String(d.depegWad),
          fairRate: String(d.fairRate),
          fairSource: d.fairSource ?? '',
          marketRate: String(d.marketRate),
          heldFairValueEth: String(fair),
          gapEth: String(gapEth),
        },
      };
      const fairFrom = d.fairSource === 'l1-fair-rate' ? 'fair (L1 rate)' : `fair (${chain} rate source)`;
      if (level && (!episode || (episode.level === 'warn' && level === 'danger'))) {
        const start = episode?.start ?? block;
        state.depegEpisodes[key] = { start, level };
        out.push({
          ...base,
          id: episode ? `depeg:${key}:${start}:danger` : `depeg:${key}:${start}`,
          severity: level === 'danger' ? 'danger' : 'warning',
          title: `${d.symbol} on ${chain} trades ${formatWadPercent(discount)} under its fair value`,
          message: `Market ${formatEth(d.marketRate, RATE)} vs ${fairFrom} ${formatEth(d.fairRate, RATE)} per ${d.symbol} on ${chain} (${d.marketSource ?? `${chain} pool`}). Your ${d.symbol} on ${chain} would fetch about ${formatEth(gapEth, { rounding: 'expand' })} less than fair if sold there now.`,
        });
      } else if (!level && episode) {
        delete state.depegEpisodes[key];
        out.push({
          ...base,
          id: `depeg-recovered:${key}:${episode.start}`,
          severity: 'info',
          title: `${d.symbol} on ${chain} is back near its fair value`,
          message: `Now ${formatWadPercent(d.depegWad, { signed: true })} from fair on ${chain} (under the ${t.warnPercent} % warning), after the depeg that began at ${chain} block ${episode.start}.`,
        });
      }
    }
  }
  return out;
}
