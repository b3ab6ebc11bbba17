import type { Client } from 'viem';
import { readExitRoutes, type SellRoute } from '../insights';
import { PROTOCOLS, isRestakingSymbol } from '../restaking';
import { withdrawalQueueFor } from '../restaking/withdrawal-queues';
import { readQueueWait } from './queue-wait';
import type { PlannedStep, UnwindExit } from './types';
import type { UnwindExitCandidate } from './unwind-drafts';

const VENUE: Record<SellRoute['venue'], string> = { curve: 'Curve', 'uniswap-v3': 'Uniswap v3', chainlink: 'Chainlink feed' };

/** The executable market quote that returns most ETH for this size (pool quotes only: a feed price is not a sale). */
function bestPoolQuote(sell: readonly SellRoute[]) {
  let best: SellRoute | undefined;
  for (const s of sell) if (s.kind === 'pool-quote' && s.ethOut !== null && (!best || s.ethOut > best.ethOut!)) best = s;
  return best;
}

/**
 * The Unwind screen's "Ways out" for each staked token a queue takes: the amount this unwind leaves to
 * exit, the market route (this unwind's own Curve sale when it has one, else the best pool quote for the
 * size, as Position detail's exit routes read it) and the protocol route (the ETH the tokens are worth at
 * the fair rate, paid after the queue's wait as the tracker states it). The request itself is planned by
 * planWithdraw when the user picks it.
 */
export async function readUnwindExits(
  client: Client,
  candidates: readonly UnwindExitCandidate[],
  steps: readonly PlannedStep[],
): Promise<UnwindExit[]> {
  const out: UnwindExit[] = [];
  for (const c of candidates) {
    const queue = withdrawalQueueFor(c.symbol);
    if (!queue || !isRestakingSymbol(c.symbol)) continue;
    const back = c.amount.from === 'step' ? steps[c.amount.step] : undefined;
    const wei = c.amount.from === 'fixed' ? c.amount.wei : (back?.simulatedOut ?? back?.minOut);
    if (wei === undefined || BigInt(wei) <= 0n) continue;
    const [routes, wait] = await Promise.all([
      readExitRoutes(client, { symbol: c.symbol, amount: BigInt(wei) }),
      readQueueWait(client, queue.id),
    ]);
    const sale = c.saleDraft !== undefined ? steps[c.saleDraft] : undefined;
    const best = bestPoolQuote(routes.sell);
    const fair = routes.fairValueEth;
    const vsFair = (eth: bigint) => (fair ? (((eth - fair) * 10n ** 18n) / fair).toString() : null);
    const market: UnwindExit['market'] =
      sale?.expectedOut !== undefined
        ? {
            venue: 'Curve',
            ethOut: sale.expectedOut,
            ...(sale.minOut !== undefined ? { minOut: sale.minOut } : {}),
            vsFairWad: vsFair(BigInt(sale.expectedOut)),
            source: sale.quoteSource ?? 'Curve get_dy',
            inUnwind: true,
          }
        : best
          ? {
              // A token without its own market (eETH) is sold as the token it wraps into (weETH) at the fair rates.
              venue: best.via ? `${VENUE[best.venue]} (as ${best.via})` : VENUE[best.venue],
              ethOut: best.ethOut!.toString(),
              vsFairWad: best.vsFairWad?.toString() ?? null,
              source: best.source,
              inUnwind: false,
            }
          : null;
    out.push({
      symbol: c.symbol,
      amount: wei,
      held: c.amount.from === 'fixed',
      ...(back ? { comesBackWith: back.label } : {}),
      queue: { id: queue.id, name: queue.name, protocol: PROTOCOLS[queue.protocol].name, pays: queue.pays },
      wait,
      fairValueEth: fair?.toString() ?? null,
      fairSource: routes.protocol.amountEth.source,
      market,
    });
  }
  return out;
}
