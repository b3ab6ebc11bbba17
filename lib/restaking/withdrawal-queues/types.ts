import type { Address, Client, Hex } from 'viem';
import type { SourcedAddress } from '../lrt-structure';
import type { ProtocolId, RestakingSymbol } from '../types';

/**
 * A protocol's own withdrawal queue (Lido WithdrawalQueue, ether.fi WithdrawRequestNFT, Kelp
 * LRTWithdrawalManager, ...): how to request a withdrawal and how to claim a finalized one, as plain
 * calls. The tracker reads the requests (one reader per queue); the flow executor sends these calls
 * with a preview. Every tracked request position carries `details.queue` (= `id` here),
 * `details.requestId`, `details.status` ('requested' | 'claimable') and `details.claimable`.
 */
export type QueueCall = { to: Address; data: Hex; value: bigint; label: string };

export type QueueRequestInput = { symbol: RestakingSymbol; amount: bigint; owner: Address };
export type QueueClaimInput = { requestId: bigint; owner: Address; client: Client };

export type WithdrawalQueueId = 'lido' | 'etherfi' | 'kelp' | 'renzo' | 'puffer' | 'mantle';

export type WithdrawalQueue = {
  id: WithdrawalQueueId;
  protocol: ProtocolId;
  /** e.g. "Lido WithdrawalQueue". */
  name: string;
  contract: SourcedAddress;
  /** Tokens this queue takes (stETH and wstETH for Lido). */
  accepts: readonly RestakingSymbol[];
  /** What the claim pays out: ETH, WETH (Puffer's manager wraps it) or a token. */
  pays: 'ETH' | 'WETH' | RestakingSymbol;
  /** The approval (when the queue pulls tokens) and the request itself. */
  requestCalls(input: QueueRequestInput): QueueCall[];
  /** The claim of one finalized request; may read the chain first (e.g. Lido's checkpoint hints). */
  claimCalls(input: QueueClaimInput): Promise<QueueCall[]>;
};
