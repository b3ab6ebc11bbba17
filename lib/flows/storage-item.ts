import { storage } from '@wxt-dev/storage';
import type { FlowState } from './types';

/**
 * Running and finished flows, by id. `local:` so a half-done flow survives a worker or browser
 * restart. Import from the background only (plain node has no extension storage).
 */
export const flowsItem = storage.defineItem<Record<string, FlowState>>('local:ballast.flows', { fallback: {}, version: 1 });
