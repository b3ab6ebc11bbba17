import { isAddressEqual, type Address } from 'viem';
import { etherfiWithdrawRequestNftAbi } from '../../chain/abis';
import { PROTOCOL_CONTRACTS } from '../../restaking/addresses';
import type { Position, ReadCall, Reads } from '../types';
import { bigintOf, errorOf, positionId, valueOf, type PositionReader } from './reader';
import { DEFAULT_QUEUE_SCAN_WINDOW, failedQueue, scanIds, searchMarker, settleKnown, type QueueReaderOptions } from './queue-common';

const NFT = PROTOCOL_CONTRACTS.etherfiWithdrawRequestNFT;
const abi = etherfiWithdrawRequestNftAbi;
export const ETHERFI_WITHDRAWAL_FAMILY = 'etherfi-withdrawal' as const;

const k = {
  next: 'etherfi-wq:nextRequestId',
  lastFinalized: 'etherfi-wq:lastFinalizedRequestId',
  owner: (id: bigint) => `etherfi-wq:owner:${id}`,
  request: (id: bigint) => `etherfi-wq:request:${id}`,
  claimable: (id: bigint) => `etherfi-wq:claimable:${id}`,
};

/** nextRequestId and lastFinalizedRequestId are uint32: viem decodes them as numbers. */
const idOf = (reads: Reads, key: string): bigint | undefined => {
  const v = valueOf<unknown>(reads, key);
  return typeof v === 'number' || typeof v === 'bigint' ? BigInt(v) : undefined;
};

type EtherfiRequest = { amountOfEEth: bigint; shareOfEEth: bigint; isValid: boolean; feeGwei: number };

/**
 * ether.fi finalizes requests in id order when EtherFiAdmin executes an oracle report; no time is exposed on
 * chain, so the ETA is "unknown" with the queue position as its basis.
 */
export function etherfiQueueEta(requestId: bigint, lastFinalized: bigint) {
  if (requestId <= lastFinalized) return { eta: 'now', requestsAhead: 0n, basis: 'finalized: claimable now' };
  const requestsAhead = requestId - lastFinalized - 1n;
  return {
    eta: 'unknown',
    requestsAhead,
    basis: `WithdrawRequestNFT exposes no finalization time (EtherFiAdmin finalizes in id order after oracle reports); ${requestsAhead} unfinalized request(s) ahead, last finalized #${lastFinalized}`,
  };
}

/**
 * ether.fi withdrawal requests (WithdrawRequestNFT) per account. The NFT is not enumerable, so phase 2 asks
 * ownerOf for the last `window` ids (and any known ids); phase 3 reads the owned requests and the claimable
 * ETH of the finalized ones (getClaimableAmount reverts before finalization, so it is asked only then).
 */
