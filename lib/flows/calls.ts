import type { Address, Hex } from 'viem';
import { stepLabel } from './steps';
import type { FlowPlan, StepSpec } from './types';

/**
 * A wallet_sendCalls batch as a flow plan: each call becomes a `call` step sent as is (no amount
 * resolution, no minimums: the dApp chose them). The executor then gives the batch the same nonce
 * handling, per-step receipts and restart safety as a recipe.
 */
export function planFromCalls({ from, chainId, calls, title, now }: { from: Address; chainId: number; calls: readonly { to: Address; data?: Hex; value?: bigint }[]; title: string; now: number }): FlowPlan {
  const steps = calls.map((c, index) => {
    const spec: StepSpec = { kind: 'call', to: c.to, data: c.data ?? '0x', value: (c.value ?? 0n).toString() };
    return { index, spec, label: stepLabel(spec), tx: { from, to: c.to, data: spec.data, value: spec.value }, amountIn: spec.value };
  });
  return { recipeId: 'wallet_sendCalls', title, from, chainId, inputWei: '0', slippageBps: 0, steps, createdAt: now };
}
