import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  backgroundReady,
  collectErrors,
  expectNoAxeViolations,
  launchBallast,
  screenshot,
  sendProtocol,
  waitForClose,
  waitForPage,
} from './harness';
import type { Ballast } from './harness';
import { startDappServer } from './dapp-server';
import { DEV_MNEMONIC } from '../devnet/context';

const PASSWORD = 'correct horse battery';
const ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

type Announced = { info: { uuid: string; name: string; rdns: string }; provider: { request(a: { method: string }): Promise<unknown> } };

/** Starts eth_requestAccounts through the Ballast EIP-6963 provider; the answer lands in window.__answer. */
async function requestAccounts(dapp: Page) {
  await dapp.evaluate(() => {
    const w = window as unknown as { __providers: Announced[]; __answer?: unknown };
    const ballast = w.__providers.find((p) => p.info.name === 'Ballast');
    void ballast!.provider.request({ method: 'eth_requestAccounts' }).then(
      (accounts) => (w.__answer = { accounts }),
      (error: { code?: number; message?: string }) => (w.__answer = { error: { code: error.code, message: error.message } }),
    );
  });
}

function answerOf(dapp: Page) {
  return dapp.waitForFunction(() => (window as unknown as { __answer?: unknown }).__answer).then((h) => h.jsonValue());
}

describe('approval window', () => {
  let ballast: Ballast;
  let server: Awaited<ReturnType<typeof startDappServer>>;
  let ready = false;
  beforeAll(async () => {
    server = await startDappServer();
    ballast = await launchBallast();
    const popup = await ballast.openPopup();
    ready = await backgroundReady(popup);
    if (ready) {
      const imported = await sendProtocol(popup, 'wallet:importMnemonic', { mnemonic: DEV_MNEMONIC, password: PASSWORD });
      expect(imported).toEqual({ ok: true, value: true });
    }
    await popup.close();
  });
  afterAll(async () => {
    await ballast?.close();
    await server?.close();
  });

  async function openDapp(): Promise<Page | undefined> {
    const dapp = await ballast.context.newPage();
    await dapp.goto(`${server.origin}/`);
    // The MAIN-world script announces at document_start; the page asked again on load. Either way
    // the announcement is in by the time the page has loaded, or Ballast has no provider yet.
    const found = await dapp.evaluate(() =>
      (window as unknown as { __providers: Announced[] }).__providers.some((p) => p.info.name === 'Ballast'),
    );
    return found ? dapp : undefined;
  }

  it('shows a connect request with the site origin and hands the approved account to the page', async (ctx) => {
    if (!ready) ctx.skip('the background does not answer wallet:getState yet');
    const dapp = await openDapp();
    if (!dapp) ctx.skip('no Ballast EIP-6963 announcement yet (page provider not built)');
    await requestAccounts(dapp!);
    const approval = await waitForPage(ballast.context, 'approval.html');
    const errors = collectErrors(approval);
    await approval.getByTestId('request-origin').waitFor();
    expect(await approval.getByTestId('request-origin').textContent()).toBe(server.origin);
    // Which network the request is for, by name and chain id (the test build's devnet is active).
    await expect.poll(() => approval.getByTestId('request-network').textContent()).toBe('Network: Ballast devnet · chain id 1');
    await expect.poll(() => approval.getByRole('checkbox', { name: /Account 1/ }).isChecked()).toBe(true);
    await expectNoAxeViolations(approval, 'approval connect (light)');
    await screenshot(approval, 'approval-connect');
    const closed = waitForClose(approval);
    await approval
      .getByRole('button', { name: 'Connect' })
      .click()
      .catch((e: Error) => {
        if (!/closed/.test(e.message)) throw e; // the window may close under the click
      });
    await closed;
    const answer = (await answerOf(dapp!)) as { accounts?: string[] };
    expect(answer.accounts?.map((a) => a.toLowerCase())).toEqual([ACCOUNT_0.toLowerCase()]);
    expect(errors).toEqual([]);
  });

  it('asks to unlock first when the wallet is locked, and a reject reaches the page as 4001', async (ctx) => {
    if (!ready) ctx.skip('the background does not answer wallet:getState yet');
    const extensionPage = await ballast.openPopup();
    await sendProtocol(extensionPage, 'sites:revoke', { origin: server.origin });
    expect(await sendProtocol(extensionPage, 'wallet:lock')).toEqual({ ok: true, value: true });
    await extensionPage.close();
    const dapp = await openDapp();
    if (!dapp) ctx.skip('no Ballast EIP-6963 announcement yet (page provider not built)');
    await requestAccounts(dapp!);
    const approval = await waitForPage(ballast.context, 'approval.html');
    await approval.getByRole('heading', { name: 'Unlock Ballast' }).waitFor();
    await screenshot(approval, 'approval-locked');
    await approval.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await approval.getByRole('button', { name: 'Unlock' }).click();
    await approval.getByTestId('request-origin').waitFor();
    const closed = waitForClose(approval);
    await approval
      .getByRole('button', { name: 'Reject' })
      .click()
      .catch((e: Error) => {
        if (!/closed/.test(e.message)) throw e;
      });
    await closed;
    const answer = (await answerOf(dapp!)) as { error?: { code?: number } };
    expect(answer.error?.code).toBe(4001);
  });
});
