import type { Page } from 'playwright-core';
import { sendProtocol } from '../e2e/harness';
import { RUNS, median, type BenchPart } from './types';

/** Round trip of wallet:unlock (PBKDF2 + AES-GCM in the worker), timed inside an extension page. */
async function timedUnlock(page: Page, password: string): Promise<number> {
  return page.evaluate(async (pw) => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ res?: { ok: boolean } }> } } }).chrome.runtime;
    const started = performance.now();
    const reply = await runtime.sendMessage({ id: Date.now(), type: 'wallet:unlock', data: { password: pw }, timestamp: Date.now() });
    const elapsed = performance.now() - started;
    if (!reply?.res?.ok) throw new Error(`wallet:unlock failed: ${JSON.stringify(reply)}`);
    return elapsed;
  }, password);
}

export const unlock: BenchPart = {
  name: 'unlock',
  needsBrowser: true,
  async run({ ballast, password }) {
    const page = await ballast.context.newPage();
    try {
      await page.goto(ballast.url('popup.html'));
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const locked = await sendProtocol(page, 'wallet:lock');
        if (!locked.ok) throw new Error(`wallet:lock failed: ${JSON.stringify(locked.error)}`);
        times.push(await timedUnlock(page, password));
      }
      return { unlock_ms: Math.round(median(times)) };
    } finally {
      await page.close();
    }
  },
};
