import type { ActivityItem } from '../../../lib/messaging/types';
import { tokenByAddress } from '../../../lib/restaking/tokens';
import { activityStore } from '../../../lib/state';
import { Address, Amount, Badge, EmptyState, TxHash } from '../../ui';
import type { BadgeTone } from '../../ui';
import { Screen } from '../../layout/Screen';
import { useResource } from '../../hooks/use-resource';
import { useTxLink } from '../../hooks/use-explorer';
import { ResourceView } from '../ResourceView';
import { ReplaceControls } from './ReplaceControls';

const KIND_LABEL = { 'speed-up': 'speed-up', cancel: 'cancel' } as const;

const statusTone: Record<ActivityItem['status'], BadgeTone> = {
  pending: 'warn',
  confirmed: 'ok',
  failed: 'danger',
  replaced: 'neutral',
  cancelled: 'neutral',
};

/** What a transaction moved: a registry token's transfer in that token, anything else in ETH (its value). */
function Moved({ item }: { item: ActivityItem }) {
  if (item.token && item.amount !== undefined) {
    const token = tokenByAddress(item.token);
    if (token)
      return <Amount value={item.amount} decimals={token.decimals} unit={token.symbol} rounding="expand" className="text-sm font-medium" />;
    return <span className="text-sm font-medium">Token transfer</span>;
  }
  return <Amount value={item.value} rounding="expand" className="text-sm font-medium" />;
}

export function ActivityScreen() {
  const activity = useResource(activityStore);
  const txLink = useTxLink();
  return (
    <Screen title="Activity">
      <ResourceView resource={activity} what="activity">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No transactions yet">Transactions you approve from Ballast appear here with their status.</EmptyState>
          ) : (
            <ul className="flex flex-col gap-1.5">
              {[...items]
                .sort((a, b) => b.submittedAt - a.submittedAt)
                .map((item) => (
                  <li key={item.hash} className="flex flex-col gap-1 rounded-lg border border-line p-2 text-xs">
                    <div className="flex items-center justify-between">
                      <span className="flex items-center gap-1.5">
                        <Moved item={item} />
                        {item.kind && item.kind !== 'transaction' && <span className="text-ink-muted">{KIND_LABEL[item.kind]}</span>}
                      </span>
                      <Badge tone={statusTone[item.status]}>{item.status}</Badge>
                    </div>
                    <div className="flex items-center gap-1 text-ink-muted">
                      {/* A token transfer names whom the tokens went to; its `to` is the token contract. */}
                      to{' '}
                      {item.recipient ? (
                        <Address address={item.recipient} copy={false} />
                      ) : item.to ? (
                        <Address address={item.to} copy={false} />
                      ) : (
                        'contract creation'
                      )}
                      <span aria-hidden="true">·</span>
                      <span>{new Date(item.submittedAt).toLocaleString()}</span>
                    </div>
                    <div className="flex items-center justify-between text-ink-muted">
                      <span className="truncate">{item.origin}</span>
                      <TxHash hash={item.hash} href={txLink(item.chainId, item.hash)} />
                    </div>
                    {item.token && !tokenByAddress(item.token) && (
                      <div className="flex items-center gap-1 text-ink-muted">
                        token <Address address={item.token} copy={false} />
                      </div>
                    )}
                    {item.nonce !== undefined && (
                      <div className="flex items-center justify-between text-ink-muted">
                        <span>nonce {item.nonce}</span>
                        {item.replacedBy && (
                          <span className="flex items-center gap-1">
                            {item.status === 'cancelled' ? 'cancelled by' : 'replaced by'}
                            <TxHash hash={item.replacedBy} href={txLink(item.chainId, item.replacedBy)} />
                          </span>
                        )}
                      </div>
                    )}
                    {item.status === 'pending' && item.nonce !== undefined && item.fee && (
                      <ReplaceControls hash={item.hash} nonce={item.nonce} />
                    )}
                  </li>
                ))}
            </ul>
          )
        }
      </ResourceView>
    </Screen>
  );
}
