import type { ActivityItem } from '../../../lib/messaging/types';
import { tokenByAddress } from '../../../lib/restaking/tokens';
import { activityStore, networksStore } from '../../../lib/state';
import { networkNameOf } from '../../approval/network-name';
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
    // The registry's addresses are Ethereum's: a token at the same address on an L2 is another contract.
    const token = item.chainId === 1 ? tokenByAddress(item.token) : undefined;
    if (token)
      return <Amount value={item.amount} decimals={token.decimals} unit={token.symbol} rounding="expand" className="text-sm font-medium" />;
    return <span className="text-sm font-medium">Token transfer</span>;
  }
  return <Amount value={item.value} rounding="expand" className="text-sm font-medium" />;
}

export function ActivityScreen() {
  const activity = useResource(activityStore);
  const txLink = useTxLink();
  const networks = useResource(networksStore);
  /** The chain of a row sent on another network than the one the wallet shows now (a site's tx on Base). */
  const otherChain = (chainId: number) =>
    networks.data && chainId !== networks.data.activeChainId ? (networkNameOf(networks.data, chainId) ?? `chain ${chainId}`) : undefined;
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
                        {otherChain(item.chainId) && (
                          <Badge tone="neutral">
                            <span className="sr-only">on </span>
                            {otherChain(item.chainId)}
                          </Badge>
                        )}
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
                    {item.token && !(item.chainId === 1 && tokenByAddress(item.token)) && (
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
