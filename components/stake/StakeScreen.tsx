import { useState } from 'react';
import type { FlowPreviewView } from '../../lib/messaging/protocol';
import { flowAccountStore, flowRecipesStore, flowsStore, startFlow } from '../../lib/state/flows';
import { EmptyState, ErrorState } from '../ui';
import { Screen } from '../layout/Screen';
import { useAction } from '../hooks/use-action';
import { useResource } from '../hooks/use-resource';
import { ResourceView } from '../popup/ResourceView';
import { FlowPreviewCard } from './FlowPreviewCard';
import { FlowProgress } from './FlowProgress';
import { StakeForm } from './StakeForm';

/**
 * Stake & deploy: recipe + amount → one combined preview → one click → progress. A flow that is
 * still running (or the one just started) is shown whenever the popup opens, from the background's
 * stored state.
 */
export function StakeScreen() {
  const recipes = useResource(flowRecipesStore);
  const account = useResource(flowAccountStore);
  const flows = useResource(flowsStore);
  const [preview, setPreview] = useState<FlowPreviewView>();
  const [shownFlowId, setShownFlowId] = useState<string>();
  const [dismissed, setDismissed] = useState<string>();
  const start = useAction(startFlow);

  // A running flow, or the newest one if it stopped: its holdings and Retry must not vanish with the popup.
  const newest = flows.data?.[0];
  const running =
    flows.data?.find((f) => f.status === 'running' || f.status === 'planned') ?? (newest?.status === 'failed' ? newest : undefined);
  // Pinned once seen: a flow found running on open stays shown when it ends, so its "done" does not vanish into the form.
  if (shownFlowId === undefined && running && running.id !== dismissed) setShownFlowId(running.id);
  const shownId = shownFlowId ?? running?.id;
  const flow = flows.data?.find((f) => f.id === shownId && f.id !== dismissed);

  async function onStart(p: FlowPreviewView, options: { acceptFeeDanger: boolean }) {
    const state = await start.run(p.previewId, options);
    if (!state) return;
    setShownFlowId(state.id);
    setPreview(undefined);
    void flowsStore.getState().reload();
  }

  return (
    <Screen title="Stake & deploy" onBack={preview && !flow ? () => setPreview(undefined) : undefined}>
      {flow ? (
        <FlowProgress
          flow={flow}
          onNew={() => {
            setDismissed(flow.id);
            setShownFlowId(undefined);
          }}
          onShowFlow={setShownFlowId}
        />
      ) : preview ? (
        <FlowPreviewCard
          preview={preview}
          onBack={() => setPreview(undefined)}
          onStart={(options) => void onStart(preview, options)}
          starting={start.loading}
          startError={start.error}
        />
      ) : (
        <ResourceView resource={recipes} what="recipes">
          {(list) => (
            <ResourceView resource={account} what="your account">
              {(acc) =>
                !acc.address ? (
                  <EmptyState title="No account selected">Pick or add an account on Home to stake from it.</EmptyState>
                ) : !acc.canSign ? (
                  <ErrorState
                    title="This account cannot stake now"
                    message={acc.reason ?? 'It cannot sign.'}
                    onRetry={() => void account.reload()}
                  />
                ) : list.length === 0 ? (
                  <EmptyState title="No recipes">This build has no stake-and-deploy recipes.</EmptyState>
                ) : (
                  <StakeForm recipes={list} account={acc} onPreview={setPreview} />
                )
              }
            </ResourceView>
          )}
        </ResourceView>
      )}
    </Screen>
  );
}
