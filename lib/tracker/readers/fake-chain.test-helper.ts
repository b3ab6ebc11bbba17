import type { Address } from 'viem';
import type { ReadCall, ReadResult, TokenMarket } from '../types';
import type { PositionReader, RateBook } from './reader';

/** Answers one planned read like a node would, or throws to make it fail (a revert). */
export type Answer = (call: ReadCall) => unknown;

/** A rate book with the given fair and 1-token market rates (WAD). */
export function rateBook(entries: Record<string, { fair: bigint | null; market: bigint | null }>): RateBook {
  return new Map(
    Object.entries(entries).map(([symbol, r]): [string, TokenMarket] => [
      symbol,
      {
        symbol,
        fairRate: r.fair,
        marketRate: r.market,
        depegWad: null,
        marketSource: `test:${symbol}`,
        ...(r.fair === null ? { error: 'rate reverted' } : {}),
      },
    ]),
  );
}

/**
 * Runs one reader through both phases and annotate against `answer`, the way refreshPositions
 * does, without a node: lets unit tests check keys, phases and valuation together.
 */
export function runReader(reader: PositionReader, accounts: readonly Address[], answer: Answer, rates: RateBook, blockTimestamp?: bigint) {
  const ctx = { accounts, blockNumber: 100n, ...(blockTimestamp !== undefined ? { blockTimestamp } : {}) };
  const reads = new Map<string, ReadResult>();
  const asked: ReadCall[] = [];
  const fill = (calls: readonly ReadCall[]) =>
    calls.forEach((c) => {
      asked.push(c);
      try {
        reads.set(c.key, { ok: true, value: answer(c) });
      } catch (error) {
        reads.set(c.key, { ok: false, error: (error as Error).message });
      }
    });
  fill(reader.phase1(ctx));
  const phase1Count = asked.length;
  fill(reader.phase2?.(ctx, reads, rates) ?? []);
  let positions = reader.positions(ctx, reads, rates);
  if (reader.annotate) positions = reader.annotate(ctx, reads, rates, positions);
  return { positions, asked, phase1Count };
}

export const revert = (why = 'execution reverted'): never => {
  throw new Error(why);
};
