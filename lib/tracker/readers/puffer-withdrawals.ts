import { isAddressEqual, type Address } from 'viem';
import { pufferWithdrawalManagerAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';
import { DEFAULT_QUEUE_SCAN_WINDOW, failedQueue, scanIds, searchMarker, settleKnown, type QueueReaderOptions } from './queue-common';

const MANAGER = PROTOCOL_CONTRACTS.pufferWithdrawalManager;
const abi = pufferWithdrawalManagerAbi;
export const PUFFER_WITHDRAWAL_FAMILY = 'puffer-withdrawal' as const;
const WAD = 10n ** 18n;

const k = {
  length: 'puffer-wq:length',
  finalized: 'puffer-wq:finalizedBatch',
  batchSize: 'puffer-wq:batchSize',
  withdrawal: (i: bigint) => `puffer-wq:withdrawal:${i}`,
  batch: (b: bigint) => `puffer-wq:batch:${b}`,
};

type Withdrawal = { pufETHAmount: bigint; pufETHToETHExchangeRate: bigint; recipient: Address };
type Batch = { pufETHToETHExchangeRate: bigint; toBurn: bigint; toTransfer: bigint; withdrawalsClaimed: bigint; amountClaimed: bigint };

/** What completeQueuedWithdrawal pays: amount × min(rate at request, batch rate at finalization) / 1e18. */
export const pufferPayout = (w: Withdrawal, batchRate: bigint) =>
  (w.pufETHAmount * (w.pufETHToETHExchangeRate < batchRate ? w.pufETHToETHExchangeRate : batchRate)) / WAD;

/**
 * Puffer finalizes whole batches of BATCH_SIZE requests (only full ones) in order; nothing on chain says when,
 * so the ETA is "unknown" with the batch position as its basis.
 */
export function pufferQueueEta(input: { index: bigint; batchSize: bigint; finalizedBatch: bigint; length: bigint }) {
  const batch = input.index / input.batchSize;
  if (batch <= input.finalizedBatch) return { eta: 'now', batch, basis: 'batch finalized: claimable now' };
  const filled = input.length - batch * input.batchSize;
  const slots = filled > input.batchSize ? input.batchSize : filled;
  return {
    eta: 'unknown',
    batch,
    basis: `PufferWithdrawalManager exposes no finalization time; batch ${batch} (${slots} of ${input.batchSize} slots filled, only full batches are finalized), finalized through batch ${input.finalizedBatch}`,
  };
}

/**
 * Puffer pufETH withdrawal requests per account. One global array holds every request, so phase 2 reads the last
 * `window` entries (and any known indexes) and keeps those whose recipient is an account; phase 3 reads the
 * batches of the finalized ones (their frozen rate sets the payout).
 */
export function pufferWithdrawalsReader(options: QueueReaderOptions = {}): PositionReader {
  const window = options.window ?? DEFAULT_QUEUE_SCAN_WINDOW;
  const idsToScan = (accounts: readonly Address[], reads: Reads) => {
    const length = bigintOf(reads, k.length);
    const batchSize = bigintOf(reads, k.batchSize);
    if (length === undefined || batchSize === undefined) return [];
    const known = accounts.map((a) => options.knownRequestIds?.(a) ?? []);
    return scanIds(length, batchSize, window, known); // batch 0 is a stub on mainnet too
  };
  const owned = (a: Address, ids: readonly bigint[], reads: Reads) =>
    ids.flatMap((i) => {
      const w = valueOf<Withdrawal>(reads, k.withdrawal(i));
      return w && w.pufETHAmount > 0n && isAddressEqual(w.recipient, a) ? [{ index: i, w }] : [];
    });
  return {
    family: PUFFER_WITHDRAWAL_FAMILY,
    phase1: () => [
      { key: k.length, address: MANAGER, abi, functionName: 'getWithdrawalsLength', gas: 10_000n },
      { key: k.finalized, address: MANAGER, abi, functionName: 'getFinalizedWithdrawalBatch', gas: 10_000n },
      { key: k.batchSize, address: MANAGER, abi, functionName: 'BATCH_SIZE', gas: 10_000n },
    ],
    phase2: ({ accounts }, reads) =>
      idsToScan(accounts, reads).map((i): ReadCall => ({
        key: k.withdrawal(i),
        address: MANAGER,
        abi,
        functionName: 'getWithdrawal',
        args: [i],
        gas: 15_000n,
      })),
    phase3: ({ accounts }, reads) => {
      const finalized = bigintOf(reads, k.finalized);
      const batchSize = bigintOf(reads, k.batchSize);
      if (finalized === undefined || !batchSize) return [];
      const ids = idsToScan(accounts, reads);
      const batches = new Set(
        accounts.flatMap((a) => owned(a, ids, reads).map(({ index }) => index / batchSize)).filter((b) => b <= finalized),
      );
      return [...batches].map((b): ReadCall => ({
        key: k.batch(b),
        address: MANAGER,
        abi,
        functionName: 'getBatch',
        args: [b],
        gas: 15_000n,
      }));
    },
    positions: ({ accounts }, reads) => {
      const length = bigintOf(reads, k.length);
      const finalized = bigintOf(reads, k.finalized);
      const batchSize = bigintOf(reads, k.batchSize);
      const ids = idsToScan(accounts, reads);
      return accounts.flatMap((a): Position[] => {
        if (length === undefined || finalized === undefined || !batchSize) {
          const which = length === undefined ? k.length : finalized === undefined ? k.finalized : k.batchSize;
          return [
            failedQueue(PUFFER_WITHDRAWAL_FAMILY, a, 'Puffer withdrawal queue', `${which}: ${errorOf(reads, which)}`, {
              contract: MANAGER,
              call: 'getWithdrawalsLength',
            }),
          ];
        }
        const mine = owned(a, ids, reads);
        const isOurs = (i: bigint) => {
          const w = valueOf<Withdrawal>(reads, k.withdrawal(i));
          return w === undefined ? undefined : w.pufETHAmount > 0n && isAddressEqual(w.recipient, a);
        };
        const { gone } = settleKnown(options.knownRequestIds?.(a) ?? [], batchSize, length, isOurs);
        options.onRequestIds?.(a, { owned: mine.map((m) => m.index), gone });
        const marker = searchMarker(PUFFER_WITHDRAWAL_FAMILY, a, 'Puffer', options.search?.(a), {
          contract: MANAGER,
          call: 'WithdrawalRequested (logs)',
        });
        return mine
          .map(({ index, w }): Position => {
            const eta = pufferQueueEta({ index, batchSize, finalizedBatch: finalized, length });
            const isFinal = eta.eta === 'now';
            const batch = isFinal ? valueOf<Batch>(reads, k.batch(eta.batch)) : undefined;
            const payout = batch ? pufferPayout(w, batch.pufETHToETHExchangeRate) : undefined;
            const error = isFinal && payout === undefined ? `getBatch: ${errorOf(reads, k.batch(eta.batch))}` : undefined;
            // Requested: the ETH at the rate recorded at request time, the most it can pay.
            const value = isFinal ? (payout ?? null) : (w.pufETHAmount * w.pufETHToETHExchangeRate) / WAD;
            const asset = `pufETH withdrawal #${index}`;
            return {
              id: positionId(PUFFER_WITHDRAWAL_FAMILY, a, asset),
              family: PUFFER_WITHDRAWAL_FAMILY,
              account: a,
              asset,
              status: error ? 'failed' : 'ok',
              ...(error ? { error } : {}),
              amount: w.pufETHAmount,
              fairValueEth: value,
              marketValueEth: value,
              depegWad: null,
              marketSource: 'WETH paid by the Puffer PufferWithdrawalManager (requests are not transferable)',
              details: {
                protocol: 'Puffer',
                queue: 'puffer',
                requestId: String(index),
                status: isFinal ? 'claimable' : 'requested',
                claimable: String(isFinal && !error),
                pays: 'WETH',
                pufETHAmount: String(w.pufETHAmount),
                requestRate: String(w.pufETHToETHExchangeRate),
                batch: String(eta.batch),
                ...(batch ? { batchRate: String(batch.pufETHToETHExchangeRate) } : {}),
                ...(payout !== undefined ? { claimableEth: String(payout) } : {}),
                eta: eta.eta,
                etaBasis: eta.basis,
                finalizedBatch: String(finalized),
              },
              sources: [
                { contract: MANAGER, call: 'getWithdrawal' },
                { contract: MANAGER, call: 'getFinalizedWithdrawalBatch' },
                ...(isFinal ? [{ contract: MANAGER, call: 'getBatch' }] : []),
              ],
            } satisfies Position;
          })
          .concat(marker);
      });
    },
  };
}
