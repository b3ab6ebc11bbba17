import { useEffect, useRef, useState } from 'react';
import type { PendingRequestView } from '../../lib/messaging/types';
import type { PreviewView } from '../../lib/messaging/preview-view';
import { call, toErrorView } from '../../lib/state';
import { InlineError } from '../ui';
import { RiskPreview, type VerdictCost } from './RiskPreview';

/** Loads the background's preview of this request: first what is known now (and the RPC host), then the finished one. */
export function RiskPreviewSlot({
  request,
  cost,
  onContentChange,
}: {
  request: PendingRequestView;
  /** The total cost the verdict states (it follows the fee panel). */
  cost?: VerdictCost;
  onContentChange?: () => void;
}) {
  const [view, setView] = useState<PreviewView>({ rpcHost: 'your RPC' });
  const [error, setError] = useState<unknown>();
  const settled = Boolean(view.preview) || error !== undefined;
  const changed = useRef(onContentChange);
  changed.current = onContentChange;
  // The finished preview can move the buttons and add a danger flag: the card's content changed.
  useEffect(() => {
    if (settled) changed.current?.();
  }, [settled]);
  useEffect(() => {
    let live = true;
    setView({ rpcHost: 'your RPC' });
    void call('preview:get', { id: request.id })
      .then((now) => {
        if (!live) return undefined;
        setView(now);
        return now.preview ? undefined : call('preview:get', { id: request.id, wait: true }).then((done) => live && setView(done));
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [request.id]);
  if (error) return <InlineError error={toErrorView(error)} />;
  return <RiskPreview preview={view.preview} rpcHost={view.rpcHost} cost={cost} />;
}
