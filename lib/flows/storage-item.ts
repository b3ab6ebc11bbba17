import { z } from 'zod';
import { defineCheckedItem, salvagedRecord } from '../storage';
import type { FlowState } from './types';

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
