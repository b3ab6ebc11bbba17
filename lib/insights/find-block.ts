import type { Client } from 'viem';
import { getBlock } from 'viem/actions';

export type BlockPoint = { number: bigint; timestamp: bigint };

export type FindBlockParameters = {
  /** Unix seconds: the block wanted is the last one at or before this time. */
  timestamp: bigint;
  /** The newest block, already read by the caller (saves a request). */
  latest: BlockPoint;
  /** A block within this many seconds before `timestamp` is good enough. Default 600 s (50 mainnet blocks). */
  toleranceSeconds?: bigint;
  /** Seconds per block for the first guess. Default 12 (mainnet since the merge). */
  secondsPerBlock?: bigint;
  /** Upper bound on getBlock requests; the search stops with the best block found so far. */
  maxRequests?: number;
};

export type FindBlockReturnType =
  | { found: true; block: BlockPoint; requests: number }
  /** Even block 0 is newer than the time asked for: the chain has no history that far back. */
  | { found: false; reason: 'chain-too-young'; genesis: BlockPoint; requests: number };

/**
 * The last block at or before `timestamp`: first guess from 12 s blocks, then interpolation search
 * inside a shrinking bracket (bisection when interpolation stalls). On mainnet's regular slots the
 * first guess usually lands within tolerance, so this costs one or two eth_getBlockByNumber calls;
 * on a devnet whose clock jumps it still converges in O(log n).
 */
export async function findBlockAtTimestamp(client: Client, parameters: FindBlockParameters): Promise<FindBlockReturnType> {
  const { timestamp: target, latest, toleranceSeconds = 600n, secondsPerBlock = 12n, maxRequests = 40 } = parameters;
  let requests = 0;
  const at = async (number: bigint): Promise<BlockPoint> => {
    requests += 1;
    const b = await getBlock(client, { blockNumber: number, includeTransactions: false });
    return { number, timestamp: b.timestamp };
  };
  if (latest.timestamp <= target) return { found: true, block: latest, requests };

  // Bracket: lo.timestamp <= target < hi.timestamp once lo is known.
  let hi: BlockPoint = latest;
  let lo: BlockPoint | undefined;
  const blocksBack = (latest.timestamp - target + secondsPerBlock - 1n) / secondsPerBlock;
  let guess = latest.number > blocksBack ? latest.number - blocksBack : 0n;
  while (requests < maxRequests) {
    const point = await at(guess);
    if (point.timestamp <= target) {
      lo = point;
      if (target - point.timestamp <= toleranceSeconds || hi.number - lo.number <= 1n) break;
    } else {
      hi = point;
      if (point.number === 0n) return { found: false, reason: 'chain-too-young', genesis: point, requests };
      if (lo && hi.number - lo.number <= 1n) break;
    }
    guess = nextGuess(lo, hi, target, secondsPerBlock);
  }
  if (!lo) {
    // Out of requests without a block before the target: fall back to genesis if it qualifies.
    const genesis = await at(0n);
    if (genesis.timestamp > target) return { found: false, reason: 'chain-too-young', genesis, requests };
    lo = genesis;
  }
  return { found: true, block: lo, requests };
}

function nextGuess(lo: BlockPoint | undefined, hi: BlockPoint, target: bigint, secondsPerBlock: bigint): bigint {
  if (!lo) {
    // No lower bound yet: step back from hi by the time still missing, at least doubling the step.
    const back = (hi.timestamp - target + secondsPerBlock - 1n) / secondsPerBlock;
    return hi.number > back ? hi.number - back : 0n;
  }
  const span = hi.number - lo.number;
  const mid = lo.number + span / 2n;
  const dt = hi.timestamp - lo.timestamp;
  if (dt <= 0n) return mid;
  // Interpolate, but stay strictly inside the bracket and never closer than 1/8 to an end (no stalls).
  const guess = lo.number + ((target - lo.timestamp) * span) / dt;
  const margin = span / 8n > 0n ? span / 8n : 1n;
  const min = lo.number + margin;
  const max = hi.number - margin;
  if (min > max) return mid;
  return guess < min ? min : guess > max ? max : guess;
}
