import type { PreviewView } from '../../preview/service';

/**
 * Messages of the in-page risk card and guard mode. Type-only imports and string constants: this file
 * is shared by the MAIN-world script, the content script and the background, and must stay tiny.
 */

/** Content script → background (runtime message): the preview of one page request. */
export const CARD_MESSAGE = 'ballast:card-preview';
export type CardPreviewAsk = {
  type: typeof CARD_MESSAGE;
  /** 'ballast': a request the page sent to Ballast (looked up in the approval queue by origin + id); 'guard': another wallet's. */
  mode: 'ballast' | 'guard';
  requestId: string;
  method: string;
  params?: unknown;
};
/**
 * A guard answer carries no `rpcHost` (Ballast's RPC is not the page's business). `rate-limited`: this
 * origin asked for more guard previews than the background answers in a minute.
 */
export type CardPreviewAnswer = ({ ok: true } & Partial<PreviewView>) | { ok: false; reason?: 'rate-limited' };

/** MAIN world ↔ content script (window.postMessage) for guard mode. */
export const GUARD_ASK = 'ballast:guard-ask';
export const GUARD_DECISION = 'ballast:guard-decision';
export type GuardAsk = { channel: typeof GUARD_ASK; id: string; method: string; params?: unknown; wallet: string };
export type GuardDecision = { channel: typeof GUARD_DECISION; id: string; proceed: boolean };

/** Methods guard mode holds until the user chooses Continue or Cancel on the card. */
export const GUARDED_METHODS = ['eth_sendTransaction', 'wallet_sendCalls', 'personal_sign', 'eth_signTypedData_v3', 'eth_signTypedData_v4'];
