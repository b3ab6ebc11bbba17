/**
 * dApp-page instrumentation for the worker-restart suite: every settle of a request promise, every
 * provider event, and every request / response that crosses the page ⇄ content-script channel.
 */
import type { Page } from 'playwright-core';

export type LogEntry =
  | { kind: 'sent'; id: string; method: string }
  | { kind: 'wire'; id: string; errorCode?: number }
  | { kind: 'event'; event: string; data: unknown }
  | { kind: 'resolve'; label: string; value: unknown }
  | { kind: 'reject'; label: string; code?: number; message?: string };

type Provider = { request(a: { method: string; params?: unknown }): Promise<unknown>; on(e: string, l: (d: unknown) => void): void };
type Win = {
  __providers: { info: { rdns: string }; provider: Provider }[];
  __log: LogEntry[];
  __askAt: Record<string, number>;
  __ask(label: string, method: string, params?: unknown): void;
};

/** Opens the dApp page and installs the recorder on the Ballast EIP-6963 provider. */
export async function openRecordedDapp(page: Page, origin: string): Promise<Page> {
  await page.goto(`${origin}/`);
  await page.evaluate(() => {
    const w = window as unknown as Win;
    const provider = w.__providers.find((p) => p.info.rdns === 'wallet.ballast')?.provider;
    if (!provider) throw new Error('Ballast did not announce itself (EIP-6963) on the dApp page');
    w.__log = [];
    w.__askAt = {};
    for (const event of ['connect', 'disconnect', 'chainChanged', 'accountsChanged', 'message']) {
      provider.on(event, (data) => w.__log.push({ kind: 'event', event, data }));
    }
    // The raw channel, to count answers even where the provider would drop a duplicate silently.
    window.addEventListener('message', (e: MessageEvent) => {
      const d = e.data as { channel?: string; type?: string; id?: string; method?: string; error?: { code?: number } } | null;
      if (e.source !== window || !d || typeof d.id !== 'string') return;
      if (d.channel === 'ballast:inpage' && d.type === 'request') w.__log.push({ kind: 'sent', id: d.id, method: String(d.method) });
      if (d.channel === 'ballast:content' && d.type === 'response') w.__log.push({ kind: 'wire', id: d.id, errorCode: d.error?.code });
    });
    w.__ask = (label, method, params) => {
      w.__askAt[label] = w.__log.length;
      provider.request({ method, params }).then(
        (value) => w.__log.push({ kind: 'resolve', label, value }),
        (error: { code?: number; message?: string }) => w.__log.push({ kind: 'reject', label, code: error.code, message: error.message }),
      );
    };
  });
  return page;
}

export function ask(dapp: Page, label: string, method: string, params?: unknown): Promise<void> {
  return dapp.evaluate(({ label, method, params }) => (window as unknown as Win).__ask(label, method, params), { label, method, params });
}

export function readLog(dapp: Page): Promise<LogEntry[]> {
  return dapp.evaluate(() => (window as unknown as Win).__log);
}

/** Waits until the request labelled `label` settled (either way) and returns that settle. */
export async function settled(dapp: Page, label: string, timeout = 60_000): Promise<Extract<LogEntry, { kind: 'resolve' | 'reject' }>> {
  await dapp.waitForFunction(
    (l) => (window as unknown as Win).__log.some((e) => (e.kind === 'resolve' || e.kind === 'reject') && e.label === l),
    label,
    { timeout },
  );
  const log = await readLog(dapp);
  return log.find(
    (e): e is Extract<LogEntry, { kind: 'resolve' | 'reject' }> => (e.kind === 'resolve' || e.kind === 'reject') && e.label === label,
  )!;
}

/**
 * How often the request labelled `label` was answered: settles of its promise, and responses on the
 * channel for its page id (the first `sent` of its method after it was asked).
 */
export async function answerCounts(dapp: Page, label: string, method: string): Promise<{ settles: number; wire: number; sent: number }> {
  const at = await dapp.evaluate((l) => (window as unknown as Win).__askAt[l] ?? -1, label);
  const log = await readLog(dapp);
  const sent = log.slice(at).find((e): e is Extract<LogEntry, { kind: 'sent' }> => e.kind === 'sent' && e.method === method);
  return {
    settles: log.filter((e) => (e.kind === 'resolve' || e.kind === 'reject') && e.label === label).length,
    wire: sent ? log.filter((e) => e.kind === 'wire' && e.id === sent.id).length : 0,
    sent: sent ? log.filter((e) => e.kind === 'sent' && e.id === sent.id).length : 0,
  };
}

/** One full round trip on the same channel: anything the background still had queued for the page arrives first. */
export async function drain(dapp: Page, label: string): Promise<void> {
  await ask(dapp, label, 'eth_chainId');
  await settled(dapp, label);
}
