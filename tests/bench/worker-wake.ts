import type { CDPSession, Page } from 'playwright-core';
import { startDappServer } from '../e2e/dapp-server';
import { waitForClose, waitForPage, type Ballast } from '../e2e/harness';
import { RUNS, median, type BenchPart } from './types';

type Status = 'stopped' | 'starting' | 'running' | 'stopping';
type Versions = { versions: { scriptURL: string; runningStatus: Status }[] };

type Announced = { info: { name: string }; provider: { request(a: { method: string }): Promise<unknown> } };
/** True once Ballast has announced itself over EIP-6963 on the dApp page (tests/e2e/dapp-server.ts keeps the announcements). */
const ANNOUNCED = `(window.__providers ?? []).some((p) => p.info.name === 'Ballast')`;

type Timed = { ms: number; answeredAt: number; result: unknown };

/**
 * One request from the page through Ballast's provider, timed on the page's clock from request() to its
 * answer; answeredAt is the answer's time since the epoch (timeOrigin + now), comparable with the worker's.
 */
async function timedRequest(dapp: Page, method: string): Promise<Timed> {
  return dapp.evaluate(async (m) => {
    const found = (window as unknown as { __providers: Announced[] }).__providers.find((p) => p.info.name === 'Ballast');
    if (!found) throw new Error('Ballast did not announce itself over EIP-6963');
    const started = performance.now();
    const result = await found.provider.request({ method: m });
    const answered = performance.now();
    return { ms: answered - started, answeredAt: performance.timeOrigin + answered, result };
  }, method);
}

async function timedChainId(dapp: Page): Promise<Timed> {
  const timed = await timedRequest(dapp, 'eth_chainId');
  if (timed.result !== '0x1') throw new Error(`eth_chainId answered ${String(timed.result)}`);
  return timed;
}

/** When the running worker started (its performance.timeOrigin, ms since the epoch). */
async function workerStartedAt(ballast: Ballast): Promise<number> {
  const scope = `chrome-extension://${ballast.extensionId}/`;
  const worker = ballast.context.serviceWorkers().find((w) => w.url().startsWith(scope));
  if (!worker) throw new Error('no running Ballast service worker after the wake');
  ballast.serviceWorker = worker;
  return worker.evaluate(() => performance.timeOrigin);
}

/** Follows the worker's running status over CDP for the whole part, so a run can prove it started from 'stopped'. */
async function watchWorker(
  ballast: Ballast,
  control: Page,
): Promise<{ cdp: CDPSession; status: () => Status | undefined; stop(): Promise<void> }> {
  const cdp = await ballast.context.newCDPSession(control);
  const scope = `chrome-extension://${ballast.extensionId}/`;
  let status: Status | undefined;
  const waiters: (() => void)[] = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: Versions) => {
    const ours = versions.filter((v) => v.scriptURL.startsWith(scope));
    if (ours.length === 0) return;
    status = ours.find((v) => v.runningStatus !== 'stopped')?.runningStatus ?? 'stopped';
    if (status === 'stopped') waiters.splice(0).forEach((w) => w());
  });
  await cdp.send('ServiceWorker.enable');
  return {
    cdp,
    status: () => status,
    async stop() {
      const stopped = new Promise<void>((resolve) => waiters.push(resolve));
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
    },
  };
}

/** Connects the dApp's origin once, through the approval window, as a user would. */
async function connect(ballast: Ballast, dapp: Page): Promise<void> {
  const opened = waitForPage(ballast.context, 'approval.html');
  void timedRequest(dapp, 'eth_requestAccounts').catch(() => undefined);
  const approval = await opened;
  const closed = waitForClose(approval);
  await approval
    .getByRole('button', { name: 'Connect' })
    .click()
    .catch((e: Error) => {
      if (!/closed/i.test(e.message)) throw e;
    });
  await closed;
}

/**
 * worker_wake_ms: a connected dApp page asks eth_chainId while the service worker is stopped (as Chrome
 * stops it after 30 s idle): from the page's request() to its answer, so it includes starting the worker,
 * evaluating the background bundle, the services it builds, and the answer. The page is reloaded before
 * each stop: a page that already talked to Ballast re-dials as soon as the worker stops (to hear
 * accountsChanged), which would wake it before the measured request.
 * worker_wake_in_worker_ms is the part after the worker's own start (its performance.timeOrigin): what
 * the bundle costs; the rest is Chrome starting the worker.
 */
export const workerWake: BenchPart = {
  name: 'worker wake',
  needsBrowser: true,
  async run({ ballast }) {
    const server = await startDappServer();
    const control = await ballast.context.newPage();
    const dapp = await ballast.context.newPage();
    // An extension page without a UI port: it does not wake the worker after a stop.
    await control.goto(ballast.url('manifest.json'));
    const worker = await watchWorker(ballast, control);
    try {
      await dapp.goto(`${server.origin}/`);
      await dapp.waitForFunction(ANNOUNCED);
      await connect(ballast, dapp);
      const cold: number[] = [];
      const inWorker: number[] = [];
      const warm: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        await dapp.reload();
        await dapp.waitForFunction(ANNOUNCED);
        await worker.stop();
        if (worker.status() !== 'stopped') throw new Error(`the worker was ${worker.status()} before the request: something woke it`);
        const woken = await timedChainId(dapp);
        cold.push(woken.ms);
        inWorker.push(woken.answeredAt - (await workerStartedAt(ballast)));
        warm.push((await timedChainId(dapp)).ms);
      }
      const round = (n: number) => Math.round(n * 10) / 10;
      console.error(
        `bench: worker wake runs (ms): ${cold.map(round).join(', ')}; of which inside the new worker: ${inWorker.map(round).join(', ')}; ` +
          `eth_chainId to an awake worker p50 ${round(median(warm))} ms`,
      );
      return {
        worker_wake_ms: Math.round(median(cold)),
        worker_wake_max_ms: Math.round(Math.max(...cold)),
        // From the worker's own start to the answer: loading and evaluating the background bundle, main(), the services, the answer.
        worker_wake_in_worker_ms: Math.round(median(inWorker)),
      };
    } finally {
      await worker.cdp.detach().catch(() => undefined);
      await dapp.close();
      await control.close();
      // See approval-window.ts: Chromium's keep-alive sockets would hold server.close for ~90 s.
      void server.close().catch((e: unknown) => console.error(`bench: dApp server did not close: ${String(e)}`));
    }
  },
};
