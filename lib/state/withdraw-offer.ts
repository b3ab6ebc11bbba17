import type { BallastProtocol } from '../messaging/protocol';
import { withdrawalQueueById, withdrawalQueueFor } from '../restaking/withdrawal-queues';
import type { PositionView } from './portfolio-model';

export type WithdrawRequestInput = Parameters<BallastProtocol['flows:withdraw']>[0];

/**
 * What one click can do with a position: request through its protocol's queue (`amountOf` set: the form
 * asks for an amount), claim a finalized request, or complete an EigenLayer queued withdrawal (`input` set).
 */
export type WithdrawOffer = {
  title: string;
  button: string;
  start: string;
  why: string;
  amountOf?: string;
  input?: WithdrawRequestInput;
};

export function withdrawOffer(p: PositionView): WithdrawOffer | undefined {
  if (p.status !== 'ok') return undefined;
  if (p.family === 'token') {
    const queue = withdrawalQueueFor(p.asset);
    if (!queue || BigInt(p.amount) === 0n) return undefined;
    return {
      title: `Request withdrawal through ${queue.name}`,
      button: 'Preview request',
      start: 'Request withdrawal',
      why: `Approve and request in one click; claim the ${queue.pays} here once ${queue.name} finalizes it.`,
      amountOf: p.asset,
    };
  }
  const queue = p.details.queue ? withdrawalQueueById(p.details.queue) : undefined;
  if (queue && p.details.claimable === 'true' && p.details.requestId)
    return {
      title: `Claim from ${queue.name}`,
      button: 'Claim',
      start: 'Claim',
      why: `Request #${p.details.requestId} is finalized: one click claims its ${queue.pays}.`,
      input: { kind: 'claim', queue: queue.id, requestId: p.details.requestId, account: p.account },
    };
  if (p.family === 'eigenlayer-queued' && p.details.claimable === 'true' && p.details.startBlock && p.details.strategy)
    return {
      title: 'Complete EigenLayer withdrawal',
      button: 'Complete withdrawal',
      start: 'Complete withdrawal',
      why: 'The delay is over: one click completes it and pays the tokens to you (receive as tokens).',
      input: {
        kind: 'eigen-complete',
        startBlock: Number(p.details.startBlock),
        strategy: p.details.strategy as `0x${string}`,
        ...(p.details.nonce ? { nonce: p.details.nonce } : {}),
        account: p.account,
      },
    };
  return undefined;
}
