import { useMemo, useState, type ReactNode } from 'react';
import type { PendingRequestView } from '../../lib/messaging/types';
import type { RiskFlag } from '../../lib/risk/flag';
import { chainClaimFlags } from '../../lib/risk/traps/chain-claims';
import { Card, DangerAcknowledgement } from '../ui';
import { decodeChain } from './decode';
import { RiskFlagItem } from './RiskFlagItem';

/**
 * For a network to add that claims a well-known chain under another chain id (its name or native symbol):
 * the danger flag, and whether Add network must stay disabled until the user ticks the deliberate second step.
 */
export function useChainClaimGate(request: PendingRequestView): { blocked: boolean; warning: ReactNode } {
  const [understood, setUnderstood] = useState(false);
  const flag = useMemo(() => {
    if (request.kind !== 'addChain') return undefined;
    const chain = decodeChain(request.params);
    if (chain.chainId === undefined) return undefined;
    return chainClaimFlags({ chainId: chain.chainId, name: chain.name, symbol: chain.currency?.symbol })[0];
  }, [request.kind, request.params]);
  if (!flag) return { blocked: false, warning: null };
  return {
    blocked: !understood,
    warning: <ChainClaimWarning flag={flag} understood={understood} onUnderstood={setUnderstood} />,
  };
}

function ChainClaimWarning({
  flag,
  understood,
  onUnderstood,
}: {
  flag: RiskFlag;
  understood: boolean;
  onUnderstood: (v: boolean) => void;
}) {
  return (
    <Card className="border-danger" data-testid="chain-claim">
      <ul className="flex flex-col gap-2">
        <RiskFlagItem flag={flag} />
      </ul>
      <DangerAcknowledgement checked={understood} onChange={onUnderstood} className="mt-3">
        I understand this is not {flag.numbers['Claimed network']}
      </DangerAcknowledgement>
    </Card>
  );
}
