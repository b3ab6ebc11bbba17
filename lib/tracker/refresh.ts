import { createClient, type Address, type Chain, type Transport } from 'viem';
import { multicall3Abi } from '../chain/abis';
import { endpointsOf } from '../chain/transport';
import { AppError } from '../errors';
import { MULTICALL3 } from '../restaking/addresses';
import { executeReads, type BatchLimits } from './batch-reads';
import { countingTransport, createRequestCounter } from './counting-transport';
import { checkChainIds, checkDataChain, checkNotBehind, checkPinnedBlock, sourceOf, type PreviousSnapshot } from './consistency';
import { buildRateBook, rateBookCalls } from './rates';
import type { EventLists } from './lookthrough/plan';
import type { SymbioticOperatorLists } from './lookthrough/symbiotic-operators';
import type { PositionReader, ReaderContext } from './readers/reader';
import type { ReadCall, TrackerSnapshot } from './types';

export type RefreshParameters = {
  transport: Transport;
  chain: Chain;
  accounts: readonly Address[];
  readers: readonly PositionReader[];
  limits?: BatchLimits;
  multicallAddress?: Address;
  now?: () => number;
  /** The snapshot on screen: an answer from an older block by the same RPC list is refused. */
  previous?: PreviousSnapshot;
  /** Stakers only events announce (ether.fi's nodes), scanned beforehand outside this refresh (lookthrough/event-scan.ts). */
  eventStakers?: EventLists;
  /** Operators of the Symbiotic vaults behind Mellow LRTs, scanned beforehand outside this refresh (lookthrough/symbiotic-operators.ts). */
  symbioticOperators?: SymbioticOperatorLists;
};

const BLOCK_KEY = 'multicall:blockNumber';
const TIME_KEY = 'multicall:timestamp';
const CHAIN_KEY = 'multicall:chainId';
const PINNED_BLOCK_KEY = 'multicall:pinnedBlockNumber';

/**
 * One refresh of every account on one chain, in up to three batched round trips:
 * phase 1 (balances, fair rates, reference quotes, EigenLayer/Aave/Curve/Pendle/Symbiotic state, and
 * the block number and chain id from Multicall3 itself), phase 2 (what depends on phase 1: exit
 * quotes for the sizes found, operator magnitudes, the LRT stakers' operators) and phase 3 (the magnitudes
 * of those operators), pinned to phase 1's block so every number is from one block. Answers that contradict each other (see consistency.ts) fail the refresh as a whole.
 */
export async function refreshPositions({
  transport,
  chain,
  accounts,
  readers,
  limits,
  multicallAddress = MULTICALL3,
  now = Date.now,
  previous,
  eventStakers,
  symbioticOperators,
}: RefreshParameters): Promise<TrackerSnapshot> {
  const counter = createRequestCounter();
  const client = createClient({ chain, transport: countingTransport(transport, counter) });
  const ctx: ReaderContext = { accounts, ...(eventStakers ? { eventStakers } : {}), ...(symbioticOperators ? { symbioticOperators } : {}) };
  const endpoints = endpointsOf(transport, chain);
  const source = sourceOf(endpoints);

  const phase1: ReadCall[] = [
    { key: BLOCK_KEY, address: multicallAddress, abi: multicall3Abi, functionName: 'getBlockNumber' },
    { key: TIME_KEY, address: multicallAddress, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' },
    { key: CHAIN_KEY, address: multicallAddress, abi: multicall3Abi, functionName: 'getChainId' },
    ...rateBookCalls(),
    ...readers.flatMap((r) => r.phase1(ctx)),
  ];
  const [reads] = await Promise.all([
    executeReads(client, { calls: uniqueByKey(phase1), multicallAddress, limits }),
    checkChainIds(endpoints, chain.id, counter),
  ]);
  const block = reads.get(BLOCK_KEY);
  if (!block?.ok) {
    throw new AppError('Could not read the chain', {
      details: `The batched read through Multicall3 (${multicallAddress}) failed: ${block?.error ?? 'no answer'}. Check the RPC URL in Networks; the tracker retries with backoff.`,
      code: 'tracker.read-failed',
    });
  }
  const blockNumber = block.value as bigint;
  const dataChain = reads.get(CHAIN_KEY);
  checkDataChain(dataChain?.ok ? (dataChain.value as bigint) : undefined, chain.id);
  checkNotBehind(blockNumber, previous, chain.id, source, now());
  const time = reads.get(TIME_KEY);
  const blockTimestamp = time?.ok ? (time.value as bigint) : 0n;
  const pinned: ReaderContext = { ...ctx, blockNumber, ...(time?.ok ? { blockTimestamp } : {}) };
  const rates = buildRateBook(reads);

  for (const phase of ['phase2', 'phase3'] as const) {
    const calls = uniqueByKey(readers.flatMap((r) => r[phase]?.(pinned, reads, rates) ?? []));
    if (calls.length > 0) await readPinned(calls);
  }

  async function readPinned(calls: ReadCall[]): Promise<void> {
    // The block number travels inside the same aggregate3 call, so the answer says which block it is from.
    const pinCheck: ReadCall = {
      key: PINNED_BLOCK_KEY,
      address: multicallAddress,
      abi: multicall3Abi,
      functionName: 'getBlockNumber',
    };
    const more = await executeReads(client, { calls: [pinCheck, ...calls], multicallAddress, limits, blockNumber });
    const answered = more.get(PINNED_BLOCK_KEY);
    checkPinnedBlock(answered?.ok ? (answered.value as bigint) : undefined, blockNumber);
    more.delete(PINNED_BLOCK_KEY);
    for (const [k, v] of more) reads.set(k, v);
  }

  let positions = readers.flatMap((r) => r.positions(pinned, reads, rates));
  for (const r of readers) if (r.annotate) positions = r.annotate(pinned, reads, rates, positions);
  let tokens = [...rates.values()];
  for (const r of readers) if (r.annotateTokens) tokens = r.annotateTokens(pinned, reads, tokens);
  return {
    chainId: chain.id,
    blockNumber,
    blockTimestamp,
    takenAt: now(),
    requestCount: counter.count,
    source,
    accounts: [...accounts],
    tokens,
    positions,
  };
}

/** Two readers may want the same read (an LRT's stakers are EigenLayer accounts too): ask once. */
function uniqueByKey(calls: readonly ReadCall[]): ReadCall[] {
  return [...new Map(calls.map((c) => [c.key, c])).values()];
}
