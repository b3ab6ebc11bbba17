import { formatEth } from '../../format';
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

/** One notice per claimable withdrawal (id `claimable:<position id>`), whichever queue holds it. */
export function withdrawalRule({ snapshot }: RuleContext): AlertCandidate[] {
  return snapshot.positions.flatMap((p) => {
    if (p.status !== 'ok' || p.details.claimable !== 'true') return [];
    if (p.family === 'eigenlayer-queued') return [eigenLayer(p)];
    if (p.family === 'lido-withdrawal') return [lido(p)];
    return [];
  });
}
