import { GUARD_ASK, GUARD_DECISION, GUARDED_METHODS } from './card-messages';
import { selfTargetOrigin } from './channel';

type Eip1193 = { request: (args: { method: string; params?: unknown }) => Promise<unknown>; isBallast?: boolean };

/**
 * Guard mode, MAIN world: wraps another wallet's `request` in place (same object, so identity checks
 * and isMetaMask stay true) for transactions and signatures. The content script shows the card; on
 * Continue the original call runs with the original arguments, on Cancel the dApp gets 4001.
 * Everything else, and every event, goes straight to the other wallet.
 */
export function installGuard(win: Window & { ethereum?: unknown }, ballast: object) {
  const wrapped = new WeakSet<object>();
  const waiting = new Map<string, (proceed: boolean) => void>();
  const prefix = Math.random().toString(36).slice(2, 10);
  let counter = 0;
  const origin = selfTargetOrigin(win);

  win.addEventListener('message', (event: MessageEvent) => {
    const d = event.data as { channel?: string; id?: string; proceed?: boolean } | null;
    if (event.source !== win || !d || d.channel !== GUARD_DECISION || typeof d.id !== 'string') return;
    waiting.get(d.id)?.(d.proceed === true);
    waiting.delete(d.id);
  });

  function wrap(provider: unknown, wallet: string) {
    const p = provider as Eip1193 | null;
    if (!p || (typeof p !== 'object' && typeof p !== 'function') || p === ballast || p.isBallast === true || wrapped.has(p)) return;
    const original = p.request;
    if (typeof original !== 'function') return;
    const guarded = function (this: unknown, ...args: unknown[]) {
      const call = args[0] as { method?: unknown; params?: unknown } | undefined;
      if (!call || typeof call.method !== 'string' || !GUARDED_METHODS.includes(call.method)) return Reflect.apply(original, this, args);
      const id = `${prefix}-${++counter}`;
      return new Promise<boolean>((resolve) => {
        waiting.set(id, resolve);
        let params: unknown;
        try {
          params = JSON.parse(JSON.stringify(call.params ?? null));
        } catch {
          params = null;
        }
        win.postMessage({ channel: GUARD_ASK, id, method: call.method, params, wallet }, origin);
      }).then((proceed) => {
        if (proceed) return Reflect.apply(original, this, args) as Promise<unknown>;
        throw Object.assign(new Error('The user rejected the request in Ballast guard mode.'), { code: 4001 });
      });
    };
    try {
      p.request = guarded;
    } catch {
      // A frozen provider cannot be guarded; it keeps working unguarded.
    }
    if (p.request === guarded) wrapped.add(p);
  }

  win.addEventListener('eip6963:announceProvider', (event: Event) => {
    const detail = (event as CustomEvent<{ info?: { rdns?: string; name?: string }; provider?: unknown }>).detail;
    if (detail?.info?.rdns !== 'wallet.ballast') wrap(detail?.provider, String(detail?.info?.name ?? 'your wallet').slice(0, 40));
  });
  const checkEthereum = () => wrap(win.ethereum, 'your wallet');
  checkEthereum();
  win.addEventListener('DOMContentLoaded', checkEthereum);
  win.addEventListener('load', checkEthereum);
  // Wallets that announced before we listened announce again.
  win.dispatchEvent(new Event('eip6963:requestProvider'));
}
