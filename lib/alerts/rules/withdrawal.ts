import { formatAmount, formatEth } from '../../format';
import type { Position } from '../../tracker/types';
import type { AlertCandidate } from '../types';
import type { RuleContext } from './context';

/** A queued EigenLayer withdrawal whose delay has passed at the snapshot's block. */
function eigenLayer(p: Position): AlertCandidate {
  return {
    id: `claimable:${p.id}`,
    rule: 'withdrawal' as const,
    severity: 'info' as const,
    cooldownKey: `claimable:${p.id}`,
    positionId: p.id,
    title: `Withdrawal ready to claim: ${p.asset.replace(/ withdrawal.*$/, '')}`,
    message: `Your EigenLayer withdrawal queued at block ${p.details.startBlock} became claimable at block ${p.details.claimableBlock}${p.fairValueEth !== null ? ` (${formatEth(p.fairValueEth)})` : ''}. Complete it to receive the tokens; until then it earns nothing.`,
    data: {
      account: p.account,
      startBlock: p.details.startBlock ?? '',
      claimableBlock: p.details.claimableBlock ?? '',
      underlying: p.details.underlying ?? '',
      valueEth: String(p.fairValueEth ?? ''),
    },
  };
}

/** A Lido unstETH request the oracle has finalized: the ETH waits in the queue until claimed. */
function lido(p: Position): AlertCandidate {
  return {
    id: `claimable:${p.id}`,
    rule: 'withdrawal' as const,
    severity: 'info' as const,
    cooldownKey: `claimable:${p.id}`,
    positionId: p.id,
    title: `Withdrawal ready to claim: Lido request #${p.details.requestId}`,
    message: `Your Lido withdrawal request #${p.details.requestId} is finalized${p.fairValueEth !== null ? `: ${formatEth(p.fairValueEth)} to claim` : ''}. Claim it to receive the ETH; until then it earns nothing.`,
    data: {
      account: p.account,
      protocol: 'Lido',
      requestId: p.details.requestId ?? '',
      amountOfStETH: p.details.amountOfStETH ?? '',
      valueEth: String(p.fairValueEth ?? ''),
    },
  };
}

/**
 * A request in any protocol queue the tracker follows (ether.fi, Kelp, Puffer…: positions carrying details.queue)
 * that its queue says can be claimed now.
 */
function protocolQueue(p: Position): AlertCandidate {
  const protocol = p.details.protocol ?? p.details.queue ?? 'protocol';
  const claimable = p.details.claimableEth !== undefined ? BigInt(p.details.claimableEth) : p.fairValueEth;
  const pays = p.details.pays ?? 'ETH';
  // Positions are named "<token> withdrawal #<id>": the token the request locked.
  const token = p.asset.split(' ')[0] ?? '';
  return {
    id: `claimable:${p.id}`,
    rule: 'withdrawal' as const,
    severity: 'info' as const,
    cooldownKey: `claimable:${p.id}`,
    positionId: p.id,
    title: `Withdrawal ready to claim: ${protocol} request #${p.details.requestId ?? '?'}`,
    message: `Your ${protocol} withdrawal request #${p.details.requestId ?? '?'} (${formatAmount(p.amount, 18, token)}) is ready${claimable !== null ? `: ${formatEth(claimable)} to claim` : ''}${pays === 'ETH' ? '' : ` (paid as ${pays})`}. Claim it to receive it; until then it earns nothing.`,
    data: {
      account: p.account,
      protocol,
      queue: p.details.queue ?? '',
      requestId: p.details.requestId ?? '',
      amount: String(p.amount),
      valueEth: String(claimable ?? ''),
    },
  };
}

/** One notice per claimable withdrawal (id `claimable:<position id>`), whichever queue holds it. */
export function withdrawalRule({ snapshot }: RuleContext): AlertCandidate[] {
  return snapshot.positions.flatMap((p) => {
    if (p.status !== 'ok' || p.details.claimable !== 'true') return [];
    if (p.family === 'eigenlayer-queued') return [eigenLayer(p)];
    if (p.family === 'lido-withdrawal') return [lido(p)];
    if (p.details.queue !== undefined) return [protocolQueue(p)];
    return [];
  });
}
