import type { Client } from 'viem';
import { readContract } from 'viem/actions';
import { kelpWithdrawalManagerAbi, lidoWithdrawalQueueAbi, mantleUnstakeRequestsManagerAbi, renzoWithdrawQueueAbi } from '../chain/abis';
import { formatAmount, formatRelative } from '../format';
import { PROTOCOL_CONTRACTS } from '../restaking/addresses';
import type { WithdrawalQueueId } from '../restaking/withdrawal-queues';

const SECONDS_PER_BLOCK = 12n;

/**
 * How long a request made now waits before it pays, as the tracker would state it for that request
 * (lib/tracker/readers/*-withdrawals.ts): an earliest block or time where the queue sets one on chain,
 * else "unknown" with what the chain does say. Never a guessed duration.
 */
export type QueueWait = {
  eta: 'estimated' | 'unknown';
  /** "at least 50 blocks (in 10 minutes), then …" or "unknown: …". */
  text: string;
  source: string;
  /** Lower bound in seconds from now, when the queue sets one. */
  atLeastSeconds?: string;
};

/** "about 10 minutes" (formatRelative's "in 10 minutes" from now). */
export const aboutDuration = (seconds: bigint) => formatRelative(Number(seconds) * 1000, 0).replace(/^in /, 'about ');

export async function readQueueWait(client: Client, queue: WithdrawalQueueId): Promise<QueueWait> {
  const C = PROTOCOL_CONTRACTS;
  switch (queue) {
    case 'kelp': {
      // kelpQueueEta: ready from startBlock + withdrawalDelayBlocks, and only once the operator's unlockQueue passes the nonce.
      const blocks = await readContract(client, {
        address: C.kelpWithdrawalManager,
        abi: kelpWithdrawalManagerAbi,
        functionName: 'withdrawalDelayBlocks',
      });
      const s = BigInt(blocks) * SECONDS_PER_BLOCK;
      return {
        eta: 'estimated',
        text: `at least ${blocks} blocks (${aboutDuration(s)}), then Kelp's unlock, which has no schedule on chain`,
        source: `LRTWithdrawalManager ${C.kelpWithdrawalManager}.withdrawalDelayBlocks`,
        atLeastSeconds: s.toString(),
      };
    }
    case 'mantle': {
      // mantleQueueEta: request block + numberOfBlocksToFinalize, then an oracle record past it and allocated ETH.
      const blocks = await readContract(client, {
        address: C.mantleUnstakeRequestsManager,
        abi: mantleUnstakeRequestsManagerAbi,
        functionName: 'numberOfBlocksToFinalize',
      });
      const s = BigInt(blocks) * SECONDS_PER_BLOCK;
      return {
        eta: 'estimated',
        text: `at least ${blocks} blocks (${aboutDuration(s)}), then the next oracle record and allocated ETH`,
        source: `UnstakeRequestsManager ${C.mantleUnstakeRequestsManager}.numberOfBlocksToFinalize`,
        atLeastSeconds: s.toString(),
      };
    }
    case 'renzo': {
      // renzoQueueEta: createdAt + coolDownPeriod, then the queue's ETH must cover it.
      const seconds = await readContract(client, {
        address: C.renzoWithdrawQueue,
        abi: renzoWithdrawQueueAbi,
        functionName: 'coolDownPeriod',
      });
      const s = BigInt(seconds);
      return {
        eta: 'estimated',
        text: `at least the ${s} s cooldown (${aboutDuration(s)}), then enough ETH in Renzo's queue`,
        source: `WithdrawQueue ${C.renzoWithdrawQueue}.coolDownPeriod`,
        atLeastSeconds: s.toString(),
      };
    }
    case 'lido': {
      // lidoQueueEta: no finalization time on chain; what is ahead of a new request is the unfinalized stETH.
      const ahead = await readContract(client, {
        address: C.lidoWithdrawalQueue,
        abi: lidoWithdrawalQueueAbi,
        functionName: 'unfinalizedStETH',
      });
      return {
        eta: 'unknown',
        text: `unknown: Lido finalizes with its oracle reports; ${formatAmount(ahead, 18, 'stETH', { maxFractionDigits: 4 })} waits ahead of you`,
        source: `WithdrawalQueueERC721 ${C.lidoWithdrawalQueue}.unfinalizedStETH`,
      };
    }
    case 'etherfi':
      return {
        eta: 'unknown',
        text: 'unknown: ether.fi finalizes requests by admin action; the queue exposes no time',
        source: `WithdrawRequestNFT ${C.etherfiWithdrawRequestNFT}: no time on chain`,
      };
    case 'puffer':
      return {
        eta: 'unknown',
        text: 'unknown: Puffer finalizes requests in batches; the manager exposes no time',
        source: `PufferWithdrawalManager ${C.pufferWithdrawalManager}: no time on chain`,
      };
  }
}
