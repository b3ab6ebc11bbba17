import type { ErrorCode, FlowErrorCode } from '../errors';

/** The Stake form's fields that can carry an error of their own. */
export type StakeField = 'amount' | 'slippage' | 'operator';

/**
 * Where each flow error shows on the Stake form: under the field the user typed (so they fix it there),
 * or, for `undefined`, above the form. Total over the flow codes: a new one does not compile until it
 * is placed here.
 */
const FIELD_OF_FLOW_ERROR: Record<FlowErrorCode, StakeField | undefined> = {
  'flow.amount.not-a-number': 'amount',
  'flow.amount.too-many-decimals': 'amount',
  'flow.amount.zero': 'amount',
  'flow.amount.above-balance': 'amount',
  'flow.amount.unresolved': 'amount',
  'flow.slippage.range': 'slippage',
  'flow.operator.not-address': 'operator',
  'flow.operator.unchecked': 'operator',
  'flow.operator.not-registered': 'operator',
  'flow.operator.missing': 'operator',
  'flow.operator.already-delegated': 'operator',
  'flow.unknown': undefined,
  'flow.recipe.unknown': undefined,
  'flow.preview.expired': undefined,
  'flow.account.none': undefined,
  'flow.account.watch-only': undefined,
  'flow.account.changed': undefined,
  'flow.wallet.locked': undefined,
  'flow.simulation.unavailable': undefined,
  'flow.simulation.reverted': undefined,
  'flow.chain.unsupported': undefined,
  'flow.min-out.not-met': undefined,
  'flow.step.would-revert': undefined,
  'flow.step.not-sent': undefined,
  'flow.step.pending': undefined,
  'flow.step.nonce-used': undefined,
  'flow.step.nonce-taken': undefined,
  'flow.step.cancelled': undefined,
  'flow.step.reverted': undefined,
  'flow.step.interrupted': undefined,
  'flow.step.fee-above-max': undefined,
  'flow.fee.requote-stale': undefined,
  'flow.unwind.running': undefined,
  'flow.unwind.nothing': undefined,
  'flow.unwind.network': undefined,
};

const isFlowCode = (code: ErrorCode): code is FlowErrorCode => Object.hasOwn(FIELD_OF_FLOW_ERROR, code);

/** The Stake form field a planning error belongs under; errors of other domains (RPC, wallet) go above the form. */
export function stakeFieldOfError(code: ErrorCode | undefined): StakeField | undefined {
  return code !== undefined && isFlowCode(code) ? FIELD_OF_FLOW_ERROR[code] : undefined;
}
