import { CONTENT_CHANNEL, INPAGE_CHANNEL, MAX_REQUEST_BYTES, selfTargetOrigin, type ContentMessage, type InpageRequest } from './channel';

type ToPage = ContentMessage extends infer T ? (T extends unknown ? Omit<T, 'channel'> : never) : never;

/** What the content script needs from the extension runtime; passed in so the relay is testable. */
export type RelayPort = {
  postMessage(message: unknown): void;
  onMessage: { addListener(fn: (message: unknown) => void): void };
  onDisconnect: { addListener(fn: () => void): void };
};

export type RelayOptions = {
  win: Window;
  connect: () => RelayPort;
  /** Hook for the in-page risk card (preview issue): sees every request before it leaves the page. */
  onPageRequest?: (request: InpageRequest) => void;
};

/** Checks shape and size of a page message before it is carried to the background. */
export function parsePageRequest(data: unknown): InpageRequest | undefined {
  const msg = data as Partial<InpageRequest> | null;
  if (!msg || typeof msg !== 'object' || msg.channel !== INPAGE_CHANNEL || msg.type !== 'request') return undefined;
  if (typeof msg.id !== 'string' || msg.id.length === 0 || msg.id.length > 64) return undefined;
  if (typeof msg.method !== 'string' || msg.method.length === 0 || msg.method.length > 100) return undefined;
  try {
    if (JSON.stringify(msg.params ?? null).length > MAX_REQUEST_BYTES) return undefined;
  } catch {
    return undefined;
  }
  return { channel: INPAGE_CHANNEL, type: 'request', id: msg.id, method: msg.method, params: msg.params };
}

/** Ports that die before the background said anything, in a row, before the relay gives up. */
const MAX_SILENT_PORTS = 2;

/**
 * Relays page ⇄ background. The port is opened on the first request (pages that never talk to a wallet
 * do not wake the worker). If the worker restarts the port drops: we reconnect and re-send every request
 * still waiting, with the same id, so the background re-attaches it to its stored approval. A site that
 * has accounts reconnects even with nothing waiting, so it still hears accountsChanged (auto-lock) and
 * chainChanged; the background's state message on reconnect covers what happened while it was down.
 */
export function startRelay({ win, connect, onPageRequest }: RelayOptions) {
  const waiting = new Map<string, InpageRequest>();
  let port: RelayPort | undefined;
  let hasAccounts = false;
  // Ports refused or dropped before their first message: a background that turns this page away
  // (no usable origin) must not be re-dialled forever.
  let silentPorts = 0;

  const toPage = (message: ToPage) => win.postMessage({ channel: CONTENT_CHANNEL, ...message }, selfTargetOrigin(win));

  function failAll(message: string, event = true) {
    for (const id of waiting.keys()) toPage({ type: 'response', id, error: { code: 4900, message } });
    waiting.clear();
    if (event) toPage({ type: 'event', event: 'disconnect', data: { code: 4900, message } });
  }

  function noteAccounts(
    msg: { type?: string; event?: string; data?: unknown; accounts?: unknown; id?: string; result?: unknown },
    method?: string,
  ) {
    const list =
      msg.type === 'state'
        ? msg.accounts
        : msg.type === 'event' && msg.event === 'accountsChanged'
          ? msg.data
          : msg.type === 'response' && (method === 'eth_accounts' || method === 'eth_requestAccounts')
            ? msg.result
            : undefined;
    if (Array.isArray(list)) hasAccounts = list.length > 0;
  }

  function ensurePort(): RelayPort | undefined {
    if (port) return port;
    try {
      const p = connect();
      let heard = false;
      p.onMessage.addListener((raw) => {
        const msg = raw as { type?: string; id?: string } | null;
        if (!msg || typeof msg !== 'object') return;
        heard = true;
        silentPorts = 0;
        let method: string | undefined;
        if (msg.type === 'response' && typeof msg.id === 'string') {
          method = waiting.get(msg.id)?.method;
          if (!waiting.delete(msg.id)) return;
        }
        noteAccounts(msg, method);
        if (msg.type === 'response' || msg.type === 'event' || msg.type === 'state') toPage(msg as ToPage);
      });
      p.onDisconnect.addListener(() => {
        if (port === p) port = undefined;
        silentPorts = heard ? 0 : silentPorts + 1;
        if (silentPorts >= MAX_SILENT_PORTS) {
          silentPorts = 0;
          return failAll('Ballast cannot serve this page (the wallet closed the connection). Reload the page to retry.', false);
        }
        if (waiting.size === 0 && !hasAccounts) return;
        const again = ensurePort();
        if (again)
          for (const req of waiting.values()) again.postMessage({ type: 'request', id: req.id, method: req.method, params: req.params });
      });
      port = p;
      return p;
    } catch {
      // The extension was reloaded or removed: this content script is orphaned.
      failAll('Ballast is no longer available on this page. Reload the page.');
      return undefined;
    }
  }

  win.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== win) return;
    const request = parsePageRequest(event.data);
    if (!request) return;
    try {
      onPageRequest?.(request);
    } catch {
      // A failing preview must never block the wallet.
    }
    waiting.set(request.id, request);
    ensurePort()?.postMessage({ type: 'request', id: request.id, method: request.method, params: request.params });
  });

  return {
    /** Tells the page about the default-wallet setting (asked of the background once per document) without opening the port. */
    announceSettings(defaultWallet: boolean) {
      toPage({ type: 'state', defaultWallet });
    },
  };
}
