import { CONTENT_CHANNEL, INPAGE_CHANNEL, selfTargetOrigin, type ContentMessage } from './channel';

/** The EIP-1193 provider object a page sees. No viem, no zod: this runs in every page. */

type Listener = (...args: unknown[]) => void;

class ProviderRpcError extends Error {
  code: number;
  data?: unknown;
  constructor(code: number, message: string, data?: unknown) {
    super(message);
    this.code = code;
    if (data !== undefined) this.data = data;
  }
}

const ICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="8" fill="#0f766e"/><path d="M8 20h16l-3 5H11z" fill="#fff"/><circle cx="16" cy="12" r="5" fill="#fde68a"/></svg>';

export function createInpageProvider(win: Window) {
  const prefix = Math.random().toString(36).slice(2, 10);
  let counter = 0;
  const pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const listeners = new Map<string, Set<Listener>>();
  let connected = false;
  /** Accounts the page was last told about (joined); undefined until the first state message. */
  let knownAccounts: string | undefined;

  const emit = (event: string, ...args: unknown[]) => {
    for (const l of [...(listeners.get(event) ?? [])]) {
      try {
        l(...args);
      } catch (error) {
        console.error(error);
      }
    }
    return true;
  };

  const provider = {
    isMetaMask: true,
    isBallast: true,
    chainId: null as string | null,
    networkVersion: null as string | null,
    selectedAddress: null as string | null,
    onDefaultWallet: undefined as undefined | (() => void),

    request(args: { method: string; params?: unknown }): Promise<unknown> {
      if (!args || typeof args !== 'object' || typeof args.method !== 'string' || args.method.length === 0) {
        return Promise.reject(new ProviderRpcError(-32600, 'Invalid request: expected { method: string, params?: array | object }.'));
      }
      if (args.params !== undefined && (args.params === null || typeof args.params !== 'object')) {
        return Promise.reject(new ProviderRpcError(-32602, 'Invalid params: params must be an array or an object.'));
      }
      const id = `${prefix}-${++counter}`;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        try {
          win.postMessage(
            { channel: INPAGE_CHANNEL, type: 'request', id, method: args.method, params: args.params },
            selfTargetOrigin(win),
          );
        } catch {
          pending.delete(id);
          reject(
            new ProviderRpcError(-32602, 'Invalid params: the request cannot be cloned (functions, DOM nodes or symbols are not allowed).'),
          );
        }
      });
    },
    isConnected: () => connected,
    enable() {
      return provider.request({ method: 'eth_requestAccounts' });
    },
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return provider;
    },
    once(event: string, listener: Listener) {
      const wrapped: Listener = (...a) => {
        provider.removeListener(event, wrapped);
        listener(...a);
      };
      return provider.on(event, wrapped);
    },
    removeListener(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
      return provider;
    },
    off(event: string, listener: Listener) {
      return provider.removeListener(event, listener);
    },
    removeAllListeners(event?: string) {
      if (event) listeners.delete(event);
      else listeners.clear();
      return provider;
    },
    emit,
  };

  function onMessage(event: MessageEvent) {
    if (event.source !== win) return;
    const msg = event.data as ContentMessage | null;
    if (!msg || typeof msg !== 'object' || msg.channel !== CONTENT_CHANNEL) return;
    if (msg.type === 'response') {
      const waiter = pending.get(msg.id);
      if (!waiter) return;
      pending.delete(msg.id);
      if (msg.error) waiter.reject(new ProviderRpcError(msg.error.code, msg.error.message, msg.error.data));
      else waiter.resolve(msg.result);
    } else if (msg.type === 'state') {
      if (msg.defaultWallet) provider.onDefaultWallet?.();
      if (msg.chainId) setChain(msg.chainId);
      if (msg.accounts) {
        provider.selectedAddress = msg.accounts[0] ?? null;
        // A state message after a reconnect (worker restart) may carry accounts that changed while the
        // port was down, e.g. the wallet auto-locked: the page hears it as accountsChanged.
        const key = msg.accounts.join(',');
        const changed = knownAccounts !== undefined && knownAccounts !== key;
        knownAccounts = key;
        if (changed) emit('accountsChanged', msg.accounts);
      }
    } else if (msg.type === 'event') {
      if (msg.event === 'chainChanged' && typeof msg.data === 'string') return setChain(msg.data);
      if (msg.event === 'accountsChanged' && Array.isArray(msg.data)) {
        provider.selectedAddress = (msg.data[0] as string | undefined) ?? null;
        knownAccounts = msg.data.join(',');
      }
      if (msg.event === 'disconnect') {
        connected = false;
        for (const [id, w] of pending) {
          pending.delete(id);
          w.reject(new ProviderRpcError(4900, 'Ballast disconnected. Reload the page to reconnect.'));
        }
      }
      emit(msg.event, msg.data);
    }
  }

  function setChain(chainId: string) {
    const changed = provider.chainId !== null && provider.chainId !== chainId;
    provider.chainId = chainId;
    provider.networkVersion = String(parseInt(chainId, 16));
    if (!connected) {
      connected = true;
      emit('connect', { chainId });
    } else if (changed) emit('chainChanged', chainId);
  }

  win.addEventListener('message', onMessage);
  return provider;
}

/** Installs the provider: EIP-6963 announcement always; window.ethereum only if free (or Ballast is the default). */
export function installInpageProvider(win: Window & { ethereum?: unknown }) {
  const provider = createInpageProvider(win);
  const info = Object.freeze({
    uuid: crypto.randomUUID(),
    name: 'Ballast',
    icon: `data:image/svg+xml;base64,${btoa(ICON_SVG)}`,
    rdns: 'wallet.ballast',
  });
  const announce = () => win.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail: Object.freeze({ info, provider }) }));
  win.addEventListener('eip6963:requestProvider', announce);
  announce();

  const claim = () => {
    try {
      Object.defineProperty(win, 'ethereum', { value: provider, configurable: true, writable: true, enumerable: true });
    } catch {
      // Another wallet made it non-configurable; EIP-6963 still reaches the page.
    }
  };
  if (win.ethereum === undefined) claim();
  provider.onDefaultWallet = () => {
    if (win.ethereum !== provider) claim();
  };
  win.dispatchEvent(new Event('ethereum#initialized'));
  return provider;
}
