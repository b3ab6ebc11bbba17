import { isAddressEqual, type Address } from 'viem';
import { mantleStakingUnstakeAbi, mantleUnstakeRequestsManagerAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';
import {
  DEFAULT_QUEUE_SCAN_WINDOW,
  failedQueue,
  scanIds,
  searchMarker,
  secondsUntilBlock,
  settleKnown,
  type QueueReaderOptions,
} from './queue-common';

const MANAGER = PROTOCOL_CONTRACTS.mantleUnstakeRequestsManager;
const STAKING = PROTOCOL_CONTRACTS.mantleStaking;
const abi = mantleUnstakeRequestsManagerAbi;
export const MANTLE_WITHDRAWAL_FAMILY = 'mantle-withdrawal' as const;

const k = {
  next: 'mantle-wq:nextRequestId',
  blocks: 'mantle-wq:numberOfBlocksToFinalize',
  request: (id: bigint) => `mantle-wq:request:${id}`,
  info: (id: bigint) => `mantle-wq:info:${id}`,
};

type UnstakeRequest = {
  blockNumber: bigint;
  requester: Address;
  id: bigint;
  mETHLocked: bigint;
  ethRequested: bigint;
  cumulativeETHRequested: bigint;
};

/**
 * Mantle finalizes a request once an oracle record ends at or past its block + numberOfBlocksToFinalize, and pays
 * it once allocated ETH covers its cumulative figure. The block gives an earliest time; records and allocation
 * follow the oracle's schedule, not on chain.
 */
export function mantleQueueEta(input: {
  requestBlock: bigint;
  blocksToFinalize: bigint;
  finalized: boolean;
  filled: bigint;
  ethRequested: bigint;
  blockNumber: bigint;
}) {
  const readyBlock = input.requestBlock + input.blocksToFinalize;
  const full = input.filled >= input.ethRequested;
  if (input.finalized && full) return { eta: 'now', claimable: true, readyBlock, basis: 'finalized and fully filled: claimable now' };
  const fill = full ? 'allocated ETH covers it' : `allocated ETH covers ${input.filled} of its ${input.ethRequested} wei`;
  if (!input.finalized && input.blockNumber < readyBlock)
    return {
      eta: 'estimated',
      claimable: false,
      readyBlock,
      basis: `earliest block ${readyBlock} (request block ${input.requestBlock} + numberOfBlocksToFinalize ${input.blocksToFinalize}), then the next oracle record; ${fill}`,
    };
  return {
    eta: 'unknown',
    claimable: false,
    readyBlock,
    basis: input.finalized
      ? `finalized; waiting for the allocation: ${fill}`
      : `past block ${readyBlock}; waiting for an oracle record that ends past it; ${fill}`,
  };
}

/**
 * Mantle mETH unstake requests per account. The UnstakeRequestsManager keeps one global array and no per-owner
 * list, so phase 2 reads the last `window` requests (and any known ids) and keeps those whose requester is an
 * account (claimed ones are deleted: requester 0); phase 3 asks Staking.unstakeRequestInfo for each kept one.
 */
export function mantleWithdrawalsReader(options: QueueReaderOptions = {}): PositionReader {
  const window = options.window ?? DEFAULT_QUEUE_SCAN_WINDOW;
  const idsToScan = (accounts: readonly Address[], reads: Reads) => {
    const next = bigintOf(reads, k.next);
    if (next === undefined) return [];
    const known = accounts.map((a) => options.knownRequestIds?.(a) ?? []);
    return scanIds(next, 0n, window, known);
  };
  const owned = (a: Address, ids: readonly bigint[], reads: Reads) =>
    ids.flatMap((id) => {
      const r = valueOf<UnstakeRequest>(reads, k.request(id));
      return r && r.mETHLocked > 0n && isAddressEqual(r.requester, a) ? [{ id, r }] : [];
    });
  return {
    family: MANTLE_WITHDRAWAL_FAMILY,
    phase1: () => [
      { key: k.next, address: MANAGER, abi, functionName: 'nextRequestId', gas: 10_000n },
      { key: k.blocks, address: MANAGER, abi, functionName: 'numberOfBlocksToFinalize', gas: 10_000n },
    ],
    phase2: ({ accounts }, reads) =>
      idsToScan(accounts, reads).map((id): ReadCall => ({
        key: k.request(id),
        address: MANAGER,
        abi,
        functionName: 'requestByID',
        args: [id],
        gas: 20_000n,
      })),
    phase3: ({ accounts }, reads) => {
      const ids = idsToScan(accounts, reads);
      return accounts.flatMap((a) =>
        owned(a, ids, reads).map(({ id }): ReadCall => ({
          key: k.info(id),
          address: STAKING,
          abi: mantleStakingUnstakeAbi,
          functionName: 'unstakeRequestInfo',
          args: [id],
          gas: 60_000n,
        })),
      );
    },
    positions: ({ accounts, blockNumber, blockTimestamp }, reads) => {
      const next = bigintOf(reads, k.next);
      const blocks = bigintOf(reads, k.blocks);
      const ids = idsToScan(accounts, reads);
      return accounts.flatMap((a): Position[] => {
        if (next === undefined || blocks === undefined || blockNumber === undefined) {
          const which = next === undefined ? k.next : k.blocks;
          return [
            failedQueue(MANTLE_WITHDRAWAL_FAMILY, a, 'Mantle unstake requests', `${which}: ${errorOf(reads, which)}`, {
              contract: MANAGER,
              call: 'nextRequestId',
            }),
          ];
        }
        const mine = owned(a, ids, reads);
        // A claimed request is deleted (requester 0); a cancelled one is popped and its id may go to someone else.
        const isOurs = (id: bigint) => {
          const r = valueOf<UnstakeRequest>(reads, k.request(id));
          return r === undefined ? undefined : r.mETHLocked > 0n && isAddressEqual(r.requester, a);
        };
        const { gone } = settleKnown(options.knownRequestIds?.(a) ?? [], 0n, next, isOurs);
        options.onRequestIds?.(a, { owned: mine.map((m) => m.id), gone });
        const marker = searchMarker(MANTLE_WITHDRAWAL_FAMILY, a, 'Mantle', options.search?.(a), {
          contract: MANAGER,
          call: 'UnstakeRequestCreated (logs)',
        });
        return mine
          .map(({ id, r }): Position => {
            const info = valueOf<readonly [boolean, bigint]>(reads, k.info(id));
            const error = info ? undefined : `unstakeRequestInfo: ${errorOf(reads, k.info(id))}`;
            const eta = mantleQueueEta({
              requestBlock: r.blockNumber,
              blocksToFinalize: blocks,
              finalized: info?.[0] ?? false,
              filled: info?.[1] ?? 0n,
              ethRequested: r.ethRequested,
              blockNumber,
            });
            const claimable = eta.claimable && !error;
            const asset = `mETH withdrawal #${id}`;
            return {
              id: positionId(MANTLE_WITHDRAWAL_FAMILY, a, asset),
              family: MANTLE_WITHDRAWAL_FAMILY,
              account: a,
              asset,
              status: error ? 'failed' : 'ok',
              ...(error ? { error } : {}),
              amount: r.mETHLocked,
              // The ETH owed is fixed at the request (mETHToETH then): a later loss does not reach it.
              fairValueEth: r.ethRequested,
              marketValueEth: r.ethRequested,
              depegWad: null,
              marketSource: 'ETH paid by Mantle Staking (unstake requests are not transferable)',
              details: {
                protocol: 'Mantle',
                queue: 'mantle',
                requestId: String(id),
                status: claimable ? 'claimable' : 'requested',
                claimable: String(claimable),
                mETHLocked: String(r.mETHLocked),
                ethRequested: String(r.ethRequested),
                requestBlock: String(r.blockNumber),
                ...(info ? { finalized: String(info[0]), filledEth: String(info[1]) } : {}),
                ...(claimable ? { claimableEth: String(info![1]) } : {}),
                eta: eta.eta,
                etaBasis: eta.basis,
                ...(eta.eta === 'estimated'
                  ? {
                      etaBlock: String(eta.readyBlock),
                      ...(blockTimestamp !== undefined
                        ? { etaTimestamp: String(blockTimestamp + secondsUntilBlock(eta.readyBlock, blockNumber)) }
                        : {}),
                    }
                  : {}),
                numberOfBlocksToFinalize: String(blocks),
              },
              sources: [
                { contract: MANAGER, call: 'requestByID' },
                { contract: MANAGER, call: 'numberOfBlocksToFinalize' },
                { contract: STAKING, call: 'unstakeRequestInfo' },
              ],
            } satisfies Position;
          })
          .concat(marker);
      });
    },
  };
}
