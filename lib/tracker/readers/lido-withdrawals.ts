import type { Address } from 'viem';
import { lidoWithdrawalQueueAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';

const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
export const LIDO_WITHDRAWAL_FAMILY = 'lido-withdrawal' as const;

const k = {
  ids: (a: Address) => `lido-wq:ids:${a}`,
  status: (a: Address) => `lido-wq:status:${a}`,
  hints: (a: Address) => `lido-wq:hints:${a}`,
  claimable: (a: Address) => `lido-wq:claimable:${a}`,
  lastFinalized: 'lido-wq:lastFinalized',
  lastCheckpoint: 'lido-wq:lastCheckpoint',
  unfinalized: 'lido-wq:unfinalizedStETH',
};

export type LidoRequestStatus = {
  amountOfStETH: bigint;
  amountOfShares: bigint;
  owner: Address;
  timestamp: bigint;
  isFinalized: boolean;
  isClaimed: boolean;
};

/**
 * What the queue itself says about when a request will be finalized. Lido finalizes by oracle report
 * (a daily frame), in id order, as far as the buffered ETH and the exit bus allow; none of that is
 * exposed as a time by WithdrawalQueueERC721, so the ETA is "unknown" and we report the queue position
 * instead: unfinalized requests ahead of this one and the stETH waiting in the whole queue.
 */
export function lidoQueueEta(
  requestId: bigint,
  isFinalized: boolean,
  lastFinalizedRequestId: bigint,
  unfinalizedStETH: bigint | undefined,
): { eta: 'now' | 'unknown'; requestsAhead: bigint; basis: string } {
  if (isFinalized) return { eta: 'now', requestsAhead: 0n, basis: 'finalized: claimable now' };
  const ahead = requestId - lastFinalizedRequestId - 1n;
  const requestsAhead = ahead > 0n ? ahead : 0n;
  const queue = unfinalizedStETH === undefined ? '' : `, ${unfinalizedStETH} stETH wei unfinalized in the whole queue`;
  return {
    eta: 'unknown',
    requestsAhead,
    basis: `the queue exposes no finalization time (oracle reports finalize in id order); ${requestsAhead} unfinalized request(s) ahead${queue}`,
  };
}

/**
 * One position per unclaimed request, named "stETH withdrawal #id" (its amount is stETH; the NFT is
 * unstETH). `claimableEther` holds getClaimableEther's answer for finalized ids (undefined when that read
 * failed); a requested one is valued at its locked stETH (1 stETH ≙ 1 ETH, reference §1.1), the most it
 * can pay: a loss before finalization lowers it to shares × the share rate.
 */
export function lidoRequestPositions(input: {
  account: Address;
  ids: readonly bigint[];
  statuses: readonly LidoRequestStatus[];
  claimableEther: ReadonlyMap<bigint, bigint | undefined>;
  lastFinalizedRequestId: bigint;
  unfinalizedStETH?: bigint;
  claimableError?: string;
}): Position[] {
  const { account, ids, statuses } = input;
  return ids.flatMap((id, i): Position[] => {
    const s = statuses[i];
    if (!s || s.isClaimed) return [];
    const asset = `stETH withdrawal #${id}`;
    const eta = lidoQueueEta(id, s.isFinalized, input.lastFinalizedRequestId, input.unfinalizedStETH);
    const claimable = s.isFinalized ? input.claimableEther.get(id) : undefined;
    const failedClaimable = s.isFinalized && claimable === undefined;
    const valueEth = s.isFinalized ? (claimable ?? null) : s.amountOfStETH;
    return [
      {
        id: positionId(LIDO_WITHDRAWAL_FAMILY, account, asset),
        family: LIDO_WITHDRAWAL_FAMILY,
        account,
        asset,
        status: failedClaimable ? 'failed' : 'ok',
        ...(failedClaimable ? { error: `getClaimableEther: ${input.claimableError ?? 'no answer'}` } : {}),
        amount: s.amountOfStETH,
        fairValueEth: valueEth,
        marketValueEth: valueEth,
        depegWad: null,
        marketSource: 'ETH paid by the Lido withdrawal queue (no market exit for the request NFT)',
        details: {
          protocol: 'Lido',
          // The queue the one-click claim goes through (lib/restaking/withdrawal-queues).
          queue: 'lido',
          requestId: String(id),
          status: s.isFinalized ? 'claimable' : 'requested',
          claimable: String(s.isFinalized),
          amountOfStETH: String(s.amountOfStETH),
          amountOfShares: String(s.amountOfShares),
          requestedAt: String(s.timestamp),
          ...(claimable !== undefined ? { claimableEth: String(claimable) } : {}),
          eta: eta.eta,
          etaBasis: eta.basis,
          requestsAhead: String(eta.requestsAhead),
          lastFinalizedRequestId: String(input.lastFinalizedRequestId),
        },
        sources: [
          { contract: QUEUE, call: 'getWithdrawalRequests' },
          { contract: QUEUE, call: 'getWithdrawalStatus' },
          { contract: QUEUE, call: 'getLastFinalizedRequestId' },
          ...(s.isFinalized ? [{ contract: QUEUE, call: 'getClaimableEther' }] : []),
        ],
      },
    ];
  });
}

const idsOf = (reads: Reads, a: Address) => valueOf<readonly bigint[]>(reads, k.ids(a));
const finalizedIdsOf = (reads: Reads, a: Address) => {
  const last = bigintOf(reads, k.lastFinalized);
  return last === undefined ? [] : (idsOf(reads, a) ?? []).filter((id) => id <= last);
};

/**
 * Lido withdrawal requests (unstETH NFTs) per account. Phase 1: each account's request ids and the queue's
 * finalization state; phase 2: the requests' status and checkpoint hints of the finalized ones; phase 3:
 * the ETH each finalized request can claim.
 */
export function lidoWithdrawalsReader(): PositionReader {
  return {
    family: LIDO_WITHDRAWAL_FAMILY,
    phase1: ({ accounts }) => [
      { key: k.lastFinalized, address: QUEUE, abi: lidoWithdrawalQueueAbi, functionName: 'getLastFinalizedRequestId' },
      { key: k.lastCheckpoint, address: QUEUE, abi: lidoWithdrawalQueueAbi, functionName: 'getLastCheckpointIndex' },
      { key: k.unfinalized, address: QUEUE, abi: lidoWithdrawalQueueAbi, functionName: 'unfinalizedStETH', gas: 300_000n },
      ...accounts.map((a): ReadCall => ({
        key: k.ids(a),
        address: QUEUE,
        abi: lidoWithdrawalQueueAbi,
        functionName: 'getWithdrawalRequests',
        args: [a],
      })),
    ],
    phase2: ({ accounts }, reads) => {
      const lastCheckpoint = bigintOf(reads, k.lastCheckpoint);
      return accounts.flatMap((a): ReadCall[] => {
        const ids = idsOf(reads, a) ?? [];
        if (ids.length === 0) return [];
        const finalized = finalizedIdsOf(reads, a);
        const gas = 50_000n + 20_000n * BigInt(ids.length);
        return [
          { key: k.status(a), address: QUEUE, abi: lidoWithdrawalQueueAbi, functionName: 'getWithdrawalStatus', args: [ids], gas },
          ...(finalized.length > 0 && lastCheckpoint !== undefined && lastCheckpoint > 0n
            ? [
                {
                  key: k.hints(a),
                  address: QUEUE,
                  abi: lidoWithdrawalQueueAbi,
                  functionName: 'findCheckpointHints',
                  args: [finalized, 1n, lastCheckpoint],
                  gas,
                },
              ]
            : []),
        ];
      });
    },
    phase3: ({ accounts }, reads) =>
      accounts.flatMap((a): ReadCall[] => {
        const hints = valueOf<readonly bigint[]>(reads, k.hints(a));
        const finalized = finalizedIdsOf(reads, a);
        if (!hints || finalized.length === 0) return [];
        return [
          {
            key: k.claimable(a),
            address: QUEUE,
            abi: lidoWithdrawalQueueAbi,
            functionName: 'getClaimableEther',
            args: [finalized, hints],
            gas: 50_000n + 20_000n * BigInt(finalized.length),
          },
        ];
      }),
    positions: ({ accounts }, reads) =>
      accounts.flatMap((a): Position[] => {
        const ids = idsOf(reads, a);
        if (!ids) return [failed(a, `getWithdrawalRequests: ${errorOf(reads, k.ids(a))}`)];
        if (ids.length === 0) return [];
        const statuses = valueOf<readonly LidoRequestStatus[]>(reads, k.status(a));
        const lastFinalized = bigintOf(reads, k.lastFinalized);
        if (!statuses) return [failed(a, `getWithdrawalStatus: ${errorOf(reads, k.status(a))}`)];
        if (lastFinalized === undefined) return [failed(a, `getLastFinalizedRequestId: ${errorOf(reads, k.lastFinalized)}`)];
        const finalized = finalizedIdsOf(reads, a);
        const amounts = valueOf<readonly bigint[]>(reads, k.claimable(a));
        const claimableEther = new Map(finalized.map((id, i) => [id, amounts?.[i]]));
        const claimableError = reads.has(k.claimable(a))
          ? errorOf(reads, k.claimable(a))
          : `findCheckpointHints: ${errorOf(reads, k.hints(a))}`;
        return lidoRequestPositions({
          account: a,
          ids,
          statuses,
          claimableEther,
          lastFinalizedRequestId: lastFinalized,
          unfinalizedStETH: bigintOf(reads, k.unfinalized),
          claimableError,
        });
      }),
  };
}

function failed(a: Address, error: string): Position {
  return {
    id: positionId(LIDO_WITHDRAWAL_FAMILY, a, 'Lido withdrawal queue'),
    family: LIDO_WITHDRAWAL_FAMILY,
    account: a,
    asset: 'Lido withdrawal queue',
    status: 'failed',
    error,
    amount: 0n,
    fairValueEth: null,
    marketValueEth: null,
    depegWad: null,
    details: {},
    sources: [{ contract: QUEUE, call: 'getWithdrawalRequests' }],
  };
}
