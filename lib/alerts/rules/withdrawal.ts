import { formatEth } from '../../format';
import type { AlertCandidate } from '../types';
import type { RuleContext } from './context';

/** A queued EigenLayer withdrawal whose delay has passed at the snapshot's block: one notice per withdrawal. */
export function withdrawalRule({ snapshot }: RuleContext): AlertCandidate[] {
  return snapshot.positions
    .filter((p) => p.family === 'eigenlayer-queued' && p.status === 'ok' && p.details.claimable === 'true')
    .map((p) => ({
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
    }));
}
