/**
 * Shared steps of the isolation tests: a wallet with the public dev mnemonic, page calls through the
 * recording page of isolation-sites.ts, the wallet's observable state (compared before and after an
 * attack), and the user's answer in the approval window.
 */
import type { CDPSession, Frame, Page } from 'playwright-core';
import { DEV_MNEMONIC } from '../devnet/context';
import { expectOk, launchBallast, waitForClose, waitForPage, type Ballast } from './harness';
import { startTwoSites, type TwoSites } from './isolation-sites';

export const PASSWORD = 'correct horse battery';
/** Index 0 of the dev mnemonic (published anvil / hardhat dev account). */
export const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

export type CallOutcome = { result?: unknown; error?: { code: number; message: string } };

/** A launched wallet with one imported mnemonic and an extension page (popup.html in a tab) to ask it things. */
export async function walletWithMnemonic(): Promise<{ ballast: Ballast; ui: Page }> {
  const ballast = await launchBallast();
  const ui = await ballast.openPopup();
  await expectOk(ui, 'wallet:importMnemonic', { mnemonic: DEV_MNEMONIC, password: PASSWORD });
  return { ballast, ui };
}

/** What every isolation test file runs against: the two sites' servers and a wallet with the dev mnemonic. */
export type IsolationWorld = { ballast: Ballast; ui: Page; sites: TwoSites };

/** For beforeAll: starts the two sites, then the wallet; closes the sites again if the wallet fails to start. */
export async function startIsolationWorld(): Promise<IsolationWorld> {
  const sites = await startTwoSites();
  try {
    const { ballast, ui } = await walletWithMnemonic();
    return { ballast, ui, sites };
  } catch (error) {
    await sites.close();
    throw error;
  }
}

/** For afterAll: closes whatever startIsolationWorld got to start. */
export async function stopIsolationWorld({
  ballast,
  sites,
}: {
  ballast?: Ballast | undefined;
  sites?: TwoSites | undefined;
}): Promise<void> {
  await ballast?.close();
  await sites?.close();
}

/** Opens `url` and waits until Ballast's provider announced itself in the top frame. */
export async function openSite(ballast: Ballast, url: string): Promise<Page> {
  const page = await ballast.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => '__ballast' in window);
  return page;
}

/** One request through the page's Ballast provider, from page JavaScript. */
export function call(frame: Page | Frame, method: string, params?: unknown): Promise<CallOutcome> {
  return frame.evaluate(([m, p]) => (window as unknown as { __call(m: string, p: unknown): Promise<CallOutcome> }).__call(m as string, p), [
    method,
    params,
  ] as const);
}

/** Starts a request and leaves it running; its outcome lands in window.__pending[key]. */
export async function startCall(frame: Page | Frame, key: string, method: string, params?: unknown): Promise<void> {
  await frame.evaluate(
    ([k, m, p]) => {
      const w = window as unknown as { __pending?: Record<string, unknown>; __call(m: string, p: unknown): Promise<unknown> };
      w.__pending ??= {};
      void w.__call(m as string, p).then((outcome) => (w.__pending![k as string] = outcome));
    },
    [key, method, params] as const,
  );
}

/** Whether a started call has an outcome yet (undefined while it waits). */
export function outcomeOf(frame: Page | Frame, key: string): Promise<CallOutcome | undefined> {
  return frame.evaluate((k) => (window as unknown as { __pending?: Record<string, CallOutcome> }).__pending?.[k], key);
}

export function waitOutcome(frame: Page | Frame, key: string): Promise<CallOutcome> {
  return frame
    .waitForFunction((k) => (window as unknown as { __pending?: Record<string, unknown> }).__pending?.[k], key)
    .then((handle) => handle.jsonValue() as Promise<CallOutcome>);
}

/** What the wallet would show or reveal: lock state, accounts, connected sites, open requests, settings, raw local storage. */
export async function walletState(ballast: Ballast, ui: Page) {
  const state = (await expectOk(ui, 'wallet:getState')) as {
    status: string;
    accounts: unknown[];
    selectedAddress?: string;
    pendingCount: number;
  };
  return {
    status: state.status,
    accounts: state.accounts,
    selectedAddress: state.selectedAddress,
    sites: await expectOk(ui, 'sites:list'),
    pending: ((await expectOk(ui, 'pending:list')) as { id: string; origin: string; method: string }[]).map(({ id, origin, method }) => ({
      id,
      origin,
      method,
    })),
    settings: await expectOk(ui, 'settings:get'),
    storageLocal: await ballast.serviceWorker.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<Record<string, unknown>> } } } };
      const all = await chrome.storage.local.get(null);
      // The auto-lock deadline moves with every message the background handles; it is not wallet state.
      return JSON.stringify(
        Object.fromEntries(
          Object.entries(all)
            .filter(([key]) => !/autolock|lastActive/i.test(key))
            .sort(([x], [y]) => x.localeCompare(y)),
        ),
      );
    }),
  };
}

/** The user answers the approval window: it must show `origin`; returns once the window closed. */
export async function answerApproval(ballast: Ballast, origin: string, button: 'Connect' | 'Sign' | 'Reject'): Promise<void> {
  const approval = await waitForPage(ballast.context, 'approval.html');
  await approval.getByTestId('request-origin').waitFor();
  const shown = await approval.getByTestId('request-origin').textContent();
  if (shown !== origin) throw new Error(`The approval window shows ${shown}, expected ${origin}`);
  const closed = waitForClose(approval);
  await approval
    .getByRole('button', { name: button })
    .click()
    .catch((e: Error) => {
      if (!/closed/.test(e.message)) throw e; // the window may close under the click
    });
  await closed;
}

type ExecutionContext = { id: number; origin: string; name: string; auxData?: { isDefault?: boolean; type?: string; frameId?: string } };

/** Evaluates JavaScript in Ballast's content-script world of the page's top frame (found over the DevTools protocol). */
export async function contentScriptWorld(ballast: Ballast, page: Page) {
  const cdp: CDPSession = await ballast.context.newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  cdp.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => contexts.push(context));
  await cdp.send('Runtime.enable'); // reports every existing context before it returns
  const { frameTree } = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
  const world = contexts.find(
    (c) =>
      c.origin === `chrome-extension://${ballast.extensionId}` &&
      c.auxData?.frameId === frameTree.frame.id &&
      c.auxData?.isDefault === false,
  );
  if (!world) throw new Error(`No Ballast content-script world among ${JSON.stringify(contexts)}`);
  return {
    async evaluate<T>(expression: string): Promise<T> {
      const answer = (await cdp.send('Runtime.evaluate', { expression, contextId: world.id, awaitPromise: true, returnByValue: true })) as {
        result: { value?: T };
        exceptionDetails?: { text: string; exception?: { description?: string } };
      };
      if (answer.exceptionDetails)
        throw new Error(`${answer.exceptionDetails.text} ${answer.exceptionDetails.exception?.description ?? ''}`);
      return answer.result.value as T;
    },
    detach: () => cdp.detach(),
  };
}
