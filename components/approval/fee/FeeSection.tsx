import { useEffect, useMemo, useState } from 'react';
import type { PendingRequestView } from '../../../lib/messaging/types';
import { storedFeeDangerFlags } from '../../../lib/risk/fee-caps';
import { quoteCost } from '../../../lib/risk/fees';
import type { StoredFeeQuote } from '../../../lib/storage/fee-quote';
import { decodeTransaction } from '../decode';
import { FeePanel } from './FeePanel';
import { useFeeEditor } from './use-fee-editor';

/**
 * What the request card needs from the fee: whether Approve must wait, what an approval carries, and the
 * total cost on screen (value + max fee, in wei; undefined while the typed fields cannot be priced) for the verdict.
 */
export type FeeGate = { blocked: boolean; confirmation: { feeVersion?: number; acceptFeeDanger?: boolean }; total?: string };

/** Before the section reports: a request with a fee cannot be approved yet; its total is the stored fee's. */
export const initialFeeGate = (request: PendingRequestView): FeeGate => ({
  blocked: Boolean(request.fee),
  confirmation: { feeVersion: request.fee?.version },
  ...(request.fee ? { total: quoteCost(request.fee).total.toString() } : {}),
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
  // The total follows the fields as typed (the cost on screen), not only the stored fee.
  const total = editor.cost?.total.toString();
  useEffect(() => {
    onGate({
      blocked,
      confirmation: { feeVersion: fee.version, ...(needsSecondStep && accepted ? { acceptFeeDanger: true } : {}) },
      ...(total !== undefined ? { total } : {}),
    });
  }, [blocked, fee.version, needsSecondStep, accepted, onGate, total]);
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
