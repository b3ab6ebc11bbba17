import type { Address, Client } from 'viem';
import { scoreFlags, type KnownAddress } from '../risk';
import type { StoredPending } from '../storage/items';
import { buildPreview } from './build-preview';
import { isPreviewedMethod, toPreviewRequest } from './request';
import type { Preview, PreviewExposure } from './types';

/**
 * A request's risk preview as the approval window and the page card read it. `preview` is absent while
 * the simulation runs; a preview that failed is still a preview (it says what could not be checked).
 */
export type PreviewView = {
  /** Host of the RPC the simulation runs on ("Simulating on 127.0.0.1:8545…"). */
  rpcHost: string;
  preview?: Preview;
};

export type PreviewServiceDeps = {
  /**
   * The node and network of the site at `origin` (its own chain, else the wallet's); with `chainId`, the chain the
   * queued request was made for when that differs (Ballast's speed-up of a site's transaction on another chain).
   */
  client: (origin: string, chainId?: number) => Promise<Client>;
  network: (origin: string, chainId?: number) => Promise<{ chainId: number; rpcUrls: readonly string[] }>;
  pending: () => Promise<StoredPending[]>;
  /** Subscribes to changes of the pending list; returns the unsubscribe. */
  watchPending: (onChange: () => void) => () => void;
  selectedAddress: () => Promise<Address | undefined>;
  /**
   * Addresses the user knows (own accounts, address book, Activity's recipients) for the recipient checks of
   * requests sent to Ballast, on the request's chain. Never used for guard previews, and kept out of the page card (see forPageRequest).
   */
  known?: (chainId: number) => Promise<KnownAddress[]>;
  /** The sender's restaking exposure from the portfolio's last snapshot (requests to Ballast only, like `known`). */
  exposure?: (account: Address) => Promise<PreviewExposure | undefined>;
  /** A preview became ready: the approval window re-reads it. */
  onReady: () => void;
  now?: () => number;
};

/** How long the page card waits for its request to reach the approval queue. */
const PENDING_APPEAR_MS = 10_000;
const CACHE_LIMIT = 50;

export function rpcHostOf(urls: readonly string[]): string {
  try {
    return urls[0] ? new URL(urls[0]).host : 'no RPC configured';
  } catch {
    return 'an invalid RPC URL';
  }
}

/** A preview that could not be built says so with a warning, never "no risk". */
export function failedPreview(kind: Preview['kind'], reason: string): Preview {
  return {
    kind,
    decoded: [],
    simulation: { status: 'unavailable', method: 'none', reason, calls: [] },
    balanceChanges: [],
    flags: [
      {
        id: 'preview.failed',
        severity: 'warn',
        title: 'Could not check this request',
        numbers: { reason },
        why: 'Ballast could not simulate or decode it, so its risk is unknown. Check the details yourself before you approve.',
      },
    ],
    worst: 'warn',
    checked: [],
    notChecked: [`the whole request: ${reason}`],
    facts: {},
    elapsedMs: 0,
  };
}

/** What a node failure says in guard mode: the error text of Ballast's RPC (its host, its limits) stays in Ballast. */
const NODE_FAILED = 'the node did not answer';

/**
 * A guard preview (of params that parsed) without the text of node failures: the reasons of an
 * unavailable simulation, of checks whose reads failed and of a preview that could not be built become
 * one fixed sentence, and "not checked" lines keep what was not checked, not why. Revert reasons stay:
 * they come from the chain, for the sender the page itself named, so the page could read them too.
 */
export function withoutNodeErrors(preview: Preview): Preview {
  const hidden = (id: string) => id === 'preview.failed' || id.startsWith('preview.unchecked.');
  const unavailable = preview.simulation.status === 'unavailable' && preview.simulation.reason !== undefined;
  return {
    ...preview,
    simulation: {
      ...preview.simulation,
      ...(unavailable ? { reason: NODE_FAILED } : {}),
      calls: preview.simulation.calls.map((c) => (c.status === 'unavailable' ? { ...c, reason: NODE_FAILED } : c)),
    },
    flags: preview.flags.map((f) => (hidden(f.id) ? { ...f, numbers: { ...f.numbers, reason: NODE_FAILED } } : f)),
    notChecked: preview.notChecked.map((line) => line.split(':')[0] ?? line),
  };
}

/** Flags that tell what the user sent before or saved: they name address-book entries. */
const HISTORY_FLAGS = new Set(['recipient.poisoning', 'recipient.first-time']);

/**
 * The page card lives in the site's page: it does not say whether the user sent to an address before, nor
 * name their address-book entries. The approval window (an extension page) shows those flags.
 */
export function withoutHistory(preview: Preview): Preview {
  if (!preview.flags.some((f) => HISTORY_FLAGS.has(f.id))) return preview;
  const { flags, worst } = scoreFlags(preview.flags.filter((f) => !HISTORY_FLAGS.has(f.id)));
  return {
    ...preview,
    flags,
    worst,
    checked: preview.checked.filter((c) => !/ addresses you know$/.test(c)),
    notChecked: [...preview.notChecked, 'the recipient against your history and address book: shown in the approval window'],
  };
}

const kindOf = (method: string): Preview['kind'] =>
  method === 'wallet_sendCalls'
    ? 'batch'
    : method === 'personal_sign'
      ? 'personalSign'
      : method.startsWith('eth_signTypedData')
        ? 'typedData'
        : 'transaction';

