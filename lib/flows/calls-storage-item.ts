import { storage } from '@wxt-dev/storage';
import type { FlowState } from './types';

/**
 * dApp wallet_sendCalls batches run by the flow executor, by flow id. Kept apart from the Stake
 * screen's flows (`ballast.flows`) so a dApp's batch never shows up as the user's own flow, and so
 * each item has one writer. Import from the background only.
 */
export const callFlowsItem = storage.defineItem<Record<string, FlowState>>('local:ballast.callFlows', { fallback: {}, version: 1 });
