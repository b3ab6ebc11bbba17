import { hexToNumber, type Hex } from 'viem';
import type { TransportEndpoint as Endpoint } from '../chain/transport';
import { AppError } from '../errors';
import type { RequestCounter } from './counting-transport';
import { STALE_AFTER_MS } from './schedule';

/**
 * Checks that the RPC answers of one refresh agree with each other and with what is already shown.
 * A refresh that fails one of them is refused as a whole (the tracker keeps the last good snapshot,
 * marked stale with this error's message), because mixing answers from two chains or two points in
 * time gives numbers that were never true.
 */

export const CONTRADICTION_CODE = 'tracker.contradiction';

export function contradiction(what: string, whatToDo: string): AppError {
  return new AppError(`RPC answers disagree: ${what}`, {
    details: `${whatToDo} The last consistent numbers stay on screen, marked stale.`,
    code: CONTRADICTION_CODE,
  });
}

/** One string per RPC list, so a snapshot can say which URLs it came from. */
export const sourceOf = (endpoints: readonly Endpoint[]): string => endpoints.map((e) => e.label).join(' ');

/**
 * With more than one URL, each is asked for its chain id (in parallel with the data reads): a
 * fallback list that mixes chains would otherwise serve one refresh from one chain and the next from
 * another. A URL that does not answer is no contradiction (the fallback skips it).
 */
export async function checkChainIds(endpoints: readonly Endpoint[], expected: number, counter: RequestCounter): Promise<void> {
  if (endpoints.length < 2) return;
  const answers = await Promise.all(
    endpoints.map(async (e) => {
      counter.count += 1;
      counter.methods.push('eth_chainId');
      try {
        return { label: e.label, chainId: hexToNumber((await e.request({ method: 'eth_chainId' })) as Hex) };
      } catch {
        return null;
      }
    }),
  );
  const answered = answers.filter((a): a is { label: string; chainId: number } => a !== null);
  if (answered.every((a) => a.chainId === expected)) return;
  throw contradiction(
    `${answered.map((a) => `${a.label} reports chain ${a.chainId}`).join(', ')}; this network is chain ${expected}`,
    'Remove or fix the URL on the wrong chain in Networks.',
  );
}

/** The chain the data itself was read on (Multicall3 getChainId inside the same eth_call). */
export function checkDataChain(dataChainId: bigint | undefined, expected: number): void {
  if (dataChainId === undefined || dataChainId === BigInt(expected)) return;
  throw contradiction(`the RPC read the data on chain ${dataChainId}; this network is chain ${expected}`, 'Check the RPC URL in Networks.');
}

export type PreviousSnapshot = { chainId: number; blockNumber: bigint; takenAt: number; source?: string };

/**
 * Refuses data from a block older than the one already shown by the same RPC list: that RPC (or a
 * fallback member) is behind. After STALE_AFTER_MS without a consistent answer the older chain is
 * accepted, since a devnet reset or a re-synced node would otherwise never be shown again.
 */
export function checkNotBehind(
  blockNumber: bigint,
  previous: PreviousSnapshot | undefined,
  chainId: number,
  source: string,
  now: number,
): void {
  if (!previous || previous.chainId !== chainId || previous.source !== source) return;
  if (blockNumber >= previous.blockNumber || now - previous.takenAt > STALE_AFTER_MS) return;
  throw contradiction(
    `the RPC answered for block ${blockNumber}, older than block ${previous.blockNumber} already shown`,
    'An RPC in the list is behind the chain; the next refresh tries again.',
  );
}

/** Phase 2 is pinned to phase 1's block; an answer from another block would mix two chain states. */
export function checkPinnedBlock(answeredBlock: bigint | undefined, pinned: bigint): void {
  if (answeredBlock === undefined || answeredBlock === pinned) return;
  throw contradiction(
    `asked for block ${pinned}, the RPC answered for block ${answeredBlock}`,
    'An RPC in the list does not serve that block; the next refresh tries again.',
  );
}
