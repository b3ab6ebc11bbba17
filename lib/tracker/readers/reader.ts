import type { Address } from 'viem';
import type { EventLists } from '../lookthrough/plan';
import type { SymbioticOperatorLists } from '../lookthrough/symbiotic-operators';
import type { Position, ReadCall, Reads, TokenMarket } from '../types';

/** Fair and reference market rate per token symbol, built from phase 1 before anything is valued. */
export type RateBook = ReadonlyMap<string, TokenMarket>;

/** Block number and timestamp (seconds) are set once phase 1 has read them from Multicall3. */
export type ReaderContext = {
  accounts: readonly Address[];
  blockNumber?: bigint;
  blockTimestamp?: bigint;
  /** Stakers only events announce (ether.fi's nodes), from the log scan beside the refresh (lookthrough/event-scan.ts). */
  eventStakers?: EventLists;
  /** The operators behind each Symbiotic vault (by lower-case address), from the delegators' events scanned beside the refresh. */
  symbioticOperators?: SymbioticOperatorLists;
};

/**
 * One protocol family. The engine gathers every reader's phase-1 reads into one batch, builds the
 * rate book, gathers the phase-2 reads (what depends on phase 1: exit quotes for found sizes,
 * operator magnitudes), then asks each reader for its positions from all reads. Last, `annotate`
 * lets a reader add facts to every family's positions (an LRT holder's share of slashing exposure).
 */
export interface PositionReader {
  readonly family: string;
  phase1(ctx: ReaderContext): ReadCall[];
  phase2?(ctx: ReaderContext, reads: Reads, rates: RateBook): ReadCall[];
  /** What depends on phase 2 (an LRT's operators, known only once its stakers are read). Costs one more request when used. */
  phase3?(ctx: ReaderContext, reads: Reads, rates: RateBook): ReadCall[];
  positions(ctx: ReaderContext, reads: Reads, rates: RateBook): Position[];
  annotate?(ctx: ReaderContext, reads: Reads, rates: RateBook, positions: Position[]): Position[];
  /** Facts about tokens whether held or not (an LRT's look-through), added to the snapshot's token list. */
  annotateTokens?(ctx: ReaderContext, reads: Reads, tokens: TokenMarket[]): TokenMarket[];
}

/** A read's value when it succeeded, else undefined (the caller says why with errorOf). */
export const valueOf = <T>(reads: Reads, key: string): T | undefined => {
  const r = reads.get(key);
  return r?.ok ? (r.value as T) : undefined;
};

export const bigintOf = (reads: Reads, key: string): bigint | undefined => {
  const r = reads.get(key);
  return r?.ok && typeof r.value === 'bigint' ? r.value : undefined;
};
export const errorOf = (reads: Reads, key: string): string => {
  const r = reads.get(key);
  if (!r) return `${key} was not read`;
  return r.ok ? `${key} returned an unexpected value` : r.error;
};
export const positionId = (family: string, account: Address, asset: string) => `${family}:${account.toLowerCase()}:${asset}`;
