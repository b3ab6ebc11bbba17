import type { Address, Hex } from 'viem';
import { stepLabel } from './steps';
import type { FlowFee, FlowPlan, FlowState, StepSpec } from './types';

/** recipeId of a flow that carries a dApp's wallet_sendCalls batch. */
export const CALLS_RECIPE_ID = 'wallet_sendCalls';

/**
 * A wallet_sendCalls batch as a flow plan: each call becomes a `call` step sent as is (no amount
 * resolution, no minimums: the dApp chose them). The executor then gives the batch the same nonce
 * handling, per-step receipts and restart safety as a recipe.
 */
export function planFromCalls({
  from,
  chainId,
  calls,
  title,
  now,
  fee,
}: {
  from: Address;
  chainId: number;
  calls: readonly { to: Address; data?: Hex; value?: bigint }[];
  title: string;
  now: number;
  /** The fee the approval window showed for the batch: every call is signed with it. */
  fee?: FlowFee;
}): FlowPlan {
  const steps = calls.map((c, index) => {
    const spec: StepSpec = { kind: 'call', to: c.to, data: c.data ?? '0x', value: (c.value ?? 0n).toString() };
    return { index, spec, label: stepLabel(spec), tx: { from, to: c.to, data: spec.data, value: spec.value }, amountIn: spec.value };
  });
  return { recipeId: CALLS_RECIPE_ID, title, from, chainId, inputWei: '0', slippageBps: 0, steps, createdAt: now, ...(fee ? { fee } : {}) };
}

/** EIP-5792 status codes (wallet_getCallsStatus, v2.0.0). */
export type CallsStatusCode = 100 | 200 | 400 | 500 | 600;

/**
 * The EIP-5792 status of a batch the executor runs, from its stored state and the receipts of the
 * calls that reached the chain: 100 pending; 200 every call confirmed; 400 stopped before anything
 * was included (Ballast will not retry on its own); 500 nothing succeeded but something reverted
 * on-chain; 600 some calls succeeded, then the batch stopped (partial: the calls are not atomic).
 */
export function callsStatusOf(state: FlowState, receipts: readonly ({ status: 'success' | 'reverted' } | undefined)[]): CallsStatusCode {
  const succeeded = receipts.filter((r) => r?.status === 'success').length;
  const reverted = receipts.filter((r) => r?.status === 'reverted').length;
  // Every call confirmed on chain is 200 even while the executor is still recording the last receipt.
  if (succeeded === state.steps.length) return 200;
  if (state.status === 'planned' || state.status === 'running') return 100;
  if (state.status === 'done') return 100; // done, but a receipt could not be read just now
  if (succeeded > 0) return 600;
  return reverted > 0 ? 500 : 400;
}
