import { defineCheckedItem } from '../storage';
import { flowsSchema } from './storage-item';
import type { FlowState } from './types';

/**
 * dApp wallet_sendCalls batches run by the flow executor, by flow id. Kept apart from the Stake
 * screen's flows (`ballast.flows`) so a dApp's batch never shows up as the user's own flow, and so
 * each item has one writer. Import from the background only.
 */
export const callFlowsItem = defineCheckedItem<Record<string, FlowState>>('local:ballast.callFlows', {
  label: 'dApp call batches',
  schema: flowsSchema,
  fallback: {},
  version: 1,
  onCorrupt: 'reset',
});
