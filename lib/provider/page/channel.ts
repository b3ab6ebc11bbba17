/**
 * window.postMessage channel between the MAIN-world provider and the isolated content script.
 * Kept free of dependencies: the in-page bundle must stay tiny.
 */
export const INPAGE_CHANNEL = 'ballast:inpage';
export const CONTENT_CHANNEL = 'ballast:content';

export type InpageRequest = { channel: typeof INPAGE_CHANNEL; type: 'request'; id: string; method: string; params?: unknown };

export type ContentMessage =
  | { channel: typeof CONTENT_CHANNEL; type: 'response'; id: string; result?: unknown; error?: { code: number; message: string; data?: unknown } }
  | { channel: typeof CONTENT_CHANNEL; type: 'event'; event: string; data: unknown }
  | { channel: typeof CONTENT_CHANNEL; type: 'state'; chainId?: string; accounts?: string[]; defaultWallet?: boolean };

/** Largest request a page may send through the relay (bytes of JSON). */
export const MAX_REQUEST_BYTES = 1_000_000;
