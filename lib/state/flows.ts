import type { BallastProtocol } from '../messaging/protocol';
import { call } from './call';
import { createResourceStore } from './resource';

/**
 * The Stake screen's data. The background announces topic 'flows' after every step transition, so
 * the flow list (and the progress view reading it) re-reads then; recipes never change at runtime.
 */
export const flowRecipesStore = createResourceStore('flows', () => call('flows:recipes'));
export const flowsStore = createResourceStore('flows', () => call('flows:list'));

/**
 * The Stake form checks what it can before asking the background, with the planner's own validators
 * (pure, no chain read), so the form refuses exactly what the background would, in the same words.
 */
export { validateAmount, validateOperatorAddress } from '../flows/validate';

export const planFlow = (input: { recipeId: string; amountText: string; slippageBps?: number; operator?: string }) =>
  call('flows:plan', input);

/**
 * Starts the previewed flow by its id: the background runs only the plan it built and stored (a worker
 * restart since planning finds it in storage), never a plan sent by a page.
 */
export const startFlow = (previewId: string, { acceptFeeDanger }: { acceptFeeDanger?: boolean } = {}) =>
  call('flows:start', { previewId, ...(acceptFeeDanger ? { acceptFeeDanger } : {}) });

/** `acceptFee`: the id of the new fee offered after a stop for the fee (continue with it). */
export const retryFlow = (id: string, { acceptFee, acceptFeeDanger }: { acceptFee?: string; acceptFeeDanger?: boolean } = {}) =>
  call('flows:retry', { id, ...(acceptFee ? { acceptFee } : {}), ...(acceptFeeDanger ? { acceptFeeDanger } : {}) });

/** Slippage typed as a percentage ("0.5") into basis points, or undefined when it is not a number. */
export function slippageTextToBps(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+(\.\d{0,2})?$/.test(trimmed)) return undefined;
  const [whole = '0', fraction = ''] = trimmed.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

export const flowAccountStore = createResourceStore('wallet', () => call('flows:account'));

/** Plans the undo of a stopped or finished flow; the answer is a preview started like any other. */
export const unwindFlow = (id: string) => call('flows:unwind', { id });

/**
 * One-click withdraw (Position detail): a request into the protocol's queue, the claim of a finalized
 * request or an EigenLayer completion; the answer is a preview started with startFlow like any other.
 */
export const planWithdrawFlow = (input: Parameters<BallastProtocol['flows:withdraw']>[0]) => call('flows:withdraw', input);
