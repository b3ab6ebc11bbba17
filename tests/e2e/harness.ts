/**
 * Browser-test harness: the test build of the extension (.output/chrome-mv3-test) in Debian Chromium through
 * playwright-core. Every wait is on a selector, an event or a message answer; nothing sleeps.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import type { BrowserContext, ConsoleMessage, Page, Worker } from 'playwright-core';
import { DEV_MNEMONIC } from '../devnet/context';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const root = resolve(import.meta.dirname, '../..');
// The test build (npm run build:test: a production build plus the devnet network) in chrome-mv3-test. BALLAST_OUT_DIR
// matches wxt.config.ts: a run can test its own build while another run rebuilds .output.
export const EXTENSION_DIR = join(root, process.env.BALLAST_OUT_DIR ?? '.output', 'chrome-mv3-test');
const SCREENS_DIR = join(root, 'tests/.artifacts/screens');

export type Ballast = {
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Opens popup.html in a new 360×600 page and waits for React to mount. */
  openPopup(): Promise<Page>;
  /** chrome-extension://<id>/<path> */
  url(path: string): string;
  close(): Promise<void>;
};

export type LaunchOptions = {
  devnetRpcUrl?: string;
  /** false opens a visible window (npm run demo with a display). */ headless?: boolean;
  /** More Chromium switches (e.g. the fake camera of the Keystone test). */
  extraArgs?: readonly string[];
};

