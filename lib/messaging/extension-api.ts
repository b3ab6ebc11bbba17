/**
 * The few parts of the extension API the message layer needs, as structural types: lib/ never imports
 * WXT, and tests pass plain objects. The background hands in `browser.runtime`.
 */
export type MessageSender = {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
};

export type ExtensionRuntime = { id: string; getURL(path: string): string };

/**
 * A page of this extension (popup, approval window): the only sender allowed on the UI protocol. Its
 * `origin` must be the extension's own; a sender without one (or with an opaque one) is refused.
 */
export function isExtensionPage(runtime: ExtensionRuntime, sender: MessageSender | undefined): boolean {
  const root = runtime.getURL('/');
  // 'chrome-extension://<id>/' less its slash; not new URL(root).origin, which is 'null' for a scheme the URL standard does not know.
  const ownOrigin = root.replace(/\/$/, '');
  return sender?.id === runtime.id && typeof sender.url === 'string' && sender.url.startsWith(root) && sender.origin === ownOrigin;
}

/**
 * The web origin a tab's message or port came from, from the browser's `sender.origin` only (Chrome 80+,
 * Firefox 126+). Undefined, so the caller refuses, for an opaque ('null') or missing origin: the frame's
 * `url` is no stand-in, since a sandboxed frame or an about:blank / srcdoc frame keeps a URL that is not its origin.
 */
export function originOf(sender: MessageSender | undefined): string | undefined {
  const raw = sender?.origin;
  if (!raw) return undefined;
  try {
    const origin = new URL(raw).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** Our own content script in a web page: our extension id, a tab, and a real web origin. */
export function isOwnContentScript(runtime: ExtensionRuntime, sender: MessageSender | undefined): boolean {
  return sender?.id === runtime.id && sender.tab !== undefined && originOf(sender) !== undefined && !isExtensionPage(runtime, sender);
}

/** A runtime Port as the background sees it (both ends of chrome.runtime.connect). */
export type RuntimePort = {
  name: string;
  sender?: MessageSender;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
};
