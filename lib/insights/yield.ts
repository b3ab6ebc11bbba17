import type { Client } from 'viem';
import { getBlock } from 'viem/actions';
import { readFairRates, RESTAKING_SYMBOLS, RESTAKING_TOKENS, type ReadFairRatesReturnType, type RestakingSymbol } from '../restaking';
import { findBlockAtTimestamp, type BlockPoint } from './find-block';

const WAD = 10n ** 18n;
const DAY = 86_400n;
export const YEAR_SECONDS = 365n * DAY;
export const YIELD_WINDOWS_DAYS = [7, 30] as const;

/** Simple (not compounded) APR: growth of the fair rate over the window, scaled to 365 days. WAD (5e16 = 5 %). */
export function aprFromRates(past: bigint, now: bigint, elapsedSeconds: bigint): bigint {
  if (past <= 0n || elapsedSeconds <= 0n) throw new RangeError('aprFromRates needs a positive past rate and a positive interval');
  return ((now - past) * WAD * YEAR_SECONDS) / (past * elapsedSeconds);
}

export type WindowYield =
  | { days: number; ok: true; aprWad: bigint; pastRate: bigint; nowRate: bigint; pastBlock: BlockPoint; elapsedSeconds: bigint }
  | { days: number; ok: false; reason: 'chain-too-young' | 'state-unavailable' | 'rate-failed'; detail: string };

export type TokenYield = {
  symbol: RestakingSymbol;
  /** The token whose rate is measured: a rebasing token grows by its wrapper's share rate (stETH → wstETH). */
  measuredOn: RestakingSymbol;
  source: string;
  windows: WindowYield[];
};

export type ReadYieldParameters = { symbols?: readonly RestakingSymbol[]; windowsDays?: readonly number[] };
export type ReadYieldReturnType = { latest: BlockPoint; tokens: TokenYield[]; requests: number };

/** Rebasing tokens are pegged 1:1 (rate stays 1): their yield shows in the wrapper's share rate. */
export function measuredOn(symbol: RestakingSymbol): RestakingSymbol {
  if (RESTAKING_TOKENS[symbol].fairRate.kind !== 'pegged') return symbol;
  return RESTAKING_SYMBOLS.find((s) => RESTAKING_TOKENS[s].wraps === symbol) ?? symbol;
}

/**
 * APR per token from the fair rate now vs 7 and 30 days ago, read at past blocks: one getBlock for the
 * head, a few per window to find the past block, and one Multicall3 eth_call per block. A node without
 * the old state (pruned, non-archive) or a chain younger than the window gives a reason, never a number.
 */
export async function readYield(
  client: Client,
  { symbols = RESTAKING_SYMBOLS, windowsDays = YIELD_WINDOWS_DAYS }: ReadYieldParameters = {},
): Promise<ReadYieldReturnType> {
  const head = await getBlock(client, { blockTag: 'latest', includeTransactions: false });
  const latest: BlockPoint = { number: head.number, timestamp: head.timestamp };
  let requests = 1;
  const measured = [...new Set(symbols.map(measuredOn))];
  const nowRates = await readFairRates(client, { symbols: measured, blockNumber: latest.number });
  requests += 1;

  const perWindow = await Promise.all(
    windowsDays.map(async (days) => {
      const found = await findBlockAtTimestamp(client, { timestamp: latest.timestamp - BigInt(days) * DAY, latest });
      requests += found.requests;
      if (!found.found)
        return {
          days,
          error: {
            reason: 'chain-too-young' as const,
            detail: `The chain starts at ${isoDate(found.genesis.timestamp)}, less than ${days} days before block ${latest.number}.`,
          },
        };
      try {
        const rates = await readFairRates(client, { symbols: measured, blockNumber: found.block.number });
        requests += 1;
        return { days, block: found.block, rates };
      } catch {
        requests += 1;
        return {
          days,
          error: {
            reason: 'state-unavailable' as const,
            detail: `The RPC could not read state at block ${found.block.number} (${days} days ago). A pruned node keeps only recent state; use an archive RPC for yield history.`,
          },
        };
      }
    }),
  );

  const tokens = symbols.map((symbol): TokenYield => {
    const on = measuredOn(symbol);
    const source = RESTAKING_TOKENS[on].fairRate.source;
    const windows = perWindow.map((w): WindowYield => {
      if ('error' in w && w.error) return { days: w.days, ok: false, ...w.error };
      return windowYield(w.days, on, nowRates, w.rates!, w.block!, latest);
    });
    return { symbol, measuredOn: on, source, windows };
  });
  return { latest, tokens, requests };
}

function windowYield(
  days: number,
  on: RestakingSymbol,
  nowRates: ReadFairRatesReturnType,
  pastRates: ReadFairRatesReturnType,
  pastBlock: BlockPoint,
  latest: BlockPoint,
): WindowYield {
  const now = nowRates[on];
  const past = pastRates[on];
  if (!now?.ok || !past?.ok) {
    const why = !now?.ok
      ? `now: ${now?.error ?? 'not read'}`
      : `at block ${pastBlock.number}: ${past?.ok === false ? past.error : 'not read'}`;
    return { days, ok: false, reason: 'rate-failed', detail: `The fair rate of ${on} could not be read ${why}.` };
  }
  const elapsedSeconds = latest.timestamp - pastBlock.timestamp;
  if (past.rate <= 0n || elapsedSeconds <= 0n)
    return { days, ok: false, reason: 'rate-failed', detail: `The fair rate of ${on} was 0 at block ${pastBlock.number}.` };
  return {
    days,
    ok: true,
    aprWad: aprFromRates(past.rate, now.rate, elapsedSeconds),
    pastRate: past.rate,
    nowRate: now.rate,
    pastBlock,
    elapsedSeconds,
  };
}

const isoDate = (seconds: bigint) => new Date(Number(seconds) * 1000).toISOString().slice(0, 10);
