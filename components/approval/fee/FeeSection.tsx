import { useEffect, useMemo, useState } from 'react';
import type { PendingRequestView } from '../../../lib/messaging/types';
import { storedFeeDangerFlags } from '../../../lib/risk/fee-caps';
import type { StoredFeeQuote } from '../../../lib/storage/fee-quote';
import { decodeTransaction } from '../decode';
import { FeePanel } from './FeePanel';
import { useFeeEditor } from './use-fee-editor';

/** What the request card needs from the fee: whether Approve must wait, and what an approval carries. */
export type FeeGate = { blocked: boolean; confirmation: { feeVersion?: number; acceptFeeDanger?: boolean } };

/** Before the section reports: a request with a fee cannot be approved yet. */
export const initialFeeGate = (request: PendingRequestView): FeeGate => ({
  blocked: Boolean(request.fee),
  confirmation: { feeVersion: request.fee?.version },
});

/**
 * The fee of a transaction or batch: the panel, and the gate it reports to the card. Approve waits while
 * a typed fee is not stored yet, while a gas limit is unknown, and until a danger flag's box is ticked;
 * an approval names the stored fee's version (the background refuses any other).
 */
export function FeeSection({
  request,
  fee,
  onGate,
}: {
  request: PendingRequestView;
  fee: StoredFeeQuote;
  onGate: (gate: FeeGate) => void;
}) {
  const editor = useFeeEditor(request.id, fee);
  const danger = useMemo(() => storedFeeDangerFlags(fee), [fee]);
  const [accepted, setAccepted] = useState(false);
  // A changed fee is a new decision: the second step is taken again for it.
  useEffect(() => setAccepted(false), [fee.version]);
  const siteFee = useMemo(() => {
    if (request.kind !== 'transaction') return false;
    const tx = decodeTransaction(request.params);
    return tx.gasPrice !== undefined || tx.maxFeePerGas !== undefined || tx.maxPriorityFeePerGas !== undefined;
  }, [request.kind, request.params]);
  const gasUnknown = fee.txs.some((tx) => tx.gas === '0');
  const needsSecondStep = danger.length > 0;
  const blocked = editor.busy || gasUnknown || (needsSecondStep && !accepted);
  useEffect(() => {
    onGate({
      blocked,
      confirmation: { feeVersion: fee.version, ...(needsSecondStep && accepted ? { acceptFeeDanger: true } : {}) },
    });
  }, [blocked, fee.version, needsSecondStep, accepted, onGate]);
  return (
    <FeePanel
      fee={fee}
      editor={editor}
      siteFee={siteFee}
      danger={danger}
      accepted={accepted}
      onAccept={setAccepted}
      perCallLabel={fee.txs.length > 1 ? (i) => `Call ${i + 1}` : undefined}
    />
  );
}
