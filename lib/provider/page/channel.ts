/**
 * window.postMessage channel between the MAIN-world provider and the isolated content script.
 * Kept free of dependencies: the in-page bundle must stay tiny.
 */
export const INPAGE_CHANNEL = 'ballast:inpage';
export const CONTENT_CHANNEL = 'ballast:content';

export type InpageRequest = { channel: typeof INPAGE_CHANNEL; type: 'request'; id: string; method: string; params?: unknown };

export type ContentMessage =
  | {
      channel: typeof CONTENT_CHANNEL;
      type: 'response';
      id: string;
      result?: unknown;
      error?: { code: number; message: string; data?: unknown };
    }
  | { channel: typeof CONTENT_CHANNEL; type: 'event'; event: string; data: unknown }
  | { channel: typeof CONTENT_CHANNEL; type: 'state'; chainId?: string; accounts?: string[]; defaultWallet?: boolean };

/** Largest request a page may send through the relay (bytes of JSON). */
export const MAX_REQUEST_BYTES = 1_000_000;

/**
 * targetOrigin for a message a window posts to itself. The document's origin (window.origin), not the
 * URL's: in a sandboxed frame the URL says https://site but the origin is opaque ("null"), and a post
 * aimed at the URL's origin is dropped, so the page's request would wait forever.
 */
export function selfTargetOrigin(win: Window): string {
  const origin = (win as { origin?: string }).origin ?? win.location.origin;
  return origin === 'null' ? '*' : origin;
}
