/**
 * Every `AppError` code Ballast raises, in one naming style: `<domain>.<what>[.<detail>]`, lower-case
 * kebab segments. Code that reacts to an error (a form putting it under a field, a resume deciding to
 * re-send) switches on these names, never on a prefix or a message, so renaming or adding a code is a
 * type error wherever it matters. EIP-1193 / JSON-RPC errors keep their numeric codes (see SerializedError).
 */

/** A UI-only message came from a sender that is not an extension page (a content script, a tab). */
export const SENDER_ERROR_CODES = ['sender.forbidden'] as const;

/** A UI message's data does not have the shape its schema asks for (checked before any handler runs). */
export const MESSAGE_ERROR_CODES = ['message.bad-shape'] as const;

/** The UI could not get an answer from the background worker (raised UI-side, in lib/state/call). */
export const BACKGROUND_ERROR_CODES = ['background.unavailable', 'background.no-handler'] as const;

/** The active network has no usable RPC, or the user typed an RPC URL / picked a network that is refused. */
export const NETWORK_ERROR_CODES = ['rpc.none', 'rpc.bad-url', 'network.unknown'] as const;

/** Storage read a value it cannot trust (damaged, or written by a newer version). */
export const STORAGE_ERROR_CODES = ['storage.corrupt'] as const;

/** The vault, its password, keys and accounts: locked, wrong input, missing or unreadable secrets. */
export const WALLET_ERROR_CODES = [
  'wallet.locked',
  'wallet.wrong-password',
  'wallet.weak-password',
  'wallet.password-required',
  'wallet.vault.none',
  'wallet.vault.exists',
  'wallet.vault.corrupt',
  'wallet.mnemonic.none',
  'wallet.mnemonic.invalid',
  'wallet.private-key.invalid',
  'wallet.address.invalid',
  'wallet.account.duplicate',
  'wallet.account.unknown',
  'wallet.account.watch-only',
  'wallet.account.hardware',
  'wallet.key.missing',
  'wallet.backup.incomplete',
  'wallet.backup.mismatch',
] as const;

/**
 * The one transaction path (lib/wallet/transactions): a transaction for another chain than the active one, an RPC
 * that cannot be reached or whose broadcast answer was lost, and speed-up / cancel of a transaction that is no longer
 * pending, unknown to Activity, or refused by the node as underpriced.
 */
export const TX_ERROR_CODES = [
  'tx.wrong-chain',
  'tx.rpc-unreachable',
  'tx.broadcast-lost',
  'tx.replace.unknown',
  'tx.replace.not-pending',
  'tx.replace.underpriced',
] as const;

/** A dApp request waiting for the user: already answered, or cut by a worker restart after approval. */
export const APPROVAL_ERROR_CODES = ['approval.not-pending', 'approval.restarted'] as const;

/**
 * The network fee of a waiting transaction: the window approved another version than the stored one, a
 * danger flag was not confirmed, the gas limit is unknown, an edit is refused, the chain moved past it, or
 * the fee could not be read before the request was shown.
 */
export const FEE_ERROR_CODES = [
  'fee.changed',
  'fee.danger-unconfirmed',
  'fee.gas-unknown',
  'fee.edit.invalid',
  'fee.edit.not-allowed',
  'fee.chain-moved',
  'fee.quote-failed',
] as const;

/** The portfolio tracker's refresh failed (the RPC did not answer, or its answers disagree). */
export const TRACKER_ERROR_CODES = ['tracker.read-failed', 'tracker.contradiction'] as const;

/** Alert settings the user submitted are refused (a threshold out of range, bad quiet hours). */
export const ALERTS_ERROR_CODES = ['alerts.settings.invalid'] as const;

/** An insights request names a token outside the registry or an amount that is not a decimal. */
export const INSIGHTS_ERROR_CODES = ['insights.symbol.unknown', 'insights.amount.not-a-number'] as const;

/** Stake & deploy: what the user typed or picked is refused while planning (shown under that field). */
/** Home balances: a custom token the user typed that Ballast will not list (no contract, not an ERC-20, already listed). */
export const TOKEN_ERROR_CODES = [
  'token.address.invalid',
  'token.duplicate',
  'token.no-code',
  'token.not-erc20',
  'token.metadata.invalid',
  'token.read-failed',
  'token.not-removable',
] as const;

export const FLOW_INPUT_ERROR_CODES = [
  'flow.amount.not-a-number',
  'flow.amount.too-many-decimals',
  'flow.amount.zero',
  'flow.amount.above-balance',
  'flow.amount.unresolved',
  'flow.slippage.range',
  'flow.operator.not-address',
  'flow.operator.unchecked',
  'flow.operator.not-registered',
  'flow.operator.missing',
  'flow.operator.already-delegated',
] as const;