/**
 * Builds a preview for every previewed request that enters the approval queue (once per pending id,
 * kept in memory: after a worker restart it is simply built again) and answers the approval window
 * and the page card. Guard-mode requests (another wallet's) are previewed from their params directly.
 */
export function createPreviewService(deps: PreviewServiceDeps) {
  const now = deps.now ?? Date.now;
  const built = new Map<string, Promise<Preview>>();
  const ready = new Map<string, Preview>();

  /**
   * `origin`: the page that asks (a sign-in message names the site it is for). `fallbackFrom`: who sends
   * a transaction that names no sender; only requests to Ballast have one (its selected account).
   */
  async function previewOf(
    method: string,
    params: unknown,
    origin: string,
    fallbackFrom?: () => Promise<Address | undefined>,
    chainId?: number,
  ): Promise<Preview> {
    try {
      const request = toPreviewRequest(method, params, await fallbackFrom?.(), origin);
      const from = request.kind === 'transaction' ? request.tx.from : request.kind === 'batch' ? request.from : undefined;
      const [client, network, known, exposure] = await Promise.all([
        deps.client(origin, chainId),
        deps.network(origin, chainId),
        // Known on the request's chain: a recipient sent to on Base is not "first time" when a Base tx is sped up.
        fallbackFrom && deps.known
          ? deps
              .network(origin, chainId)
              .then((n) => deps.known!(n.chainId))
              .catch(() => undefined)
          : undefined,
        fallbackFrom && from && deps.exposure ? deps.exposure(from).catch(() => undefined) : undefined,
      ]);
      return await buildPreview(
        { client, chainId: network.chainId, now, ...(known ? { known } : {}), ...(exposure ? { exposure } : {}) },
        request,
      );
    } catch (error) {
      return failedPreview(kindOf(method), error instanceof Error ? error.message : String(error));
    }
  }

  function forPending(entry: StoredPending): Promise<Preview> {
    let promise = built.get(entry.id);
    if (!promise) {
      promise = previewOf(entry.method, entry.params, entry.origin, deps.selectedAddress, entry.chainId).then((preview) => {
        ready.set(entry.id, preview);
        deps.onReady();
        return preview;
      });
      built.set(entry.id, promise);
      // Old entries go first; a Map iterates in insertion order.
      for (const key of [...built.keys()].slice(0, Math.max(0, built.size - CACHE_LIMIT))) {
        built.delete(key);
        ready.delete(key);
      }
    }
    return promise;
  }

  async function sync() {
    for (const entry of await deps.pending()) if (!entry.decision && isPreviewedMethod(entry.method)) void forPending(entry);
  }

  /** Resolves with the pending entry that matches, or undefined after `ms` (the request failed validation). */
  function waitForPending(match: (p: StoredPending) => boolean, ms: number): Promise<StoredPending | undefined> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (entry: StoredPending | undefined) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unwatch();
        resolve(entry);
      };
      const check = () =>
        void deps.pending().then((all) => {
          const entry = all.find(match);
          if (entry) finish(entry);
        });
      const timer = setTimeout(() => finish(undefined), ms);
      const unwatch = deps.watchPending(check);
      check();
    });
  }

  return {
    /** Starts previews for new pending entries; call on every change of the pending list. */
    sync,
    /** For the approval window: what is known now, or (wait) the finished preview. */
    async get(id: string, wait: boolean): Promise<PreviewView> {
      const entry = (await deps.pending()).find((p) => p.id === id);
      const rpcHost = rpcHostOf((await deps.network(entry?.origin ?? '', entry?.chainId)).rpcUrls);
      if (!entry) return { rpcHost, ...(ready.has(id) ? { preview: ready.get(id)! } : {}) };
      if (!isPreviewedMethod(entry.method)) return { rpcHost };
      const promise = forPending(entry);
      return { rpcHost, ...(wait ? { preview: await promise } : ready.has(id) ? { preview: ready.get(id)! } : {}) };
    },
    /**
     * For the page card of a request the page sent to Ballast: only the sender's own origin and request
     * id are looked up, so a page never sees another site's requests. Undefined if it never queued.
     */
    async forPageRequest(origin: string, pageRequestId: string): Promise<(PreviewView & { preview: Preview }) | undefined> {
      const key = `${origin}|${pageRequestId}`;
      const entry = await waitForPending((p) => p.dedupeKey === key && p.origin === origin && !p.decision, PENDING_APPEAR_MS);
      if (!entry || !isPreviewedMethod(entry.method)) return undefined;
      return { rpcHost: rpcHostOf((await deps.network(origin)).rpcUrls), preview: withoutHistory(await forPending(entry)) };
    },
    /**
     * Guard mode: another wallet's request on the page at `origin`, previewed from what the page passed to
     * it and nothing of Ballast's own: no fallback sender (a transaction without `from` is "could not
     * check", never simulated as Ballast's account), no RPC host, no node error text.
     */
    async forGuard(method: string, params: unknown, origin: string): Promise<{ preview: Preview }> {
      try {
        toPreviewRequest(method, params, undefined, origin);
      } catch (error) {
        // What is wrong with the params (no sender, not an address…) is the page's own data: said as is.
        return { preview: failedPreview(kindOf(method), error instanceof Error ? error.message : String(error)) };
      }
      return { preview: withoutNodeErrors(await previewOf(method, params, origin)) };
    },
  };
}

export type PreviewService = ReturnType<typeof createPreviewService>;
