import { z } from 'zod';
import { defineCheckedItem, salvagedRecord } from '../storage';
import type { FlowPreview, FlowState } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STATUSES = new Set(['planned', 'running', 'done', 'failed']);
const STEP_STATUSES = new Set(['planned', 'sending', 'sent', 'mined', 'failed']);

/**
 * The parts of a flow the executor relies on before it touches a step (id, status, one state per
 * planned step with a known status); the plan's calls are re-checked when a step is sent.
 */
export const flowStateSchema = z.custom<FlowState>(
  (v) =>
    isObject(v) &&
    v.version === 1 &&
    typeof v.id === 'string' &&
    typeof v.status === 'string' &&
    STATUSES.has(v.status) &&
    isObject(v.plan) &&
    Array.isArray(v.plan.steps) &&
    Array.isArray(v.steps) &&
    v.steps.length === v.plan.steps.length &&
    v.steps.every((s) => isObject(s) && typeof s.status === 'string' && STEP_STATUSES.has(s.status)) &&
    typeof v.createdAt === 'number' &&
    typeof v.updatedAt === 'number',
  'not a readable flow',
);

/** Flows by id; an unreadable flow is dropped alone. */
export const flowsSchema = salvagedRecord(flowStateSchema);

/**
 * Running and finished flows, by id. `local:` so a half-done flow survives a worker or browser
 * restart. An unreadable flow is dropped alone (its sent transactions stay on chain and in Activity);
 * the others keep resuming. Import from the background only (plain node has no extension storage).
 */
export const flowsItem = defineCheckedItem<Record<string, FlowState>>('local:ballast.flows', {
  label: 'flows',
  schema: flowsSchema,
  fallback: {},
  version: 1,
  onCorrupt: 'reset',
});

/** The newest flow preview the background planned, waiting for the user's one click. */
export type StoredFlowPreview = { previewId: string; preview: FlowPreview; plannedAt: number };

const storedFlowPreviewSchema = z.custom<StoredFlowPreview | null>(
  (v) =>
    v === null ||
    (isObject(v) &&
      typeof v.previewId === 'string' &&
      typeof v.plannedAt === 'number' &&
      isObject(v.preview) &&
      isObject(v.preview.plan) &&
      Array.isArray(v.preview.plan.steps)),
  'not a readable flow preview',
);

/**
 * `session:` (background only, gone with the browser session): a worker restart between Preview and the
 * click finds the plan the background built here, so the UI never has to send a plan back.
 */
export const flowPreviewItem = defineCheckedItem<StoredFlowPreview | null>('session:ballast.flowPreview', {
  label: 'flow preview',
  schema: storedFlowPreviewSchema,
  fallback: null,
  version: 1,
  onCorrupt: 'reset',
});