/** Stake & deploy: a flow cannot be planned, started or found (recipe, account, lock, simulation, expiry). */
export const FLOW_PLAN_ERROR_CODES = [
  'flow.unknown',
  'flow.recipe.unknown',
  'flow.preview.expired',
  'flow.account.none',
  'flow.account.watch-only',
  'flow.account.changed',
  'flow.wallet.locked',
  'flow.simulation.unavailable',
  'flow.simulation.reverted',
  'flow.chain.unsupported',
] as const;

/** Stake & deploy: a running step stopped (reverted, would revert, nonce clash, minimum out not met, interrupted). */
export const FLOW_STEP_ERROR_CODES = [
  'flow.min-out.not-met',
  'flow.step.would-revert',
  'flow.step.not-sent',
  'flow.step.pending',
  'flow.step.nonce-used',
  'flow.step.nonce-taken',
  'flow.step.cancelled',
  'flow.step.reverted',
  'flow.step.interrupted',
  'flow.step.fee-above-max',
  'flow.fee.requote-stale',
] as const;

/** Stake & deploy: an unwind cannot start (flow still running, nothing to undo, another network). */
export const FLOW_UNWIND_ERROR_CODES = ['flow.unwind.running', 'flow.unwind.nothing', 'flow.unwind.network'] as const;

/** Withdraw through a protocol's queue: a request or claim refused before anything is simulated or sent. */
export const WITHDRAW_ERROR_CODES = [
  'withdraw.no-queue',
  'withdraw.amount-too-small',
  'withdraw.amount-above-balance',
  'withdraw.unknown-request',
  'withdraw.not-owner',
  'withdraw.not-claimable',
  'withdraw.not-found',
] as const;

export const FLOW_ERROR_CODES = [
  ...FLOW_INPUT_ERROR_CODES,
  ...FLOW_PLAN_ERROR_CODES,
  ...FLOW_STEP_ERROR_CODES,
  ...FLOW_UNWIND_ERROR_CODES,
] as const;

/** Send: the recipient, token or amount the user typed is refused (shown under that field); nothing is sent. */
export const SEND_ERROR_CODES = [
  'send.recipient.empty',
  'send.recipient.invalid',
  'send.recipient.checksum',
  'send.recipient.ens-unknown',
  'send.recipient.ens-no-address',
  'send.recipient.ens-failed',
  'send.token.unknown',
  'send.amount.not-a-number',
  'send.amount.too-many-decimals',
  'send.amount.zero',
  'send.amount.above-balance',
  'send.amount.no-price',
  'send.balance.unread',
] as const;

/** A Keystone (air-gapped QR) account: its sync code and the signatures scanned back (a wrong key is hardware.wrong-device). */
export const KEYSTONE_ERROR_CODES = [
  'keystone.sync.unreadable',
  'keystone.sync.unsupported',
  'keystone.signature.unreadable',
  'keystone.signature.stale',
] as const;

/**
 * Hardware signers (lib/wallet/hardware): what the device answered, in words a person can act on. A refusal on the
 * device reaches a page as EIP-1193 4001 (lib/provider/errors.ts); the others say what to do with the device.
 */
export const HARDWARE_ERROR_CODES = [
  'hardware.rejected',
  'hardware.locked',
  'hardware.app-closed',
  'hardware.blind-signing-disabled',
  'hardware.unplugged',
  'hardware.wrong-device',
  'hardware.timeout',
  'hardware.busy',
  'hardware.failed',
] as const;

/** A protocol withdrawal queue's request or claim cannot be built (token not taken, request not the owner's). */
export const QUEUE_ERROR_CODES = ['queue.token.not-accepted', 'queue.request.unknown'] as const;

export const ERROR_CODES = [
  ...SENDER_ERROR_CODES,
  ...MESSAGE_ERROR_CODES,
  ...BACKGROUND_ERROR_CODES,
  ...NETWORK_ERROR_CODES,
  ...STORAGE_ERROR_CODES,
  ...WALLET_ERROR_CODES,
  ...APPROVAL_ERROR_CODES,
  ...TX_ERROR_CODES,
  ...FEE_ERROR_CODES,
  ...TRACKER_ERROR_CODES,
  ...ALERTS_ERROR_CODES,
  ...INSIGHTS_ERROR_CODES,
  ...TOKEN_ERROR_CODES,
  ...FLOW_ERROR_CODES,
  ...WITHDRAW_ERROR_CODES,
  ...SEND_ERROR_CODES,
  ...HARDWARE_ERROR_CODES,
  ...KEYSTONE_ERROR_CODES,
  ...QUEUE_ERROR_CODES,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type FlowErrorCode = (typeof FLOW_ERROR_CODES)[number];
export type HardwareErrorCode = (typeof HARDWARE_ERROR_CODES)[number];

/** `<domain>.<what>[.<detail>]`: two or three lower-case kebab segments. */
export const ERROR_CODE_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*(?:\.[a-z][a-z0-9]*(?:-[a-z0-9]+)*){1,2}$/;

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

/** For codes that crossed a boundary (a message, storage) and may come from another version. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && KNOWN.has(value);
}
