/**
 * The real MetaMask test dApp (@metamask/test-dapp dist/) served on loopback, driven with Ballast as
 * its wallet. Waits are on selectors, pages, console lines and receipts; nothing sleeps.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import type { BrowserContext, ConsoleMessage, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startDevnet, type Devnet } from '../devnet/devnet';
import { launchBallast, onboardOnDevnet, waitForClose, waitForPage, type Ballast } from './harness';

export const PASSWORD = 'correct horse battery';
/** Account 0 of the dev mnemonic, funded on anvil; the dApp sees it in lowercase, as MetaMask reports it. */
export const ACCOUNT_0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';

const DIST = resolve(import.meta.dirname, '../../node_modules/@metamask/test-dapp/dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** Serves the test dApp's dist/ on 127.0.0.1 (port from the OS). */
export async function serveTestDapp(): Promise<{ origin: string; close(): Promise<void> }> {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error(`@metamask/test-dapp is not installed (${DIST}/index.html missing): run npm install.`);
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(DIST, path === '/' ? 'index.html' : path);
    if (!file.startsWith(DIST) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : r()));
      }),
  };
}

/** Imports the dev mnemonic and points the devnet network (active) at this test's anvil. */
export async function onboard(ballast: Ballast, rpcUrl: string): Promise<void> {
  const page = await ballast.context.newPage();
  try {
    await page.goto(ballast.url('popup.html'));
    await onboardOnDevnet(page, { rpcUrl, password: PASSWORD });
  } finally {
    await page.close();
  }
}

/** What each test-dApp file runs against: an unseeded devnet, the dApp's server, Ballast onboarded on the devnet. */
export type TestDappWorld = { devnet: Devnet; server: Awaited<ReturnType<typeof serveTestDapp>>; ballast: Ballast };

/** For beforeAll: starts the three at once, then onboards Ballast. */
export async function startTestDappWorld(): Promise<TestDappWorld> {
  const [devnet, server, ballast] = await Promise.all([startDevnet({ seed: false }), serveTestDapp(), launchBallast()]);
  await onboard(ballast, devnet.rpcUrl);
  return { devnet, server, ballast };
}

/** For afterAll: stops whatever startTestDappWorld got to start. */
export async function stopTestDappWorld({ devnet, server, ballast }: Partial<TestDappWorld>): Promise<void> {
  await ballast?.close();
  await server?.close();
  await devnet?.stop();
}

/**
 * Opens the test dApp. Its CDN stylesheets are unreachable here; aborting them keeps the `load`
 * event (which starts the dApp) from waiting on the network.
 */
export async function openTestDapp(context: BrowserContext, origin: string): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text().slice(0, 300))));
  page.on('pageerror', (e) => errors.push(e.message));
  dappErrors.set(page, errors);
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${origin}/`);
  // The dApp picks the first EIP-6963 wallet on load and shows its name.
  await page.locator('#activeProviderName', { hasText: 'Ballast' }).waitFor();
  await page.locator('#chainId', { hasText: /^0x/ }).waitFor();
  return page;
}

const dappErrors = new WeakMap<Page, string[]>();

/** Clicks a button of the dApp and returns the approval window that the click opens. */
export async function clickForApproval(ballast: Ballast, dapp: Page, selector: string): Promise<Page> {
  const opened = waitForPage(ballast.context, 'approval.html');
  await dapp.locator(selector).click({ timeout: 30_000 });
  const approval = await opened.catch((error: Error) => {
    throw new Error(`${error.message} after clicking ${selector}; dApp console errors: ${JSON.stringify(dappErrors.get(dapp) ?? [])}`);
  });
  await approval.locator('#root > *').first().waitFor();
  return approval;
}

/** Clicks an approval window's button by its accessible name and waits for the window to close itself. */
export async function decide(approval: Page, button: string | RegExp): Promise<void> {
  const closed = waitForClose(approval);
  await approval
    .getByRole('button', { name: button })
    .click()
    .catch((e: Error) => {
      // The click that approves closes the window; Playwright may report that as an error.
      if (!/closed/i.test(e.message)) throw e;
    });
  await closed;
}

/** Resolves with the first console line of the page matching `pattern` (the dApp logs tx results there). */
export function nextConsoleLine(page: Page, pattern: RegExp, timeout = 60_000): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole);
      reject(new Error(`No console line matching ${pattern} within ${timeout} ms`));
    }, timeout);
    const onConsole = (message: ConsoleMessage) => {
      const text = message.text();
      if (!pattern.test(text)) return;
      clearTimeout(timer);
      page.off('console', onConsole);
      resolvePromise(text);
    };
    page.on('console', onConsole);
  });
}

/** Text of a dApp element once it matches `pattern`. */
export async function textWhen(page: Page, selector: string, pattern: RegExp, timeout = 60_000): Promise<string> {
  const locator = page.locator(selector);
  await locator.filter({ hasText: pattern }).waitFor({ timeout });
  return (await locator.textContent())?.trim() ?? '';
}

/** Value of an input once it is non-empty. */
export async function valueWhen(page: Page, selector: string, timeout = 60_000): Promise<string> {
  const handle = await page.waitForFunction((s) => (document.querySelector(s) as HTMLInputElement | null)?.value || undefined, selector, {
    timeout,
  });
  return (await handle.jsonValue()) as string;
}

/** Connects the dApp through its own Connect button and Ballast's approval window. */
export async function connectDapp(ballast: Ballast, dapp: Page): Promise<void> {
  const approval = await clickForApproval(ballast, dapp, '#connectButton');
  await decide(approval, /connect/i);
  await dapp.locator('#accounts', { hasText: ACCOUNT_0 }).waitFor();
}

/** Connects unless the dApp already shows account 0 (tests in a file share one browser). */
export async function ensureConnected(ballast: Ballast, dapp: Page): Promise<void> {
  // The Connect button reads "Connected" (disabled) once the dApp has accounts, "Connect" (enabled) before.
  const button = dapp.locator('#connectButton');
  await dapp.locator('#connectButton:not([disabled]), #connectButton:has-text("Connected")').waitFor();
  if ((await button.textContent())?.trim() !== 'Connected') await connectDapp(ballast, dapp);
  expect((await dapp.locator('#accounts').textContent())?.trim()).toBe(ACCOUNT_0);
}

/** The value a dApp passed to console.log(label, value), read off the page's console. */
export function nextLoggedObject<T>(page: Page, label: string, read: (value: unknown) => T, timeout = 60_000): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      page.off('console', onConsole);
      reject(new Error(`No console.log("${label}", …) within ${timeout} ms`));
    }, timeout);
    const onConsole = (message: ConsoleMessage) => {
      const [first, second] = message.args();
      if (!first || !second) return;
      void first.jsonValue().then(
        async (value) => {
          if (value !== label) return;
          clearTimeout(timer);
          page.off('console', onConsole);
          resolvePromise(await second.evaluate(read));
        },
        () => undefined,
      );
    };
    page.on('console', onConsole);
  });
}
