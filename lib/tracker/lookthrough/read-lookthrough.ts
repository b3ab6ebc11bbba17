import type { Address, Chain, Client, Transport } from 'viem';
import { multicall3Abi } from '../../chain/abis';
import { MULTICALL3 } from '../../restaking/addresses';
import { LRT_STRUCTURES, type LrtStructure } from '../../restaking/lrt-structure';
import type { RestakingSymbol } from '../../restaking/types';
import { executeReads } from '../batch-reads';
import type { ReadCall, ReadResult } from '../types';
import {
  listing,
  lookThroughViews,
  round1Calls,
  round2Calls,
  round3Calls,
  type EventLists,
  type Known,
  type LrtLookThroughView,
} from './plan';

export type { LrtLookThroughView } from './plan';

export type ReadLrtLookThroughParameters = {
  symbols?: readonly RestakingSymbol[];
  multicallAddress?: Address;
  structures?: readonly LrtStructure[];
  /** Event-announced stakers (ether.fi's nodes) from updateEventScans / eventStakersOf; without them those LRTs are unknown. */
  eventStakers?: EventLists;
};
export type ReadLrtLookThroughReturnType = { blockNumber: bigint; rounds: number; lrts: LrtLookThroughView[] };

const BLOCK = 'lt:block';

/**
 * The look-through of every LRT in the structure registry (issue #15 items 1 and 3), read on chain
 * through Multicall3 and pinned to one block: round 1 lists the stakers (with the LRTs' supplies and fair
 * rates), round 2 reads each staker's operator and withdrawable shares, round 3 the operators' magnitudes
 * and the strategies' share→token rates. A list longer than discovery.ts guesses costs one more round.
 * An LRT with no on-chain path, or whose reads fail, is `unknown` with the reason — never a zero.
 */
export async function readLrtLookThrough<chain extends Chain | undefined>(
  client: Client<Transport, chain>,
  { symbols, multicallAddress = MULTICALL3, structures = LRT_STRUCTURES, eventStakers }: ReadLrtLookThroughParameters = {},
): Promise<ReadLrtLookThroughReturnType> {
  const wanted = structures.filter((s) => !symbols || symbols.includes(s.symbol));
  const known = wanted.filter((s): s is Known => s.status === 'known');
  const reads = new Map<string, ReadResult>();
  let rounds = 0;
  let blockNumber: bigint | undefined;
  const run = async (calls: ReadCall[]) => {
    if (!calls.length) return;
    rounds += 1;
    const head: ReadCall[] =
      blockNumber === undefined ? [{ key: BLOCK, address: multicallAddress, abi: multicall3Abi, functionName: 'getBlockNumber' }] : [];
    const out = await executeReads(client, {
      calls: [...head, ...calls],
      multicallAddress,
      ...(blockNumber !== undefined ? { blockNumber } : {}),
    });
    for (const [key, r] of out) reads.set(key, r);
    if (blockNumber === undefined) {
      const b = reads.get(BLOCK);
      if (!b?.ok) throw new Error(`Multicall3 at ${multicallAddress} did not answer: ${b && !b.ok ? b.error : 'no result'}`);
      blockNumber = b.value as bigint;
    }
  };

  await run(round1Calls(known));
  let found = listing(known, reads, eventStakers);
  for (let extra = 0; extra < 3 && found.more.length; extra++) {
    await run(found.more);
    found = listing(known, reads, eventStakers);
  }
  await run(round2Calls(found.stakers));
  await run(round3Calls(found.stakers, reads));
  return { blockNumber: blockNumber ?? 0n, rounds, lrts: lookThroughViews(wanted, found.lists, reads, blockNumber) };
}

/** For callers that only need the staker addresses of one LRT (tests, tools). */
export const stakersOf = (view: LrtLookThroughView): Address[] => (view.status === 'known' ? view.stakers.map((s) => s.staker) : []);
