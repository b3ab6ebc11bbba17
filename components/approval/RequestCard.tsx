import { useState } from 'react';
import type { Address as Hex } from 'viem';
import type { PendingKind, PendingRequestView, WalletStateView } from '../../lib/messaging/types';
import { call } from '../../lib/state';
import { Button, Card, InlineError } from '../ui';
import { useAction } from '../hooks/use-action';
import { decodeBatch, decodeChain, decodeSignature, decodeTransaction, decodeWatchAsset } from './decode';
import { ConnectDetails } from './details/ConnectDetails';
import { TxFields } from './details/TransactionDetails';
import { SignatureDetails } from './details/SignatureDetails';
import { ChainDetails } from './details/ChainDetails';
import { WatchAssetDetails } from './details/WatchAssetDetails';
import { RiskPreviewSlot } from './RiskPreviewSlot';
import type { VerdictCost } from './RiskPreview';
import { ApproveButton } from './ApproveButton';
import { FeeSection, initialFeeGate, type FeeGate } from './fee/FeeSection';
import { RequestNetwork } from './RequestNetwork';
import { useChainClaimGate } from './ChainClaimWarning';

const titles: Record<PendingKind, string> = {
  connect: 'wants to connect',
  transaction: 'asks you to send a transaction',
  signature: 'asks for your signature',
  batch: 'asks you to send a batch of calls',
  addChain: 'wants to add a network',
  switchChain: 'wants to switch the network',
  watchAsset: 'suggests a token to track',
  unlock: 'asks you to unlock Ballast',
};

const approveLabels: Partial<Record<PendingKind, string>> = {
  connect: 'Connect',
  transaction: 'Send',
  signature: 'Sign',
  batch: 'Send all',
  addChain: 'Add network',
  switchChain: 'Switch',
  watchAsset: 'Add token',
};

export function RequestCard({
  request,
  wallet,
  onAnswer,
}: {
  request: PendingRequestView;
  wallet: WalletStateView;
  /** Told before the answer is sent, so the window knows the next card replaced an answered one. */
  onAnswer: (id: string) => void;
}) {
  // Bumped when the card's content changes after it appeared (the risk preview arrives): Approve re-arms.
  const [contentVersion, setContentVersion] = useState(0);
  const [chosen, setChosen] = useState<Hex[]>(() => {
    const selected = wallet.accounts.find((a) => a.address === wallet.selectedAddress && a.kind !== 'watch');
    const fallback = wallet.accounts.find((a) => a.kind !== 'watch' && !a.hidden);
    return [(selected ?? fallback)?.address].filter((a): a is Hex => !!a);
  });
  // Transactions and batches: the fee on screen, and whether Approve waits for it (see FeeSection).
  const [feeGate, setFeeGate] = useState<FeeGate>(() => initialFeeGate(request));
  const resolve = useAction((approved: boolean) => {
    onAnswer(request.id);
    return call('pending:resolve', {
      id: request.id,
      approved,
      ...(request.kind === 'connect' && approved ? { accounts: chosen } : {}),
      ...(approved ? feeGate.confirmation : {}),
    });
  });
  // A network to add that claims a well-known chain under another id needs a deliberate second step.
  const chainClaim = useChainClaimGate(request);
  const blocked = (request.kind === 'connect' && chosen.length === 0) || chainClaim.blocked || feeGate.blocked;
  const cost = verdictCost(request, feeGate);

  return (
    <article aria-labelledby={`req-${request.id}`} className="flex flex-col gap-3">
      <header className="flex flex-col gap-0.5">
        <p id={`req-${request.id}`} className="break-all text-lg font-bold" data-testid="request-origin">
          {request.origin}
        </p>
        <p className="text-sm text-ink-muted">
          {titles[request.kind]} <span className="font-mono text-xs">({request.method})</span>
        </p>
        <RequestNetwork chainId={request.chainId} />
      </header>
      {/* The verdict first (worst severity, findings), the raw request under it: a long typed-data tree cannot push a danger flag below the fold. */}
      {(request.kind === 'transaction' || request.kind === 'signature' || request.kind === 'batch') && (
        <RiskPreviewSlot request={request} cost={cost} onContentChange={() => setContentVersion((v) => v + 1)} />
      )}
      {chainClaim.warning}
      <Card title="The request" data-testid="request-details">
        {details()}
      </Card>
      {request.fee && <FeeSection request={request} fee={request.fee} onGate={setFeeGate} />}
      <InlineError error={resolve.error} />
      <div className="sticky bottom-0 grid grid-cols-2 gap-2 bg-surface py-2">
        <Button variant="secondary" onClick={() => void resolve.run(false)} disabled={resolve.loading}>
          Reject
        </Button>
        <ApproveButton
          armKey={`${request.id}:${contentVersion}`}
          onApprove={() => void resolve.run(true)}
          loading={resolve.loading}
          blocked={blocked}
        >
          {approveLabels[request.kind] ?? 'Approve'}
        </ApproveButton>
      </div>
    </article>
  );

  function details() {
    switch (request.kind) {
      case 'connect':
        return <ConnectDetails accounts={wallet.accounts} chosen={chosen} onChange={setChosen} />;
      case 'transaction':
        return <TxFields tx={decodeTransaction(request.params)} feeShownBelow={Boolean(request.fee)} />;
      case 'signature':
        return <SignatureDetails view={decodeSignature(request.method, request.params)} activeChainId={request.chainId} />;
      case 'batch': {
        const batch = decodeBatch(request.params);
        return (
          <ol className="flex flex-col gap-2">
            <p className="text-xs text-ink-muted">{batch.calls.length} calls, sent one after another (not atomic).</p>
            {batch.calls.map((tx, i) => (
              <li key={i} className="rounded-md border border-line p-2">
                <p className="text-xs font-semibold">Call {i + 1}</p>
                <TxFields tx={{ ...tx, from: tx.from ?? batch.from }} feeShownBelow={Boolean(request.fee)} />
              </li>
            ))}
          </ol>
        );
      }
      case 'addChain':
        return <ChainDetails view={decodeChain(request.params)} adding />;
      case 'switchChain':
        return <ChainDetails view={decodeChain(request.params)} adding={false} />;
      case 'watchAsset':
        return <WatchAssetDetails view={decodeWatchAsset(request.params)} />;
      case 'unlock':
        return <p className="text-sm">The site is waiting for the wallet to unlock.</p>;
    }
  }
}

/** The verdict's total cost: value + max fee as the fee panel shows it now, "no network fee" for a signature. */
function verdictCost(request: PendingRequestView, gate: FeeGate): VerdictCost | undefined {
  if (request.kind === 'signature') return { kind: 'none' };
  if (request.kind !== 'transaction' && request.kind !== 'batch') return undefined;
  const fee = request.fee;
  if (!fee) return { kind: 'unknown' };
  if (gate.total === undefined) return { kind: 'unpriced' };
  return {
    kind: 'total',
    wei: BigInt(gate.total),
    ...(fee.ethUsd ? { ethUsd: fee.ethUsd } : {}),
    ...(fee.ethUsdError ? { ethUsdError: fee.ethUsdError } : {}),
    gasUnknown: fee.txs.some((tx) => tx.gas === '0'),
  };
}