export async function launchBallast({ devnetRpcUrl, headless = true, extraArgs = [] }: LaunchOptions = {}): Promise<Ballast> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
  }
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    // A production build (wxt build → chrome-mv3) has no devnet network: the tests need the test build.
    throw new Error(
      `The test build is missing (${EXTENSION_DIR}/manifest.json): run \`npm run build:test\` (BALLAST_BUILD=test npx wxt build) first, ` +
        'or `npm run test:e2e` which builds it. A plain `wxt build` is the production build, without the devnet network.',
    );
  }
  const userDataDir = mkdtempSync(join(tmpdir(), 'ballast-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless,
    // null: windows keep the size the extension asks for (approval window), instead of 1280×720.
    viewport: null,
    args: [
      '--no-sandbox',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
      ...extraArgs,
    ],
  });
  try {
    const serviceWorker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
    const extensionId = new URL(serviceWorker.url()).host;
    const url = (path: string) => `chrome-extension://${extensionId}/${path}`;
    const ballast: Ballast = {
      context,
      extensionId,
      serviceWorker,
      url,
      async openPopup() {
        const page = await context.newPage();
        await page.setViewportSize({ width: 360, height: 600 });
        await page.goto(url('popup.html'));
        await page.locator('#root > *').first().waitFor();
        return page;
      },
      async close() {
        await context.close();
        rmSync(userDataDir, { recursive: true, force: true });
      },
    };
    if (devnetRpcUrl) await pointAtDevnet(ballast, devnetRpcUrl);
    return ballast;
  } catch (error) {
    await context.close();
    rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Makes the devnet network use this RPC URL and be the active network. */
async function pointAtDevnet(ballast: Ballast, rpcUrl: string): Promise<void> {
  const page = await ballast.context.newPage();
  try {
    await page.goto(ballast.url('popup.html'));
    await useDevnetRpc(page, rpcUrl);
  } finally {
    await page.close();
  }
}

/** From an open extension page: the devnet network answers at this RPC URL and is the active network. */
export async function useDevnetRpc(page: Page, rpcUrl: string): Promise<void> {
  await expectOk(page, 'networks:setRpcUrls', { key: 'devnet', chainId: 1, rpcUrls: [rpcUrl] });
  await expectOk(page, 'networks:switch', { key: 'devnet', chainId: 1 });
}

/** Sends a protocol message and returns its value, or throws with the background's error. */
export async function expectOk(page: Page, type: string, data?: unknown): Promise<unknown> {
  const answer = await sendProtocol(page, type, data);
  if (!answer.ok) throw new Error(`${type}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/**
 * Imports anvil's public dev mnemonic, adds HD accounts until `untilAccount` is in the wallet (the seeded
 * demo users are HD indexes 1–3), points the devnet network at `rpcUrl` and reloads the page.
 */
export async function onboardOnDevnet(
  page: Page,
  { rpcUrl, password, untilAccount }: { rpcUrl: string; password: string; untilAccount?: string },
): Promise<void> {
  await expectOk(page, 'wallet:importMnemonic', { mnemonic: DEV_MNEMONIC, password });
  for (let i = 0; untilAccount && i < 5; i += 1) {
    const { accounts } = (await expectOk(page, 'wallet:getState')) as { accounts: { address: string }[] };
    if (accounts.some((a) => a.address.toLowerCase() === untilAccount.toLowerCase())) break;
    await expectOk(page, 'accounts:add', {});
  }
  await useDevnetRpc(page, rpcUrl);
  await page.reload();
}

export type ProtocolAnswer = { ok: true; value: unknown } | { ok: false; error: { message: string; details?: string } };

/**
 * Sends one protocol message from an extension page, in @webext-core/messaging's wire format,
 * and returns the background's Result (or an error Result when nothing answered).
 */
export async function sendProtocol(page: Page, type: string, data?: unknown): Promise<ProtocolAnswer> {
  return page.evaluate(
    async ({ type, data }) => {
      try {
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime;
        const reply = (await runtime.sendMessage({ id: Date.now(), type, data, timestamp: Date.now() })) as
          { res?: unknown; err?: { message?: string } } | undefined;
        if (!reply) return { ok: false as const, error: { message: `No answer to ${type}` } };
        if (reply.err) return { ok: false as const, error: { message: String(reply.err.message ?? 'error') } };
        return reply.res as ProtocolAnswer;
      } catch (error) {
        return { ok: false as const, error: { message: String(error) } };
      }
    },
    { type, data },
  );
}

/** True once the background answers wallet:getState with a Result (its handlers are installed). */
export async function backgroundReady(page: Page): Promise<boolean> {
  const answer = await sendProtocol(page, 'wallet:getState');
  return typeof answer === 'object' && answer !== null && 'ok' in answer && answer.ok;
}

/** Collects console errors and uncaught exceptions of a page, for "no errors" assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const path = join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

let axeSource: string | undefined;

export type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

/**
 * Runs axe-core in the page and throws on serious or critical violations. The script is evaluated
 * over the DevTools protocol, which the extension's CSP (script-src 'self') does not block.
 */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  axeSource ??= readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: object,
          ): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => JSON.stringify(n.target)),
    }));
  });
  const serious = violations.filter((v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    throw new Error(
      `axe found ${serious.length} serious/critical violation(s) on ${label}:\n${serious.map((v) => `- ${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).join(', ')}`).join('\n')}`,
    );
  }
}

/** Waits for a page of the context whose URL contains `part` (e.g. the approval window). */
export async function waitForPage(context: BrowserContext, part: string, timeout = 30_000): Promise<Page> {
  const existing = context.pages().find((p) => p.url().includes(part));
  if (existing) return existing;
  const found = new Promise<Page>((resolvePage, reject) => {
    const timer = setTimeout(() => {
      context.off('page', onPage);
      reject(new Error(`No page with "${part}" in its URL opened within ${timeout} ms`));
    }, timeout);
    const onPage = (page: Page) => {
      // A window opened by the extension may report about:blank until its first navigation commits.
      void page.waitForLoadState('domcontentloaded').then(
        () => {
          if (!page.url().includes(part)) return;
          clearTimeout(timer);
          context.off('page', onPage);
          resolvePage(page);
        },
        () => undefined,
      );
    };
    context.on('page', onPage);
  });
  // A caller that gave up (its test failed first) must not crash the run with an unhandled rejection;
  // a caller that awaits still gets the error.
  found.catch(() => undefined);
  return found;
}

/** Waits until a page closes itself (or is already closed). */
export function waitForClose(page: Page, timeout = 30_000): Promise<void> {
  if (page.isClosed()) return Promise.resolve();
  const closed = page.waitForEvent('close', { timeout }).then(() => undefined);
  closed.catch(() => undefined);
  return closed;
}

/**
 * Presses an approval window's button once it is armed (the click-through guard) and waits for the window to
 * close; the approving click closing the page under Playwright is not an error.
 */
export async function decideInWindow(approval: Page, button: string): Promise<void> {
  const closed = waitForClose(approval);
  await approval.locator('button[data-armed="true"]', { hasText: button }).waitFor();
  await approval
    .getByRole('button', { name: button, exact: true })
    .click()
    .catch((e: Error) => {
      if (!/closed/i.test(e.message)) throw e;
    });
  await closed;
}

/**
 * Stops the extension's service worker through the DevTools protocol, as Chrome does when it idles one
 * out: in-memory state is gone, chrome.storage.session survives. Returns once Chrome reports it
 * stopped, without waking it (`page` is any extension page, used only to reach CDP).
 */
export async function stopServiceWorker(ballast: Ballast, page: Page): Promise<void> {
  const cdp = await ballast.context.newCDPSession(page);
  const scope = `chrome-extension://${ballast.extensionId}/`;
  type Versions = { versions: { scriptURL: string; runningStatus: string }[] };
  const stopped = new Promise<void>((resolveStopped) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: Versions) => {
      if (versions.some((v) => v.scriptURL.startsWith(scope) && v.runningStatus === 'stopped')) resolveStopped();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.send('ServiceWorker.disable').catch(() => undefined);
  await cdp.detach().catch(() => undefined);
}

/**
 * Stops the service worker (stopServiceWorker), then wakes it with a message from `page` (an extension
 * page). Returns once the new worker answers.
 */
export async function restartServiceWorker(ballast: Ballast, page: Page): Promise<void> {
  await stopServiceWorker(ballast, page);
  const scope = `chrome-extension://${ballast.extensionId}/`;
  const woke = await backgroundReady(page);
  if (!woke) throw new Error('The service worker did not answer after the restart');
  // Playwright keeps one Worker handle per target and it works again once the worker is awake.
  ballast.serviceWorker = ballast.context.serviceWorkers().find((w) => w.url().startsWith(scope)) ?? ballast.serviceWorker;
}
