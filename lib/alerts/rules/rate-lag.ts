import { formatEth, formatWadPercent } from '../../format';
import { L2_CHAINS, type L2ChainId } from '../../restaking/l2';
import type { ChainBreakdown, ChainRateLag } from '../../tracker/chains';
import type { AlertCandidate } from '../types';
import type { RuleContext } from './context';

const chainName = (c: ChainBreakdown) => L2_CHAINS[c.chainId as L2ChainId]?.name ?? c.name ?? `chain ${c.chainId}`;

/**
 * A held bridged token whose L2 rate lags Ethereum's fair rate (issue #18): one warning per episode, named with
 * its chain, and one notice when it is back in line. An unread rate ('unknown') or an L2 that was not read
 * changes nothing: no alert, and no recovery, from data that is not there. Alerts carry the L2's chain id.
 */
export function rateLagRule({ snapshot, state }: RuleContext): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  const episodes = (state.rateLagEpisodes ??= {});
  const judged = new Set<string>();
  for (const chain of snapshot.chains ?? []) {
    if (chain.chainId === snapshot.chainId || chain.status !== 'ok') continue;
    const name = chainName(chain);
    for (const lag of chain.rateLags) {
      const key = `${chain.chainId}:${lag.symbol}`;
      const held = chain.holdings.filter((h) => h.symbol === lag.symbol);
      judged.add(key);
      if (lag.status === 'unknown') continue;
      const episode = episodes[key];
      const block = String(chain.blockNumber ?? snapshot.blockNumber);
      if (lag.status === 'lagging' && held.length > 0 && !episode) {
        episodes[key] = { start: block };
        out.push(opened(chain.chainId, name, lag, held, block));
      } else if (lag.status === 'ok' && episode) {
        delete episodes[key];
        out.push({
          rule: 'depeg',
          chainId: chain.chainId,
          id: `rate-lag-recovered:${key}:${episode.start}`,
          block,
          cooldownKey: `rate-lag:${key}:recovered`,
          severity: 'info',
          title: `${lag.symbol} on ${name}: rate back in line with Ethereum`,
          message: `The ${name} rate of ${lag.symbol} is again within the thresholds of Ethereum's fair rate, after the lag seen from ${name} block ${episode.start}.`,
          data: { chain: String(chain.chainId), token: lag.symbol },
        });
      } else if (lag.status === 'lagging' && held.length === 0 && episode) {
        delete episodes[key]; // no longer held there: the episode ends without a notice
      }
    }
  }
  // A token no longer listed for a chain that was read (sold, and its rate back in line) ends its episode quietly.
  const read = new Set((snapshot.chains ?? []).filter((c) => c.status === 'ok').map((c) => String(c.chainId)));
  for (const key of Object.keys(episodes)) if (read.has(key.split(':')[0]!) && !judged.has(key)) delete episodes[key];
  return out;
}

function opened(chainId: number, name: string, lag: ChainRateLag, held: ChainBreakdown['holdings'], block: string): AlertCandidate {
  const amount = held.reduce((s, h) => s + h.amount, 0n);
  const valueEth = held.reduce((s, h) => s + (h.valueEth ?? 0n), 0n);
  // What the holding is worth less on the L2 than its L1 backing says: value at the L2 rate × the shortfall.
  const gapEth =
    lag.shortfallWad !== null && lag.shortfallWad > 0n && lag.l2Rate !== null && lag.l1Rate !== null
      ? (amount * (lag.l1Rate - lag.l2Rate)) / 10n ** 18n
      : null;
  const key = `${chainId}:${lag.symbol}`;
  const facts = Object.entries(lag.flag?.numbers ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  return {
    rule: 'depeg',
    chainId,
    id: `rate-lag:${key}:${block}`,
    block,
    cooldownKey: `rate-lag:${key}:open`,
    severity: lag.flag?.severity === 'danger' ? 'danger' : 'warning',
    title: lag.flag?.title ?? `${lag.symbol} on ${name}: rate lags Ethereum`,
    message:
      `You hold ${formatEth(valueEth)} of ${lag.symbol} on ${name} (at its ${name} rate). ${facts ? `${facts}. ` : ''}` +
      (gapEth !== null && gapEth > 0n
        ? `Priced on ${name}, it counts ${formatEth(gapEth, { rounding: 'expand' })} (${formatWadPercent(lag.shortfallWad!)}) less than its Ethereum backing; a loan against it there can be liquidated early.`
        : `Markets and lenders on ${name} price it with a copy of the Ethereum rate that has not been updated.`),
    data: {
      chain: String(chainId),
      token: lag.symbol,
      amount: String(amount),
      valueEth: String(valueEth),
      ...(lag.l2Rate !== null ? { l2Rate: String(lag.l2Rate) } : {}),
      ...(lag.l1Rate !== null ? { l1Rate: String(lag.l1Rate) } : {}),
      ...(lag.shortfallWad !== null ? { shortfallWad: String(lag.shortfallWad) } : {}),
      ...(lag.ageSeconds !== null ? { ageSeconds: String(lag.ageSeconds) } : {}),
      ...(gapEth !== null ? { gapEth: String(gapEth) } : {}),
    },
  };
}
