import { encodeFunctionData, isAddressEqual, type Address } from 'viem';
import { readContract } from 'viem/actions';
import { erc20Abi, lidoWithdrawalQueueAbi } from '../../chain/abis';
import { AppError } from '../../errors';
import { PROTOCOL_CONTRACTS, TOKENS } from '../addresses';
import type { QueueCall, QueueClaimInput, QueueRequestInput, WithdrawalQueue } from './types';

const QUEUE = PROTOCOL_CONTRACTS.lidoWithdrawalQueue;
const WAD = 10n ** 18n;

/**
 * The limits of one request, as lidofinance/core contracts/0.8.9/WithdrawalQueue.sol declares them
 * (`MIN_STETH_WITHDRAWAL_AMOUNT = 100`, `MAX_STETH_WITHDRAWAL_AMOUNT = 1000 * 1e18`), both in stETH wei.
 * A wstETH request is checked on the stETH its unwrap gives.
 */
export const MIN_STETH_WITHDRAWAL_AMOUNT = 100n;
export const MAX_STETH_WITHDRAWAL_AMOUNT = 1000n * WAD;
/**
 * wstETH chunks are sized without a read (requestCalls is pure): at most 1000 stETH ÷ 2, which stays
 * under the stETH limit while one wstETH is worth less than 2 stETH (1.2 in 2025; it only grows with
 * staking rewards). The whole-flow simulation would name a chunk the queue refuses before anything is sent.
 */
export const MAX_WSTETH_CHUNK = MAX_STETH_WITHDRAWAL_AMOUNT / 2n;

/**
 * Splits an amount into the fewest near-equal chunks of at most `max`: equal chunks never leave a
 * tail under the queue's minimum (each is at least max ÷ 2 once there are two).
 */
export function splitWithdrawalAmount(amount: bigint, max: bigint, min = MIN_STETH_WITHDRAWAL_AMOUNT): bigint[] {
  if (amount < min)
    throw new AppError('Amount too small for the Lido queue', {
      code: 'withdraw.amount-too-small',
      details: `Lido's withdrawal queue takes at least ${min} wei per request; asked for ${amount} wei.`,
    });
  const n = (amount + max - 1n) / max;
  const base = amount / n;
  const extra = amount % n;
  return Array.from({ length: Number(n) }, (_, i) => base + (BigInt(i) < extra ? 1n : 0n));
}

function requestCalls({ symbol, amount, owner }: QueueRequestInput): QueueCall[] {
  if (symbol !== 'stETH' && symbol !== 'wstETH')
    throw new AppError(`Lido's queue does not take ${symbol}`, {
      code: 'withdraw.no-queue',
      details: 'The Lido withdrawal queue takes stETH and wstETH only.',
    });
  const wrapped = symbol === 'wstETH';
  const chunks = splitWithdrawalAmount(amount, wrapped ? MAX_WSTETH_CHUNK : MAX_STETH_WITHDRAWAL_AMOUNT);
  const approve: QueueCall = {
    to: TOKENS[symbol],
    data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [QUEUE, amount] }),
    value: 0n,
    label: `Allow the Lido withdrawal queue to take ${symbol}`,
  };
  const request: QueueCall = {
    to: QUEUE,
    data: encodeFunctionData({
      abi: lidoWithdrawalQueueAbi,
      functionName: wrapped ? 'requestWithdrawalsWstETH' : 'requestWithdrawals',
      args: [chunks, owner],
    }),
    value: 0n,
    label: `Request a Lido withdrawal of ${symbol}${chunks.length > 1 ? ` (${chunks.length} requests)` : ''}`,
  };
  return [approve, request];
}

type Status = { owner: Address; isFinalized: boolean; isClaimed: boolean };

/**
 * The claim of one finalized request: claimWithdrawals([id], [hint]) with the hint findCheckpointHints
 * gives (mainnet's cheap path). Reads the request first: an unfinalized, claimed or foreign one is refused
 * here, before anything is simulated or sent.
 */
async function claimCalls({ requestId, owner, client }: QueueClaimInput): Promise<QueueCall[]> {
  const last = await readContract(client, { address: QUEUE, abi: lidoWithdrawalQueueAbi, functionName: 'getLastRequestId' });
  if (requestId < 1n || requestId > last)
    throw new AppError(`No Lido withdrawal request #${requestId}`, {
      code: 'withdraw.unknown-request',
      details: `The queue's requests run from #1 to #${last}.`,
    });
  const [status] = (await readContract(client, {
    address: QUEUE,
    abi: lidoWithdrawalQueueAbi,
    functionName: 'getWithdrawalStatus',
    args: [[requestId]],
  })) as readonly Status[];
  if (!status) throw new AppError(`No Lido withdrawal request #${requestId}`, { code: 'withdraw.unknown-request' });
  if (!isAddressEqual(status.owner, owner))
    throw new AppError(`Request #${requestId} belongs to another account`, {
      code: 'withdraw.not-owner',
      details: `Its owner is ${status.owner}; select that account to claim it.`,
    });
  if (status.isClaimed || !status.isFinalized)
    throw new AppError(status.isClaimed ? `Request #${requestId} is already claimed` : `Request #${requestId} is not claimable yet`, {
      code: 'withdraw.not-claimable',
      details: status.isClaimed
        ? 'Its ETH was paid out already.'
        : 'Lido finalizes requests in order with its oracle reports; claim once it shows as claimable.',
    });
  const lastCheckpoint = await readContract(client, {
    address: QUEUE,
    abi: lidoWithdrawalQueueAbi,
    functionName: 'getLastCheckpointIndex',
  });
  const [hint] = await readContract(client, {
    address: QUEUE,
    abi: lidoWithdrawalQueueAbi,
    functionName: 'findCheckpointHints',
    args: [[requestId], 1n, lastCheckpoint],
  });
  return [lidoClaimCall(requestId, hint ?? 0n)];
}

export const lidoClaimCall = (requestId: bigint, hint: bigint): QueueCall => ({
  to: QUEUE,
  data: encodeFunctionData({ abi: lidoWithdrawalQueueAbi, functionName: 'claimWithdrawals', args: [[requestId], [hint]] }),
  value: 0n,
  label: `Claim Lido withdrawal #${requestId}`,
});

/** Lido's WithdrawalQueueERC721 (unstETH): stETH or wstETH in, an NFT per request, ETH out once finalized. */
export const lidoWithdrawalQueue: WithdrawalQueue = {
  id: 'lido',
  protocol: 'lido',
  name: 'Lido WithdrawalQueue',
  contract: {
    name: 'WithdrawalQueueERC721',
    address: QUEUE,
    source: 'docs.lido.fi/deployed-contracts ("WithdrawalQueueERC721"); lib/restaking/addresses.ts',
  },
  accepts: ['stETH', 'wstETH'],
  pays: 'ETH',
  requestCalls,
  claimCalls,
};