export function etherfiWithdrawalsReader(options: QueueReaderOptions = {}): PositionReader {
  const window = options.window ?? DEFAULT_QUEUE_SCAN_WINDOW;
  const idsToScan = (accounts: readonly Address[], reads: Reads) => {
    const next = idOf(reads, k.next);
    if (next === undefined) return [];
    const known = accounts.map((a) => options.knownRequestIds?.(a) ?? []);
    return scanIds(next, 1n, window, known);
  };
  const owned = (a: Address, ids: readonly bigint[], reads: Reads) =>
    ids.filter((id) => {
      const owner = valueOf<Address>(reads, k.owner(id));
      return owner !== undefined && isAddressEqual(owner, a);
    });
  return {
    family: ETHERFI_WITHDRAWAL_FAMILY,
    phase1: () => [
      { key: k.next, address: NFT, abi, functionName: 'nextRequestId', gas: 10_000n },
      { key: k.lastFinalized, address: NFT, abi, functionName: 'lastFinalizedRequestId', gas: 10_000n },
    ],
    phase2: ({ accounts }, reads) =>
      idsToScan(accounts, reads).map((id): ReadCall => ({
        key: k.owner(id),
        address: NFT,
        abi,
        functionName: 'ownerOf',
        args: [id],
        gas: 10_000n,
      })),
    phase3: ({ accounts }, reads) => {
      const ids = idsToScan(accounts, reads);
      const last = idOf(reads, k.lastFinalized) ?? 0n;
      return accounts.flatMap((a) =>
        owned(a, ids, reads).flatMap((id): ReadCall[] => [
          { key: k.request(id), address: NFT, abi, functionName: 'getRequest', args: [id], gas: 15_000n },
          ...(id <= last
            ? [{ key: k.claimable(id), address: NFT, abi, functionName: 'getClaimableAmount', args: [id], gas: 30_000n }]
            : []),
        ]),
      );
    },
    positions: ({ accounts }, reads) => {
      const last = idOf(reads, k.lastFinalized);
      const ids = idsToScan(accounts, reads);
      return accounts.flatMap((a): Position[] => {
        if (idOf(reads, k.next) === undefined || last === undefined) {
          const which = idOf(reads, k.next) === undefined ? k.next : k.lastFinalized;
          return [
            failedQueue(ETHERFI_WITHDRAWAL_FAMILY, a, 'ether.fi withdrawal queue', `${which}: ${errorOf(reads, which)}`, {
              contract: NFT,
              call: 'nextRequestId',
            }),
          ];
        }
        const mine = owned(a, ids, reads);
        // ownerOf reverts for a burned (claimed) id: a failed read is "not the account's", as the list above treats it.
        const ownerOfId = (id: bigint) => {
          const r = reads.get(k.owner(id));
          return r === undefined ? undefined : r.ok && isAddressEqual(r.value as Address, a);
        };
        const { gone } = settleKnown(options.knownRequestIds?.(a) ?? [], 1n, idOf(reads, k.next)!, ownerOfId);
        options.onRequestIds?.(a, { owned: mine, gone });
        return [
          ...mine.map((id) => requestPosition(a, id, last, reads)),
          ...searchMarker(ETHERFI_WITHDRAWAL_FAMILY, a, 'ether.fi', options.search?.(a), { contract: NFT, call: 'Transfer (logs)' }),
        ];
      });
    },
  };
}

function requestPosition(account: Address, id: bigint, lastFinalized: bigint, reads: Reads): Position {
  const asset = `eETH withdrawal #${id}`;
  const request = valueOf<EtherfiRequest>(reads, k.request(id));
  const finalized = id <= lastFinalized;
  const claimable = finalized ? bigintOf(reads, k.claimable(id)) : undefined;
  const error = !request
    ? `getRequest: ${errorOf(reads, k.request(id))}`
    : finalized && claimable === undefined
      ? `getClaimableAmount: ${errorOf(reads, k.claimable(id))}`
      : undefined;
  const eta = etherfiQueueEta(id, lastFinalized);
  // Requested: valued at its eETH (1 eETH ≙ 1 ETH), the most it can pay; a loss before finalization lowers it.
  const value = finalized ? (claimable ?? null) : (request?.amountOfEEth ?? null);
  return {
    id: positionId(ETHERFI_WITHDRAWAL_FAMILY, account, asset),
    family: ETHERFI_WITHDRAWAL_FAMILY,
    account,
    asset,
    status: error ? 'failed' : 'ok',
    ...(error ? { error } : {}),
    amount: request?.amountOfEEth ?? 0n,
    fairValueEth: value,
    marketValueEth: value,
    depegWad: null,
    marketSource: 'ETH paid by the ether.fi WithdrawRequestNFT (no market exit for the request NFT)',
    details: {
      protocol: 'ether.fi',
      queue: 'etherfi',
      requestId: String(id),
      status: finalized && request?.isValid !== false ? 'claimable' : 'requested',
      claimable: String(finalized && !error && request?.isValid === true),
      ...(request
        ? { amountOfEEth: String(request.amountOfEEth), shareOfEEth: String(request.shareOfEEth), isValid: String(request.isValid) }
        : {}),
      ...(claimable !== undefined ? { claimableEth: String(claimable) } : {}),
      eta: eta.eta,
      etaBasis: eta.basis,
      requestsAhead: String(eta.requestsAhead),
      lastFinalizedRequestId: String(lastFinalized),
    },
    sources: [
      { contract: NFT, call: 'ownerOf' },
      { contract: NFT, call: 'getRequest' },
      { contract: NFT, call: 'lastFinalizedRequestId' },
      ...(finalized ? [{ contract: NFT, call: 'getClaimableAmount' }] : []),
    ],
  };
}
