import type { Address } from 'viem';
import { kelpWithdrawalManagerAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';
import { failedQueue, secondsUntilBlock } from './queue-common';

const MANAGER = PROTOCOL_CONTRACTS.kelpWithdrawalManager;
const abi = kelpWithdrawalManagerAbi;
/** Kelp's marker for native ETH as a withdrawal asset (LRTConstants.ETH_TOKEN). */
export const KELP_ETH_ASSET: Address = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE';
export const KELP_WITHDRAWAL_FAMILY = 'kelp-withdrawal' as const;
/** A user deque longer than this is read only this far (each entry is one read). */
const MAX_REQUESTS_PER_ACCOUNT = 32n;

const k = {
  nonces: (a: Address) => `kelp-wq:nonces:${a}`,
  request: (a: Address, i: bigint) => `kelp-wq:request:${a}:${i}`,
  nextLocked: 'kelp-wq:nextLockedNonce',
  delay: 'kelp-wq:withdrawalDelayBlocks',
};

type Row = readonly [rsETHAmount: bigint, expectedAssetAmount: bigint, withdrawalStartBlock: bigint, userNonce: bigint];

const countOf = (reads: Reads, a: Address): bigint | undefined => {
  const v = valueOf<readonly [bigint, bigint]>(reads, k.nonces(a));
  if (!v) return undefined;
  const n = v[1] - v[0];
  return n > MAX_REQUESTS_PER_ACCOUNT ? MAX_REQUESTS_PER_ACCOUNT : n;
};

/**
 * When a Kelp request pays: the operator's unlockQueue must have passed its nonce (nextLockedNonce) and
 * withdrawalDelayBlocks must have passed since its start block. The delay gives an earliest block; the unlock
 * has no schedule on chain.
 */
export function kelpQueueEta(input: {
  nonce: bigint;
  startBlock: bigint;
  delayBlocks: bigint;
  nextLockedNonce: bigint;
  blockNumber: bigint;
}) {
  const readyBlock = input.startBlock + input.delayBlocks;
  const unlocked = input.nonce < input.nextLockedNonce;
  const delayPassed = input.blockNumber >= readyBlock;
  if (unlocked && delayPassed)
    return {
      eta: 'now',
      claimable: true,
      readyBlock,
      basis: 'unlocked by the operator and the withdrawal delay has passed: claimable now',
    };
  const unlock = unlocked
    ? 'already unlocked by the operator'
    : `the operator's unlockQueue has reached nonce ${input.nextLockedNonce}, this request is nonce ${input.nonce}`;
  if (!delayPassed)
    return {
      eta: 'estimated',
      claimable: false,
      readyBlock,
      basis: `earliest block ${readyBlock} (start ${input.startBlock} + withdrawalDelayBlocks ${input.delayBlocks}); ${unlock}`,
    };
  return {
    eta: 'unknown',
    claimable: false,
    readyBlock,
    basis: `the withdrawal delay ended at block ${readyBlock}; waiting for the unlock: ${unlock}`,
  };
}

/**
 * Kelp rsETH → ETH withdrawal requests per account. Phase 1: each account's nonce deque bounds, the queue's
 * next locked nonce and delay; phase 2: each request in the deque (getUserWithdrawalRequest).
 */
export function kelpWithdrawalsReader(): PositionReader {
  return {
    family: KELP_WITHDRAWAL_FAMILY,
    phase1: ({ accounts }) => [
      { key: k.nextLocked, address: MANAGER, abi, functionName: 'nextLockedNonce', args: [KELP_ETH_ASSET], gas: 10_000n },
      { key: k.delay, address: MANAGER, abi, functionName: 'withdrawalDelayBlocks', gas: 10_000n },
      ...accounts.map((a): ReadCall => ({
        key: k.nonces(a),
        address: MANAGER,
        abi,
        functionName: 'userAssociatedNonces',
        args: [KELP_ETH_ASSET, a],
        gas: 10_000n,
      })),
    ],
    phase2: ({ accounts }, reads) =>
      accounts.flatMap((a): ReadCall[] => {
        const n = countOf(reads, a) ?? 0n;
        const out: ReadCall[] = [];
        for (let i = 0n; i < n; i += 1n)
          out.push({
            key: k.request(a, i),
            address: MANAGER,
            abi,
            functionName: 'getUserWithdrawalRequest',
            args: [KELP_ETH_ASSET, a, i],
            gas: 20_000n,
          });
        return out;
      }),
    positions: ({ accounts, blockNumber, blockTimestamp }, reads) =>
      accounts.flatMap((a): Position[] => {
        const n = countOf(reads, a);
        const nextLocked = bigintOf(reads, k.nextLocked);
        const delay = bigintOf(reads, k.delay);
        const source = { contract: MANAGER, call: 'userAssociatedNonces' };
        if (n === undefined)
          return [
            failedQueue(KELP_WITHDRAWAL_FAMILY, a, 'Kelp withdrawal queue', `userAssociatedNonces: ${errorOf(reads, k.nonces(a))}`, source),
          ];
        if (n === 0n) return [];
        if (nextLocked === undefined || delay === undefined || blockNumber === undefined) {
          const which = nextLocked === undefined ? k.nextLocked : k.delay;
          return [failedQueue(KELP_WITHDRAWAL_FAMILY, a, 'Kelp withdrawal queue', `${which}: ${errorOf(reads, which)}`, source)];
        }
        const out: Position[] = [];
        for (let i = 0n; i < n; i += 1n) {
          const row = valueOf<Row>(reads, k.request(a, i));
          if (!row) {
            out.push(
              failedQueue(
                KELP_WITHDRAWAL_FAMILY,
                a,
                `rsETH withdrawal (queue index ${i})`,
                `getUserWithdrawalRequest: ${errorOf(reads, k.request(a, i))}`,
                source,
              ),
            );
            continue;
          }
          const [rsETH, expected, startBlock, nonce] = row;
          const eta = kelpQueueEta({ nonce, startBlock, delayBlocks: delay, nextLockedNonce: nextLocked, blockNumber });
          const asset = `rsETH withdrawal #${nonce}`;
          out.push({
            id: positionId(KELP_WITHDRAWAL_FAMILY, a, asset),
            family: KELP_WITHDRAWAL_FAMILY,
            account: a,
            asset,
            status: 'ok',
            amount: rsETH,
            // Before the unlock: the ETH expected at request time, the most it can pay (the unlock lowers it to
            // the rsETH price then if lower). After: what completeWithdrawal pays.
            fairValueEth: expected,
            marketValueEth: expected,
            depegWad: null,
            marketSource: 'ETH paid by the Kelp LRTWithdrawalManager (requests are not transferable)',
            details: {
              protocol: 'Kelp',
              queue: 'kelp',
              requestId: String(nonce),
              queueIndex: String(i),
              status: eta.claimable ? 'claimable' : 'requested',
              claimable: String(eta.claimable),
              unlocked: String(nonce < nextLocked),
              rsETHUnstaked: String(rsETH),
              expectedAssetAmount: String(expected),
              ...(eta.claimable ? { claimableEth: String(expected) } : {}),
              startBlock: String(startBlock),
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
              nextLockedNonce: String(nextLocked),
              withdrawalDelayBlocks: String(delay),
            },
            sources: [
              source,
              { contract: MANAGER, call: 'getUserWithdrawalRequest' },
              { contract: MANAGER, call: 'nextLockedNonce' },
              { contract: MANAGER, call: 'withdrawalDelayBlocks' },
            ],
          });
        }
        return out;
      }),
  };
}
